"""/mydata and /forgetme through Telegram with the real Rasa stack: Rasa's history goes too."""

from __future__ import annotations

import json
import subprocess

import pytest

from companion.db.tracker import TrackerHistory
from tests.conftest import Stack
from tests.e2e.conftest import client_exists, has_text
from tests.fakes.bot_api import FakeBotApi

pytestmark = pytest.mark.integration

CLIENT = 5_560_001
OTHER = 5_560_002


async def test_mydata_then_forgetme_deletes_records_and_rasa_history(
    stack: Stack, fake_telegram: FakeBotApi, bot_process: subprocess.Popen[bytes]
) -> None:
    history = TrackerHistory(stack.settings.resolved_tracker_url())
    for chat in (CLIENT, OTHER):
        fake_telegram.push_text(chat, "/start")
        fake_telegram.wait_for_call(
            "sendMessage", chat, timeout=30, predicate=has_text("Is that OK with you?")
        )
        fake_telegram.push_callback(chat, "/consent_yes")
        fake_telegram.wait_for_call(
            "sendMessage", chat, timeout=30, predicate=has_text("What would you like me to call")
        )
        fake_telegram.push_text(chat, "Aroha")  # the name: Rasa keeps it in a slot
        fake_telegram.wait_for_call(
            "sendMessage", chat, timeout=30, predicate=has_text("Which time zone")
        )
    assert await client_exists(stack, CLIENT)
    other_events = len(await history.events(str(OTHER)))
    assert other_events > 0

    # /mydata: one file with the clients row and the conversation Rasa keeps.
    fake_telegram.push_text(CLIENT, "/mydata")
    [document] = fake_telegram.wait_for_call("sendDocument", CLIENT, timeout=15)
    exported = json.loads(document.files["document"])
    assert exported["records"]["clients"][0]["chat_id"] == CLIENT
    said = [e.get("text") for e in exported["conversation"] if e["type"] == "user"]
    assert "Aroha" in said, exported["conversation"][:8]
    slots = {e["name"]: e["value"] for e in exported["conversation"] if e["type"] == "slot"}
    assert slots.get("preferred_name") == "Aroha"
    assert document.params.get("protect_content") is True
    assert "/forgetme" in str(document.params.get("caption"))

    # /forgetme asks first; nothing is gone until the tap.
    fake_telegram.push_text(CLIENT, "/forgetme")
    [question] = fake_telegram.wait_for_call(
        "sendMessage", CLIENT, timeout=15, predicate=has_text("can't be undone")
    )
    keyboard = question.params["reply_markup"]["inline_keyboard"]
    assert [b["callback_data"] for row in keyboard for b in row] == [
        "privacy:forget:yes",
        "privacy:forget:no",
    ]
    assert await client_exists(stack, CLIENT)

    fake_telegram.push_callback(CLIENT, "privacy:forget:yes")
    fake_telegram.wait_for_call(
        "sendMessage", CLIENT, timeout=15, predicate=has_text("I've deleted what I stored")
    )
    assert not await client_exists(stack, CLIENT)
    assert await history.events(str(CLIENT)) == []
    # Another client's records and history are untouched.
    assert await client_exists(stack, OTHER)
    assert len(await history.events(str(OTHER))) == other_events

    # Nothing left to send, and the deletion itself stored nothing new.
    fake_telegram.push_text(CLIENT, "/mydata")
    fake_telegram.wait_for_call(
        "sendMessage", CLIENT, timeout=15, predicate=has_text("I don't have anything stored")
    )
    assert await history.events(str(CLIENT)) == []
