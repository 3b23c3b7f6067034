"""Numbers the client taps or types ("7", "7/10", "about a 6")."""

from __future__ import annotations


def first_number(value: object, low: int, high: int) -> int | None:
    """The first whole number in the text if it lies in [low, high], else None."""
    digits = "".join(c if c.isdigit() else " " for c in str(value or "")).split()
    if not digits:
        return None
    number = int(digits[0])
    return number if low <= number <= high else None
