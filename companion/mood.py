"""Mood check-in logic: reflections by score, behavioural-activation ideas, low-mood pattern."""

from __future__ import annotations

from collections.abc import Sequence

from companion.numbers import first_number
from companion.wording import pick

LOW_SCORE = 3  # 0-3 counts as a low mood
LOW_RUN_FOR_REFERRAL = 3  # this many low moods in a row → soft offer of a peer contact

REFLECTIONS = {
    "low": (
        "Thanks for telling me. That sounds like a hard day, and it's okay to feel this way.",
        "I hear you, today sounds tough. Thank you for checking in anyway.",
        "That sounds heavy. I'm glad you let me know how you're going.",
    ),
    "middle": (
        "Thanks for checking in. Some days are in-between, and that's okay.",
        "Got it, a so-so kind of day. Thanks for letting me know.",
        "Thanks. Middle-of-the-road days count too.",
    ),
    "high": (
        "Ka pai! Great to hear you're feeling good.",
        "That's awesome to hear. What's helped today?",
        "Love that. Thanks for sharing the good days too.",
    ),
}

ACTIVATION_IDEAS = (
    "If it feels doable, one small thing might help: a short walk, a cup of tea outside, or a "
    "song you like.",
    "Sometimes one tiny step helps a bit: open a window, have some water, or text someone "
    "you like.",
    "If you're up for it, try something small and kind for yourself, like a shower, some kai, or "
    "five minutes in the sun.",
)


def mood_band(score: int) -> str:
    """low (0-3), middle (4-6) or high (7-10)."""
    if not 0 <= score <= 10:
        raise ValueError("mood score must be 0-10")
    if score <= LOW_SCORE:
        return "low"
    return "middle" if score <= 6 else "high"


def reflect_on_mood(score: int, seed: str) -> str:
    """A short, warm reflection of the score; low moods get a small activation idea too."""
    band = mood_band(score)
    text = pick(REFLECTIONS[band], seed)
    if band == "low":
        text += " " + pick(ACTIVATION_IDEAS, seed + "ba")
    return text


def parse_mood_score(value: object) -> int | None:
    """A 0-10 score from an entity or typed text ("7", "7/10", "about a 6"), else None."""
    return first_number(value, 0, 10)


def needs_soft_referral(recent_scores_newest_first: Sequence[int]) -> bool:
    """Several low moods in a row (newest first) → offer a peer contact, gently."""
    run = recent_scores_newest_first[:LOW_RUN_FOR_REFERRAL]
    return len(run) == LOW_RUN_FOR_REFERRAL and all(s <= LOW_SCORE for s in run)
