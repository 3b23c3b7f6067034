"""Time arithmetic for nudges: local wall-clock times in IANA zones, DST-correct. Pure.

A daily nudge fires once per local date. When its time does not exist that date (spring
forward, 02:30 on 27 Sep 2026 in New Zealand) it fires at the same wall time shifted by the
gap (03:30); when the time happens twice (fall back, 02:30 on 5 Apr 2026) only the first counts.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Literal
from zoneinfo import ZoneInfo

UTC = timezone.utc


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("pass a timezone-aware datetime")
    return value


def wall_time_instant(day: date, local_time: time, zone: str) -> datetime:
    """The UTC instant of `local_time` on `day` in `zone` (first one if it happens twice).

    In a spring-forward gap the wall time is read with the offset from before the change,
    which lands the same length after the gap starts: 02:30 NZST -> 03:30 NZDT.
    """
    local = datetime.combine(day, local_time, tzinfo=ZoneInfo(zone)).replace(fold=0)
    return local.astimezone(UTC)


def local_date_of(instant: datetime, zone: str) -> date:
    """The calendar date in `zone` at a UTC instant."""
    return _aware(instant).astimezone(ZoneInfo(zone)).date()


def next_daily(local_time: time, zone: str, after: datetime) -> datetime:
    """The first firing of a daily `local_time` in `zone` strictly after `after` (UTC)."""
    _aware(after)
    day = local_date_of(after, zone) - timedelta(days=1)
    while True:
        instant = wall_time_instant(day, local_time, zone)
        if instant > after:
            return instant
        day += timedelta(days=1)


def in_quiet_hours(local: time, quiet_start: time | None, quiet_end: time | None) -> bool:
    """True inside quiet hours; they may wrap midnight. Start counts as quiet, end does not."""
    if quiet_start is None or quiet_end is None or quiet_start == quiet_end:
        return False
    if quiet_start < quiet_end:
        return quiet_start <= local < quiet_end
    return local >= quiet_start or local < quiet_end


def defer_past_quiet_hours(
    when: datetime, zone: str, quiet_start: time | None, quiet_end: time | None
) -> datetime:
    """`when` unchanged, or the instant the client's quiet hours end if it falls inside them."""
    local = _aware(when).astimezone(ZoneInfo(zone))
    wall = local.time().replace(tzinfo=None)
    if quiet_end is None or not in_quiet_hours(wall, quiet_start, quiet_end):
        return when
    end_day = local.date()
    if wall >= quiet_end:  # quiet hours started this evening: they end tomorrow morning
        end_day += timedelta(days=1)
    return wall_time_instant(end_day, quiet_end, zone)


def snooze_until(choice: str, now: datetime, zone: str, evening: time = time(19, 0)) -> datetime:
    """When a snoozed nudge comes back: "1h", "evening" (19:00) or "tomorrow" (09:00)."""
    _aware(now)
    if choice == "1h":
        return now + timedelta(hours=1)
    today = local_date_of(now, zone)
    if choice == "evening":
        tonight = wall_time_instant(today, evening, zone)
        if tonight - now >= timedelta(minutes=30):
            return tonight
        return wall_time_instant(today + timedelta(days=1), evening, zone)
    if choice == "tomorrow":
        return wall_time_instant(today + timedelta(days=1), time(9, 0), zone)
    raise ValueError(f"unknown snooze choice {choice!r}")


def lateness_decision(
    due_at: datetime, now: datetime, window: timedelta
) -> Literal["send", "skip"]:
    """Send a late nudge while it is inside the window; older ones are skipped (and recorded)."""
    return "send" if _aware(now) - _aware(due_at) <= window else "skip"
