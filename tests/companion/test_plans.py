from datetime import datetime, timezone

from companion.plans import (
    CheckinView,
    PlanView,
    describe_plan,
    local_week_start,
    should_shrink,
    week_streak,
    weekly_summary,
)

UTC = timezone.utc
NZ = "Pacific/Auckland"


def test_confidence_below_seven_shrinks_at_most_twice() -> None:
    assert should_shrink(6, 0) and should_shrink(6, 1)
    assert not should_shrink(6, 2)
    assert not should_shrink(7, 0)


def test_local_week_starts_monday_in_the_clients_zone() -> None:
    # Sunday 23:30 UTC is already Monday in Auckland.
    assert str(local_week_start(datetime(2026, 11, 22, 23, 30, tzinfo=UTC), NZ)) == "2026-11-23"
    assert str(local_week_start(datetime(2026, 11, 22, 9, 0, tzinfo=UTC), NZ)) == "2026-11-16"


def test_week_streak_counts_back_from_last_week_if_this_week_has_none() -> None:
    now = datetime(2026, 11, 25, tzinfo=UTC)
    done = [datetime(2026, 11, 18, tzinfo=UTC), datetime(2026, 11, 11, tzinfo=UTC)]
    assert week_streak(done, now, NZ) == 2
    assert week_streak([*done, datetime(2026, 11, 24, tzinfo=UTC)], now, NZ) == 3
    assert week_streak([datetime(2026, 11, 4, tzinfo=UTC)], now, NZ) == 0


def test_weekly_summary_counts_this_weeks_checkins_against_targets() -> None:
    plan = PlanView(1, "Walk", "10 minutes", "after lunch", 3)
    now = datetime(2026, 11, 26, tzinfo=UTC)
    checkins = [
        CheckinView(1, "done", datetime(2026, 11, 24, tzinfo=UTC)),
        CheckinView(1, "partly", datetime(2026, 11, 25, tzinfo=UTC)),
        CheckinView(1, "done", datetime(2026, 11, 10, tzinfo=UTC)),  # an earlier week
    ]
    text = weekly_summary([plan], checkins, [4, 6], now, NZ)
    assert "Walk: 1 of 3 days (+1 partly)" in text
    assert "average 5.0" in text
    assert describe_plan(plan) == "Walk, 10 minutes, after lunch, 3 days this week"
