"""Mood trend chart as PNG bytes (matplotlib's Agg backend: no screen needed)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt


def render_mood_chart(points: Sequence[tuple[datetime, int]], title: str) -> bytes:
    """A line chart of mood scores (0-10) over time, as PNG bytes."""
    figure, axes = plt.subplots(figsize=(7, 3.2), dpi=100)
    try:
        if points:
            times = mdates.date2num([t for t, _ in points])  # type: ignore[no-untyped-call]
            scores = [s for _, s in points]
            axes.plot(times, scores, marker="o", color="#2a7f62", linewidth=2)
            axes.xaxis_date()
        axes.set_ylim(-0.5, 10.5)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("Mood (0-10)")
        axes.set_title(title)
        axes.grid(alpha=0.3)
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
        figure.autofmt_xdate()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(figure)
