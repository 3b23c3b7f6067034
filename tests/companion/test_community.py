from pathlib import Path

from companion.community import load_directory

DIRECTORY = load_directory(Path(__file__).parents[2] / "data" / "community_resources.yml")


def test_local_resources_come_before_national_ones() -> None:
    matches = DIRECTORY.match("connection", "Auckland")
    assert matches and "Auckland" in matches[0].regions


def test_every_need_has_something_for_someone_anywhere_or_somewhere() -> None:
    for need in DIRECTORY.needs:
        assert any(need in r.needs for r in DIRECTORY.resources), need


def test_typed_answers_are_normalised() -> None:
    assert DIRECTORY.normalise_need("food") == "food"
    assert DIRECTORY.normalise_need("Getting active") == "activity"
    assert DIRECTORY.normalise_region("wellington") == "Wellington"
    assert DIRECTORY.normalise_region("Mordor") is None


def test_no_foreign_crisis_numbers_in_the_directory() -> None:
    text = (Path(__file__).parents[2] / "data" / "community_resources.yml").read_text()
    for number in ("988", "116 123", "741741"):
        assert number not in text
