"""What to do with a due nudge, and what it says: pure functions, no I/O, no clock reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from companion.nudge_schedule import defer_past_quiet_hours, lateness_decision, next_daily
from companion.replies import Button, Reply
from companion.timekeeping import parse_local_time

SNOOZE_CHOICES = (("1h", "In 1 hour"), ("evening", "This evening"), ("tomorrow", "Tomorrow"))
ALL_WEEKDAYS = 0b1111111


@dataclass(frozen=True)
class Send:
    """Send it now."""


@dataclass(frozen=True)
class Skip:
    """Record it as not sent, with the reason."""

    reason: str


@dataclass(frozen=True)
class Defer:
    """Put it back until this instant (quiet hours)."""

    until: datetime


Decision = Send | Skip | Defer


@dataclass(frozen=True)
class NudgeFacts:
    """Everything the decision depends on, read from the database in one go per batch."""

    due_at: datetime
    kind: str
    client_found: bool
    client_active: bool
    in_crisis: bool
    schedule_status: str | None  # None for one-off nudges
    zone: str
    quiet_start: time | None
    quiet_end: time | None
    checked_in_since_due: bool


def decide(facts: NudgeFacts, now: datetime, late_window: timedelta) -> Decision:
    """Send, skip with a reason, or defer past quiet hours. Nothing is dropped silently."""
    if not facts.client_found:
        return Skip("client_gone")
    if not facts.client_active:
        return Skip("blocked")
    if facts.schedule_status in ("paused", "stopped"):
        return Skip(f"schedule_{facts.schedule_status}")
    if facts.in_crisis:
        return Skip("crisis_open")  # safety.md: no cheerful nudges during an open crisis
    if facts.kind == "followup" and facts.checked_in_since_due:
        return Skip("checked_in")
    if lateness_decision(facts.due_at, now, late_window) == "skip":
        return Skip("late")
    after_quiet = defer_past_quiet_hours(now, facts.zone, facts.quiet_start, facts.quiet_end)
    if after_quiet > now:
        return Defer(after_quiet)
    return Send()


def weekday_allowed(mask: int, day: date) -> bool:
    """True when the schedule's weekday mask (bit 0 = Monday) includes this date."""
    return bool(mask & (1 << day.weekday()))


def next_occurrence(
    local_time: time, zone: str, after_local_date: date, weekdays: int = ALL_WEEKDAYS
) -> tuple[date, datetime]:
    """The first allowed local date after `after_local_date` and its UTC instant (DST-correct)."""
    if not weekdays & ALL_WEEKDAYS:
        raise ValueError("a schedule needs at least one weekday")
    tz = ZoneInfo(zone)
    day = after_local_date + timedelta(days=1)
    while not weekday_allowed(weekdays, day):
        day += timedelta(days=1)
    # Just before local midnight starting `day`: next_daily then gives that day's firing.
    midnight = datetime.combine(day, time(0), tzinfo=tz)
    instant = next_daily(
        local_time, zone, midnight.astimezone(ZoneInfo("UTC")) - timedelta(seconds=1)
    )
    return instant.astimezone(tz).date(), instant


def first_occurrence(
    local_time: time, zone: str, now: datetime, weekdays: int = ALL_WEEKDAYS
) -> tuple[date, datetime]:
    """The next firing strictly after `now` on an allowed weekday."""
    instant = next_daily(local_time, zone, now)
    local_day = instant.astimezone(ZoneInfo(zone)).date()
    if weekday_allowed(weekdays, local_day):
        return local_day, instant
    return next_occurrence(local_time, zone, local_day, weekdays)


def _snooze_buttons(nudge_id: int) -> tuple[Button, ...]:
    return tuple(Button(title, f"nudge:snooze:{nudge_id}:{key}") for key, title in SNOOZE_CHOICES)


def render_nudge(
    kind: str, nudge_id: int, name: str | None, plan_id: int | None, plan_what: str | None
) -> Reply:
    """The words and buttons of a nudge: short, warm, plain, and easy to put off."""
    hello = f"Kia ora {name}" if name else "Kia ora"
    snooze = _snooze_buttons(nudge_id)
    if kind == "goal" and plan_id is not None:
        what = f" ({plan_what})" if plan_what else ""
        return Reply(
            text=f"{hello}, a gentle reminder about your goal{what}. How is it going?",
            buttons=(Button("Check in on it", f'/plan_checkin{{"plan_id":"{plan_id}"}}'), *snooze),
        )
    if kind == "followup":
        return Reply(
            text=f"{hello}, just looking in. No pressure: a check-in is here whenever you want it.",
            buttons=(Button("Check in now", "/mood_checkin"), *snooze),
        )
    return Reply(
        text=f"{hello}, it's check-in time. How are you going today?",
        buttons=(Button("Check in now", "/mood_checkin"), *snooze),
    )


def parse_snooze(data: str) -> tuple[int, str] | None:
    """(nudge id, choice) from a snooze button's callback data, or None if it isn't one."""
    parts = data.split(":")
    if len(parts) != 4 or parts[:2] != ["nudge", "snooze"]:
        return None
    if not parts[2].isdigit() or parts[3] not in {key for key, _ in SNOOZE_CHOICES}:
        return None
    return int(parts[2]), parts[3]


_TIME_IN_TEXT = re.compile(r"\b(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)|\d{1,2}[:.]\d{2})\b", re.I)
_PARTS_OF_DAY = (
    (("morning", "breakfast", "wake up", "before work"), time(8, 0)),
    (("lunch", "midday"), time(12, 0)),
    (("after school",), time(15, 30)),
    (("afternoon", "after work", "after mahi"), time(17, 0)),
    (("evening", "tonight", "after dinner", "after tea", "night"), time(19, 0)),
)
_DAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip


def goal_reminder_time(when_text: str) -> time | None:
    """The time of day a goal's "when" names ("7pm", "after work"), or None if it names none."""
    match = _TIME_IN_TEXT.search(when_text)
    if match:
        parsed = parse_local_time(match.group(1).replace(" ", ""))
        if parsed is not None:
            return parsed
    lowered = when_text.lower()
    for words, at in _PARTS_OF_DAY:
        if any(word in lowered for word in words):
            return at
    return None


def goal_reminder_days(when_text: str) -> int:
    """A weekday mask from the days a goal's "when" names; every day when it names none."""
    lowered = when_text.lower()
    if "weekday" in lowered:
        return 0b0011111
    if "weekend" in lowered:
        return 0b1100000
    mask = 0
    for word in re.findall(r"[a-z]+", lowered):
        if word in _DAYS:
            mask |= 1 << _DAYS[word]
    return mask or ALL_WEEKDAYS
