"""Bad input through the Telegram handlers: no crash, a kind reply, nothing odd reaches Rasa."""

from __future__ import annotations

from typing import Any

import pytest

from companion.text_input import MAX_TEXT_FOR_MODEL, clean_typed_text
from tests.bot.fakes import RecordingAlerts, echo_rasa, make_conversation
from tests.bot.offline_telegram import (
    build_offline_app,
    callback_update,
    private_message,
    to_update,
)

ODD_TEXTS = [
    "x" * 10_000,
    "hello\x00\x07\x1b[31m world\u200b",
    "مرحبا، كيف حالك؟ \u202eevil",
    "*bold* _it_ [link](http://example.org) `code` <b>html</b> <script>alert(1)</script>",
    "'; DROP TABLE clients; --",
    "😭😭😭🙃💀",
    '/plan_checkin{"plan_id":"1"}',
    " /express_crisis",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
async def test_odd_text_gets_a_reply_and_rasa_sees_only_clean_capped_text(text: str) -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    async with app:
        await app.process_update(to_update(private_message(text), app))
    assert request.sent_texts(), "no reply"
    for body in seen:
        sent = body["message"]
        assert len(sent) <= MAX_TEXT_FOR_MODEL
        assert not sent.startswith("/")  # typed text never poses as a button or intent
        assert all(ord(c) >= 32 or c in "\n\t" for c in sent)


async def test_unknown_commands_and_forged_buttons_get_a_kind_answer() -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    forged = callback_update("esc:take:1; DROP TABLE", update_id=77)
    async with app:
        await app.process_update(to_update(private_message("/frobnicate"), app))
        await app.process_update(to_update(forged, app))
    texts = " | ".join(request.sent_texts())
    assert "don't know that command" in texts
    assert seen == []


async def test_a_long_message_with_risk_in_it_is_still_caught() -> None:
    alerts = RecordingAlerts(alerted="Aroha")
    app, request = build_offline_app(make_conversation(alerts=alerts))
    text = "just a long day at mahi. " * 300 + "honestly i want to end my life tonight"
    async with app:
        await app.process_update(to_update(private_message(text), app))
    assert "1737" in request.sent_texts()[0] and len(alerts.alerts) == 1


def test_clean_typed_text() -> None:
    assert clean_typed_text("  //mood_checkin ") == "mood_checkin"
    assert clean_typed_text("a\x00b\u200bc\nd") == "abc\nd"
    assert clean_typed_text("\x00\x01") == ""
    assert len(clean_typed_text("y" * 5000)) == MAX_TEXT_FOR_MODEL


FILE = {"file_id": "f1", "file_unique_id": "u1"}
NON_TEXT = {
    "sticker": {**FILE, "type": "regular", "width": 512, "height": 512}
    | {"is_animated": False, "is_video": False},
    "photo": [{**FILE, "width": 90, "height": 90}],
    "voice": {**FILE, "duration": 3},
    "video": {**FILE, "width": 64, "height": 64, "duration": 2},
    "video_note": {**FILE, "length": 64, "duration": 2},
    "audio": {**FILE, "duration": 30},
    "animation": {**FILE, "width": 64, "height": 64, "duration": 2},
    "document": {**FILE, "file_name": "notes.pdf"},
    "contact": {"phone_number": "0210000000", "first_name": "Nan"},
    "poll": {
        "id": "p1",
        "question": "Kai?",
        "options": [
            {"text": "yes", "voter_count": 0, "persistent_id": "a"},
            {"text": "no", "voter_count": 0, "persistent_id": "b"},
        ],
        "total_voter_count": 0,
        "is_closed": False,
        "is_anonymous": True,
        "type": "regular",
        "allows_multiple_answers": False,
        "allows_revoting": False,
        "members_only": False,
    },
    "dice": {"emoji": "🎲", "value": 3},
    "venue": {
        "location": {"latitude": 0.0, "longitude": 0.0},
        "title": "Cafe",
        "address": "1 Main St",
    },
}


@pytest.mark.parametrize("kind", sorted(NON_TEXT))
async def test_every_kind_of_non_text_message_gets_one_kind_reply_and_reaches_no_model(
    kind: str,
) -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    update = private_message("x")
    del update["message"]["text"]
    update["message"][kind] = NON_TEXT[kind]
    async with app:
        await app.process_update(to_update(update, app))
    [reply] = request.sent_texts()
    assert "I'm a bot" in reply or "time zone" in reply  # a venue carries a location
    assert seen == [] or kind == "venue"


async def test_a_channel_post_is_ignored_without_a_crash() -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    post = {
        "update_id": 9,
        "channel_post": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": -1001, "type": "channel", "title": "News"},
            "text": "i want to die",
        },
    }
    async with app:
        await app.process_update(to_update(post, app))
    # Not a client: nothing is answered in a channel, and nothing reaches the model.
    assert request.sent_texts() == [] and seen == []
