"""Crisis resources: a data file the service edits, never hard-coded in replies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# New Zealand numbers only: 111, short codes (1737, 4357, 4202), 0800/0508 free numbers and
# NZ landline/mobile forms. Foreign crisis lines (988, 116 123, 741741, 13 11 14...) are refused.
_NZ_NUMBER = re.compile(r"^(111|1737|\d{3,4}|0800\d{6}|0508\d{6}|0[2-9]\d{7,9})$")
FOREIGN_CRISIS_NUMBERS = ("988", "116123", "741741", "131114", "911", "999", "112", "116111")


@dataclass(frozen=True)
class CrisisResource:
    """One helpline."""

    name: str
    detail: str
    phone: str | None = None
    sms: str | None = None


def load_crisis_resources(path: Path) -> tuple[CrisisResource, ...]:
    """Read the resources file; fails loudly at start-up rather than at the first crisis."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data.get("resources") if isinstance(data, dict) else None
    if not entries:
        raise ValueError(f"{path}: no crisis resources listed")
    for entry in entries:
        for key in ("phone", "sms"):
            number = re.sub(r"[\s-]", "", str(entry.get(key) or ""))
            if number and (not _NZ_NUMBER.match(number) or number in FOREIGN_CRISIS_NUMBERS):
                raise ValueError(f"{path}: {entry.get('name')!r} has a non-NZ {key} {number!r}")
        text = re.sub(r"[\s-]", "", str(entry.get("detail", "")))
        if any(foreign in text for foreign in FOREIGN_CRISIS_NUMBERS if len(foreign) > 3):
            raise ValueError(f"{path}: {entry.get('name')!r} mentions a non-NZ crisis number")
    resources = tuple(
        CrisisResource(
            name=str(e["name"]),
            detail=str(e["detail"]),
            phone=str(e["phone"]) if e.get("phone") else None,
            sms=str(e["sms"]) if e.get("sms") else None,
        )
        for e in entries
    )
    return resources
