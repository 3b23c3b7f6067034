"""Community resources for social prescribing: a data file the service edits, matched by need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

NATIONAL = "national"


@dataclass(frozen=True)
class CommunityResource:
    """One group or service."""

    key: str
    name: str
    needs: tuple[str, ...]
    regions: tuple[str, ...]
    contact: str


@dataclass(frozen=True)
class Directory:
    """Everything in the resources file."""

    needs: dict[str, str]
    regions: tuple[str, ...]
    resources: tuple[CommunityResource, ...]

    def match(self, need: str, region: str | None, limit: int = 3) -> list[CommunityResource]:
        """Resources for the need: local ones for the region first, then national ones."""
        wanted = [r for r in self.resources if need in r.needs]
        local = [r for r in wanted if region and region in r.regions]
        national = [r for r in wanted if NATIONAL in r.regions]
        return (local + national)[:limit]

    def by_key(self, key: str) -> CommunityResource | None:
        """The resource with this key, if it is still in the file."""
        return next((r for r in self.resources if r.key == key), None)

    def normalise_need(self, text: str) -> str | None:
        """A need key from a button value or typed words."""
        lowered = text.strip().lower()
        if lowered in self.needs:
            return lowered
        for key, label in self.needs.items():
            if lowered and (lowered in label.lower() or key in lowered):
                return key
        return None

    def normalise_region(self, text: str) -> str | None:
        """A region name from a button value or typed words."""
        lowered = text.strip().lower()
        return next((r for r in self.regions if r.lower() == lowered), None)


def load_directory(path: Path) -> Directory:
    """Read the resources file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    resources = tuple(
        CommunityResource(
            key=str(r["key"]),
            name=str(r["name"]),
            needs=tuple(str(n) for n in r["needs"]),
            regions=tuple(str(g) for g in r["regions"]),
            contact=str(r["contact"]),
        )
        for r in data["resources"]
    )
    keys = [r.key for r in resources]
    if len(keys) != len(set(keys)):
        raise ValueError(f"{path}: resource keys must be unique")
    return Directory(
        needs={str(k): str(v) for k, v in data["needs"].items()},
        regions=tuple(str(r) for r in data["regions"]),
        resources=resources,
    )
