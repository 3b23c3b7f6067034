"""Coordinator figures: pure maths and formatting (the queries are in companion/db/reporting.py)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Linear-interpolation percentile (numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class ServiceStats:
    """What `companion stats` reports: aggregates only, no client text, names or chat ids."""

    days: int
    open_escalations: Mapping[str, int]
    resolved_escalations: Mapping[str, int]
    ack_minutes: Sequence[float]
    unacknowledged: int
    oldest_unacknowledged_minutes: float | None
    active_clients: int
    consented_clients: int
    checkins_this_week: int
    feedback_ratings: Mapping[int, int] = field(default_factory=dict)

    @property
    def ack_median(self) -> float | None:
        """Median minutes from alert to acknowledgement."""
        return percentile(self.ack_minutes, 0.5)

    @property
    def ack_p90(self) -> float | None:
        """90th percentile minutes from alert to acknowledgement."""
        return percentile(self.ack_minutes, 0.9)

    @property
    def feedback_count(self) -> int:
        """How many ratings in the window."""
        return sum(self.feedback_ratings.values())

    @property
    def satisfaction(self) -> float | None:
        """Mean rating 1-5 in the window."""
        count = self.feedback_count
        if not count:
            return None
        return sum(r * n for r, n in self.feedback_ratings.items()) / count

    def as_json(self) -> str:
        """Machine-readable form."""
        data = asdict(self)
        data.pop("ack_minutes")
        data |= {
            "acknowledged_count": len(self.ack_minutes),
            "ack_median_minutes": _round(self.ack_median),
            "ack_p90_minutes": _round(self.ack_p90),
            "feedback_count": self.feedback_count,
            "satisfaction_mean": _round(self.satisfaction),
            "feedback_ratings": {str(k): v for k, v in sorted(self.feedback_ratings.items())},
        }
        return json.dumps(data, indent=2, sort_keys=True)

    def as_text(self) -> str:
        """A short table for a person."""

        def kinds(counts: Mapping[str, int]) -> str:
            total = sum(counts.values())
            detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v)
            return f"{total}" + (f" ({detail})" if detail else "")

        def minutes(value: float | None) -> str:
            return "–" if value is None else f"{value:.1f} min"

        ratings = " ".join(f"{r}★×{n}" for r, n in sorted(self.feedback_ratings.items()))
        rows = [
            ("Open escalations (now)", kinds(self.open_escalations)),
            (f"Resolved (last {self.days} days)", kinds(self.resolved_escalations)),
            ("Time to acknowledge, median", minutes(self.ack_median)),
            ("Time to acknowledge, 90th percentile", minutes(self.ack_p90)),
            ("Unacknowledged alerts (now)", str(self.unacknowledged)),
            ("Oldest unacknowledged", minutes(self.oldest_unacknowledged_minutes)),
            (f"Active clients (last {self.days} days)", str(self.active_clients)),
            ("Clients who have consented", str(self.consented_clients)),
            ("Check-ins in the last 7 days", str(self.checkins_this_week)),
            (
                f"Satisfaction (last {self.days} days)",
                "no ratings"
                if self.satisfaction is None
                else f"{self.satisfaction:.2f}/5 from {self.feedback_count} ({ratings})",
            ),
        ]
        width = max(len(label) for label, _ in rows)
        return "\n".join(f"{label.ljust(width)}  {value}" for label, value in rows)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
