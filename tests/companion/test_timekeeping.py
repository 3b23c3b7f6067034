from datetime import time

import pytest

from companion.timekeeping import (
    format_local_time,
    parse_local_time,
    parse_quiet_hours,
    parse_timezone,
    zone_for_location,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7pm", time(19)),
        ("7.30 am", time(7, 30)),
        ("19:00", time(19)),
        ("12am", time(0)),
        ("12pm", time(12)),
        ("9", time(9)),
        ("25:00", None),
        ("13pm", None),
        ("soon", None),
    ],
)
def test_parse_local_time(text: str, expected: time | None) -> None:
    assert parse_local_time(text) == expected


def test_timezones_from_places_and_iana_names() -> None:
    assert parse_timezone("Chatham") == "Pacific/Chatham"
    assert parse_timezone("nz") == "Pacific/Auckland"
    assert parse_timezone("australia/sydney") == "Australia/Sydney"
    assert parse_timezone("Middle/Earth") is None
    assert parse_timezone("somewhere") is None


def test_zone_from_a_shared_location() -> None:
    assert zone_for_location(-36.85, 174.76) == "Pacific/Auckland"  # Auckland
    assert zone_for_location(-45.87, 170.50) == "Pacific/Auckland"  # Dunedin
    assert zone_for_location(-43.95, -176.56) == "Pacific/Chatham"  # Waitangi, Chatham Islands
    assert zone_for_location(-33.87, 151.21) is None  # Sydney: ask instead


def test_quiet_hours() -> None:
    assert parse_quiet_hours("10pm to 7am") == (time(22), time(7))
    assert parse_quiet_hours("22:00-07:00") == (time(22), time(7))
    assert parse_quiet_hours("none") == "none"
    assert parse_quiet_hours("7am to 7am") is None
    assert format_local_time(time(19, 30)) == "7:30pm"
