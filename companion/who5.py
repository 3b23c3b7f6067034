"""WHO-5 Well-Being Index: five items scored 0-5, raw 0-25, percentage = raw x 4."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

ITEMS = (
    "I have felt cheerful and in good spirits",
    "I have felt calm and relaxed",
    "I have felt active and vigorous",
    "I woke up feeling fresh and rested",
    "My daily life has been filled with things that interest me",
)
ANSWERS = (
    (5, "All of the time"),
    (4, "Most of the time"),
    (3, "More than half the time"),
    (2, "Less than half the time"),
    (1, "Some of the time"),
    (0, "At no time"),
)
LOW_RAW_THRESHOLD = 13  # raw below 13 suggests low wellbeing
DROP_THRESHOLD_POINTS = 10  # a fall of 10 percentage points is clinically relevant
INTERVAL_DAYS = 14


@dataclass(frozen=True)
class Who5Result:
    """A scored WHO-5 and whether to offer a peer contact."""

    raw: int
    percentage: int
    offer_peer_contact: bool
    reason: str


def score_who5(answers: Sequence[int], previous_raw: int | None = None) -> Who5Result:
    """Score five answers (0-5 each) against the last result, if any."""
    if len(answers) != len(ITEMS) or any(not 0 <= a <= 5 for a in answers):
        raise ValueError("WHO-5 needs five answers from 0 to 5")
    raw = sum(answers)
    percentage = raw * 4
    if raw < LOW_RAW_THRESHOLD:
        return Who5Result(raw, percentage, True, "low")
    if previous_raw is not None and (previous_raw * 4) - percentage >= DROP_THRESHOLD_POINTS:
        return Who5Result(raw, percentage, True, "drop")
    return Who5Result(raw, percentage, False, "")


OFFER_EVERY_CHECKINS = 5  # once due, offered at every fifth mood check-in, so it never nags


def who5_due(last_done: datetime, now: datetime, checkins_since: int) -> bool:
    """Fortnightly and optional: due 14 days after the last WHO-5 (or consent), now and then."""
    return now - last_done >= timedelta(days=INTERVAL_DAYS) and (
        checkins_since % OFFER_EVERY_CHECKINS == 1
    )
