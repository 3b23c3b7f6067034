from pathlib import Path

from companion.safety.messages import (
    render_answered_no,
    render_direct_question,
    render_fallback_reply,
    render_person_request_reply,
    render_safe_reply,
)
from companion.safety.resources import load_crisis_resources

RESOURCES = load_crisis_resources(Path(__file__).parents[2] / "data" / "crisis_resources.yml")


def _text(alerted: str | None, team: bool = False) -> str:
    return "\n".join(r.text for r in render_safe_reply(RESOURCES, alerted, team))


def test_resources_file_lists_1737_first_then_111() -> None:
    assert RESOURCES[0].phone == "1737" and RESOURCES[0].sms == "1737"
    assert RESOURCES[1].phone == "111"


def test_safe_reply_names_who_was_alerted() -> None:
    text = _text("Aroha, your peer worker,")
    assert "1737" in text and "111" in text
    assert "alerted Aroha, your peer worker," in text
    assert "keep typing" in text


def test_safe_reply_is_truthful_when_nobody_was_alerted() -> None:
    text = _text(None)
    assert "no peer worker is on duty right now" in text
    assert "alerted" not in text


def test_safe_reply_when_only_the_team_chat_was_told() -> None:
    text = _text(None, team=True)
    assert "no peer worker is on duty right now" in text
    assert "left a message for the peer support team" in text
    assert "alerted" not in text


def test_safe_reply_ends_with_a_one_tap_call_card_for_1737() -> None:
    replies = render_safe_reply(RESOURCES, None)
    assert replies[-1].contact_phone == "1737"


def test_direct_question_is_plain_and_has_answers() -> None:
    question = render_direct_question()
    assert "Are you thinking about suicide?" in question.text
    assert [b.title for b in question.buttons] == ["Yes", "Not sure", "No"]


def test_other_safety_replies_are_honest_and_keep_the_door_open() -> None:
    assert "1737" in render_answered_no().text
    for alerted, team in (("Aroha", False), (None, True), (None, False)):
        text = render_person_request_reply(alerted, team).text
        assert "1737" in text or "real person" in text
    assert "couldn't reach" in render_person_request_reply(None, False).text


def test_fallback_reply_is_honest() -> None:
    assert "bot" in render_fallback_reply().text and "1737" in render_fallback_reply().text
