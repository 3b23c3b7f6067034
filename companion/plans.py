"""Action-plan logic: confidence rule, streaks and the weekly summary (pure, `now` passed in)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

CONFIDENCE_TO_PROCEED = 7  # Brief Action Planning: below 7, make the step smaller
MAX_SHRINKS = 2  # after two tries the client's plan stands as they want it

LIFE_AREAS = {
    "physical": "Physical health",
    "mental": "Mind and feelings",
    "whanau": "Whānau and relationships",
    "community": "Community",
    "work": "Work, study, training",
    "spiritual": "Culture and spirit",
}
OUTCOMES = ("done", "partly", "not_yet")


@dataclass(frozen=True)
class PlanView:
    """What a summary needs to know of a plan."""

    id: int
    what: str
    how_much: str
    when_text: str
    days_per_week: int


@dataclass(frozen=True)
class CheckinView:
    """One check-in of a plan."""

    plan_id: int
    outcome: str
    at: datetime


def describe_plan(plan: PlanView) -> str:
    """One line: "walk, 10 minutes, after lunch, 3 days this week"."""
    if plan.days_per_week == 7:
        days = "every day"
    elif plan.days_per_week == 1:
        days = "1 day this week"
    else:
        days = f"{plan.days_per_week} days this week"
    return f"{plan.what}, {plan.how_much}, {plan.when_text}, {days}"


def should_shrink(confidence: int, shrinks_so_far: int) -> bool:
    """True when confidence is under 7 and we haven't already tried to shrink it twice."""
    return confidence < CONFIDENCE_TO_PROCEED and shrinks_so_far < MAX_SHRINKS


def local_week_start(moment: datetime, zone: str) -> date:
    """The Monday of the client's local week containing `moment`."""
    local = moment.astimezone(ZoneInfo(zone)).date()
    return local - timedelta(days=local.weekday())


def week_streak(done_times: Iterable[datetime], now: datetime, zone: str) -> int:
    """Consecutive local weeks with a 'done', back from this week (or last, if none yet)."""
    weeks = {local_week_start(t, zone) for t in done_times}
    current = local_week_start(now, zone)
    if current not in weeks:
        current -= timedelta(days=7)
    streak = 0
    while current in weeks:
        streak += 1
        current -= timedelta(days=7)
    return streak


def weekly_summary(
    plans: Sequence[PlanView],
    checkins: Sequence[CheckinView],
    mood_scores: Sequence[int],
    now: datetime,
    zone: str,
) -> str:
    """A short summary of this local week: moods, and each plan's check-ins against its target."""
    start = local_week_start(now, zone)
    this_week = [c for c in checkins if local_week_start(c.at, zone) == start]
    lines = ["Here's your week so far:"]
    if mood_scores:
        average = sum(mood_scores) / len(mood_scores)
        lines.append(f"• Mood: {len(mood_scores)} check-ins, average {average:.1f} out of 10.")
    else:
        lines.append("• Mood: no check-ins yet this week.")
    for plan in plans:
        done = sum(1 for c in this_week if c.plan_id == plan.id and c.outcome == "done")
        partly = sum(1 for c in this_week if c.plan_id == plan.id and c.outcome == "partly")
        extra = f" (+{partly} partly)" if partly else ""
        lines.append(f"• {plan.what}: {done} of {plan.days_per_week} days{extra}.")
    if not plans:
        lines.append("• No goals yet. Want to set one? Send /goals.")
    lines.append("Every step counts, ka pai.")
    return "\n".join(lines)
