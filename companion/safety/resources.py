"""Crisis resources: a data file the service edits, never hard-coded in replies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


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
