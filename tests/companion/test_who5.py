import pytest

from companion.who5 import score_who5


def test_raw_and_percentage() -> None:
    result = score_who5([5, 4, 3, 2, 1])
    assert (result.raw, result.percentage) == (15, 60)
    assert not result.offer_peer_contact


def test_raw_below_13_offers_a_peer_contact() -> None:
    assert score_who5([2, 2, 2, 3, 3]).offer_peer_contact  # raw 12
    assert not score_who5([3, 2, 2, 3, 3]).offer_peer_contact  # raw 13


def test_a_drop_of_ten_points_offers_a_peer_contact() -> None:
    assert score_who5([3, 3, 3, 3, 3], previous_raw=18).reason == "drop"  # 72% -> 60%
    assert not score_who5([3, 3, 3, 3, 3], previous_raw=17).offer_peer_contact  # 68% -> 60%


@pytest.mark.parametrize("answers", [[1, 2, 3], [6, 0, 0, 0, 0], [-1, 0, 0, 0, 0]])
def test_invalid_answers_are_refused(answers: list[int]) -> None:
    with pytest.raises(ValueError):
        score_who5(answers)


def test_who5_is_offered_fortnightly_without_nagging() -> None:
    from datetime import datetime, timedelta, timezone

    from companion.who5 import who5_due

    last = datetime(2026, 11, 1, tzinfo=timezone.utc)
    assert not who5_due(last, last + timedelta(days=13), checkins_since=1)
    assert who5_due(last, last + timedelta(days=14), checkins_since=1)
    assert not who5_due(last, last + timedelta(days=15), checkins_since=2)
    assert who5_due(last, last + timedelta(days=20), checkins_since=6)
