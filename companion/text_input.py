"""What a client typed, made safe for the NLU model (pure; the risk screen sees the original)."""

from __future__ import annotations

import unicodedata

MAX_TEXT_FOR_MODEL = 2000


def clean_typed_text(text: str, limit: int = MAX_TEXT_FOR_MODEL) -> str:
    """Drop control characters, cap the length, and never let typed text pose as a button.

    Rasa reads a message that starts with "/" as an intent with entities, so typed text such as
    '/plan_checkin{"plan_id":"7"}' is passed on without its leading slashes.
    """
    kept = "".join(
        c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf", "Cs")
    )
    stripped = kept.strip().lstrip("/").strip()
    return stripped[:limit]
