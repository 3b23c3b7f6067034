"""Pure nudge rules and time arithmetic: DST, quiet hours, snoozes, weekdays, wording."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from companion.nudge_rules import (
    Defer,
    NudgeFacts,
    Send,
    Skip,
    decide,
    first_occurrence,
    goal_reminder_days,
    goal_reminder_time,
    next_occurrence,
    parse_snooze,
    render_nudge,
)
from companion.nudge_schedule import (
    defer_past_quiet_hours,
    in_quiet_hours,
    lateness_decision,
    next_daily,
    snooze_until,
    wall_time_instant,
)

UTC = timezone.utc
AKL = "Pacific/Auckland"
CHT = "Pacific/Chatham"


def firings(local: time, zone: str, start: datetime, days: int) -> list[datetime]:
    out, t = [], start
    while t < start + timedelta(days=days):
        t = next_daily(local, zone, t)
        out.append(t)
    return out


def test_0230_in_auckland_fires_once_per_local_date_across_both_2026_changes() -> None:
    for start in (datetime(2026, 3, 30, tzinfo=UTC), datetime(2026, 9, 22, tzinfo=UTC)):
        shots = firings(time(2, 30), AKL, start, 10)
        dates = [s.astimezone(ZoneInfo(AKL)).date() for s in shots]
        assert len(dates) == len(set(dates))
        assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(dates))
    # 5 Apr: 02:30 happens twice; only the first (NZDT) counts
    assert wall_time_instant(date(2026, 4, 5), time(2, 30), AKL) == datetime(
        2026, 4, 4, 13, 30, tzinfo=UTC
    )
    # 27 Sep: 02:30 does not exist; it fires at 03:30 NZDT
    sep = wall_time_instant(date(2026, 9, 27), time(2, 30), AKL)
    assert sep == datetime(2026, 9, 26, 14, 30, tzinfo=UTC)
    assert sep.astimezone(ZoneInfo(AKL)).time() == time(3, 30)


def test_chatham_keeps_its_local_time_and_45_minutes_on_auckland() -> None:
    start = datetime(2026, 9, 20, tzinfo=UTC)
    chatham = firings(time(9, 0), CHT, start, 14)
    auckland = firings(time(9, 0), AKL, start, 14)
    for c, a in zip(chatham, auckland, strict=True):
        assert c.astimezone(ZoneInfo(CHT)).time() == time(9, 0)
        assert a - c == timedelta(minutes=45)


def test_every_time_of_day_in_2026_fires_once_per_local_date() -> None:
    for minutes in range(0, 24 * 60, 90):
        local = time(minutes // 60, minutes % 60)
        shots = firings(local, AKL, datetime(2026, 1, 1, tzinfo=UTC), 365)
        dates = [s.astimezone(ZoneInfo(AKL)).date() for s in shots]
        assert len(dates) == len(set(dates)), local


def test_quiet_hours_wrap_midnight_and_defer_to_their_end() -> None:
    assert in_quiet_hours(time(23, 0), time(22, 0), time(7, 0))
    assert in_quiet_hours(time(22, 0), time(22, 0), time(7, 0))
    assert not in_quiet_hours(time(7, 0), time(22, 0), time(7, 0))
    assert in_quiet_hours(time(13, 0), time(12, 0), time(14, 0))
    assert not in_quiet_hours(time(13, 0), None, None)
    late = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)  # 23:00 NZDT
    assert defer_past_quiet_hours(late, AKL, time(22, 0), time(7, 0)) == datetime(
        2026, 11, 22, 18, 0, tzinfo=UTC
    )
    early = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # 05:00 NZDT the next day
    assert defer_past_quiet_hours(early, AKL, time(22, 0), time(7, 0)) == datetime(
        2026, 11, 22, 18, 0, tzinfo=UTC
    )
    noon = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    assert defer_past_quiet_hours(noon, AKL, time(22, 0), time(7, 0)) == noon


def test_snooze_choices() -> None:
    now = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)  # 15:00 NZDT
    assert snooze_until("1h", now, AKL) == now + timedelta(hours=1)
    assert snooze_until("evening", now, AKL) == datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
    at_1845 = datetime(2026, 11, 22, 5, 45, tzinfo=UTC)
    assert snooze_until("evening", at_1845, AKL) == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert snooze_until("tomorrow", now, AKL) == datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        snooze_until("never", now, AKL)
    with pytest.raises(ValueError):
        snooze_until("1h", datetime(2026, 11, 22, 2, 0), AKL)


def test_lateness_window_boundary() -> None:
    due = datetime(2026, 11, 22, tzinfo=UTC)
    window = timedelta(minutes=10)
    assert lateness_decision(due, due + window, window) == "send"
    assert lateness_decision(due, due + window + timedelta(seconds=1), window) == "skip"


def facts(**kw: object) -> NudgeFacts:
    base: dict[str, object] = {
        "due_at": datetime(2026, 11, 22, 0, 0, tzinfo=UTC),
        "kind": "checkin",
        "client_found": True,
        "client_active": True,
        "in_crisis": False,
        "schedule_status": "active",
        "zone": AKL,
        "quiet_start": None,
        "quiet_end": None,
        "checked_in_since_due": False,
    }
    return NudgeFacts(**(base | kw))  # type: ignore[arg-type]


def test_decide_records_every_reason_and_crisis_comes_before_sending() -> None:
    now = datetime(2026, 11, 22, 0, 5, tzinfo=UTC)
    window = timedelta(hours=1)
    assert decide(facts(), now, window) == Send()
    assert decide(facts(in_crisis=True), now, window) == Skip("crisis_open")
    assert decide(facts(client_active=False), now, window) == Skip("blocked")
    assert decide(facts(client_found=False), now, window) == Skip("client_gone")
    assert decide(facts(schedule_status="paused"), now, window) == Skip("schedule_paused")
    late = now + timedelta(hours=2)
    assert decide(facts(), late, window) == Skip("late")
    followup = facts(kind="followup", checked_in_since_due=True)
    assert decide(followup, now, window) == Skip("checked_in")
    quiet = facts(quiet_start=time(12, 0), quiet_end=time(14, 0))  # 13:05 NZDT
    assert decide(quiet, now, window) == Defer(datetime(2026, 11, 22, 1, 0, tzinfo=UTC))


def test_weekday_masks_and_goal_times_from_the_plans_words() -> None:
    assert goal_reminder_time("7pm after dinner") == time(19, 0)
    assert goal_reminder_time("at 6.30 am") == time(6, 30)
    assert goal_reminder_time("after work") == time(17, 0)
    assert goal_reminder_time("whenever") is None
    assert goal_reminder_days("monday and thursday") == 0b0001001
    assert goal_reminder_days("weekends") == 0b1100000
    assert goal_reminder_days("most days") == 0b1111111
    day, _ = next_occurrence(time(9, 0), AKL, date(2026, 11, 23), 0b0001001)  # Mon -> Thu
    assert day == date(2026, 11, 26) and day.weekday() == 3
    day, _ = first_occurrence(time(9, 0), AKL, datetime(2026, 11, 22, tzinfo=UTC), 0b0000001)
    assert day == date(2026, 11, 23)


def test_nudge_wording_is_short_warm_and_easy_to_put_off() -> None:
    for kind in ("checkin", "goal", "followup"):
        reply = render_nudge(kind, 41, "Mere", 7, "walk to the beach")
        assert len(reply.text.split()) <= 25
        assert "Mere" in reply.text
        titles = [b.title for b in reply.buttons]
        assert {"In 1 hour", "This evening", "Tomorrow"} <= set(titles)
        assert all(len(b.payload.encode()) <= 64 for b in reply.buttons)
    assert parse_snooze("nudge:snooze:41:1h") == (41, "1h")
    assert parse_snooze("nudge:snooze:41:forever") is None
    assert parse_snooze("nudge:snooze:x:1h") is None
