"""Varied wording: pick one of several phrasings, stable for a given seed (testable)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def pick(options: Sequence[str], seed: str) -> str:
    """One of `options`, chosen by a hash of `seed` so the same turn always reads the same."""
    if not options:
        raise ValueError("no options to pick from")
    digest = hashlib.sha256(seed.encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def word_count(text: str) -> int:
    """Words in a reply (replies to clients stay under about 60)."""
    return len(text.split())
