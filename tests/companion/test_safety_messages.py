from pathlib import Path

from companion.safety.messages import render_fallback_reply, render_safe_reply
from companion.safety.resources import load_crisis_resources

RESOURCES = load_crisis_resources(Path(__file__).parents[2] / "data" / "crisis_resources.yml")


def test_resources_file_lists_1737_first_then_111() -> None:
    assert RESOURCES[0].phone == "1737" and RESOURCES[0].sms == "1737"
    assert RESOURCES[1].phone == "111"


def test_safe_reply_names_who_was_alerted() -> None:
    text = render_safe_reply(RESOURCES, "Aroha (your peer worker)").text
    assert "1737" in text and "111" in text
    assert "alerted Aroha (your peer worker)" in text
    assert "keep typing" in text


def test_safe_reply_is_truthful_when_nobody_was_alerted() -> None:
    text = render_safe_reply(RESOURCES, None).text
    assert "no peer worker is on duty right now" in text
    assert "alerted" not in text


def test_no_foreign_crisis_numbers_and_bot_is_honest() -> None:
    for text in (render_safe_reply(RESOURCES, None).text, render_fallback_reply().text):
        assert "988" not in text and "116 123" not in text and "741741" not in text
        assert "bot" in text
