from datetime import datetime, timedelta, timezone

from companion.charts import render_mood_chart


def test_chart_is_a_png() -> None:
    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    png = render_mood_chart([(start + timedelta(days=i), i % 11) for i in range(20)], "Mood")
    assert png.startswith(b"\x89PNG") and 5_000 < len(png) < 500_000


def test_empty_chart_still_renders() -> None:
    assert render_mood_chart([], "Mood").startswith(b"\x89PNG")
