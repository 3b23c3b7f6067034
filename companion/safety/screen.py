"""Deterministic risk screen that runs before Rasa (first version; issue 4 measures it)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Level = Literal["none", "high"]


@dataclass(frozen=True)
class ScreenResult:
    """The screen's decision about one message."""

    escalate: bool
    level: Level
    reason: str


_RISK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("suicide", r"\b(suicid\w*|sewerslide|kms|unalive\w*)\b"),
        ("suicide", r"\bkill(ing)? (my ?self|me ?self)\b"),
        ("suicide", r"\b(end|take) (it all|my (own )?life)\b"),
        ("suicide", r"\b(want|wanna|going|gonna) (to )?die\b"),
        ("passive", r"\bbetter off (dead|without me)\b"),
        ("passive", r"\b(sleep|go to sleep) and (never|not) wake up\b"),
        ("self_harm", r"\b(hurt|harm|cut|cutting|burn) (my ?self|me ?self)\b"),
        ("self_harm", r"\bself[- ]?harm\w*\b"),
        ("harm_to_others", r"\b(kill|hurt|stab|shoot) (him|her|them|someone|somebody)\b"),
        ("abuse", r"\b(he|she|they) (hits|beats|hurts) me\b"),
        ("abuse", r"\b(not|don'?t feel) safe at home\b"),
    )
)


def normalise_text(text: str) -> str:
    """Lower-case, strip accents and apostrophes, collapse spaces: one spelling per word."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = stripped.lower().replace("’", "'").replace("'", "")
    return re.sub(r"\s+", " ", lowered).strip()


def screen_message(text: str) -> ScreenResult:
    """Decide whether a message shows risk; pure and fast, no I/O."""
    normalised = normalise_text(text)
    for reason, pattern in _RISK_PATTERNS:
        if pattern.search(normalised):
            return ScreenResult(escalate=True, level="high", reason=reason)
    return ScreenResult(escalate=False, level="none", reason="")
