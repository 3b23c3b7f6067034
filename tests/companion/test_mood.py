import pytest

from companion.mood import mood_band, needs_soft_referral, parse_mood_score, reflect_on_mood
from companion.wording import word_count


@pytest.mark.parametrize(("score", "band"), [(0, "low"), (3, "low"), (4, "middle"), (7, "high")])
def test_bands(score: int, band: str) -> None:
    assert mood_band(score) == band


def test_low_moods_get_a_small_activation_idea_and_stay_short() -> None:
    for seed in map(str, range(20)):
        text = reflect_on_mood(2, seed)
        assert word_count(text) < 60
    assert any("walk" in reflect_on_mood(1, str(s)) for s in range(30))


def test_wording_varies_across_turns() -> None:
    assert len({reflect_on_mood(8, str(s)) for s in range(30)}) >= 3


@pytest.mark.parametrize(
    ("value", "score"), [("7", 7), ("7/10", 7), ("about a 6", 6), ("11", None), ("meh", None)]
)
def test_parse_mood_score(value: str, score: int | None) -> None:
    assert parse_mood_score(value) == score


def test_three_low_moods_in_a_row_make_a_soft_referral() -> None:
    assert needs_soft_referral([2, 3, 1])
    assert not needs_soft_referral([2, 5, 1])
    assert not needs_soft_referral([2, 2])
