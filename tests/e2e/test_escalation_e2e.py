"""Risk, alerts and handoff end to end: the bot process, the fake Bot API on loopback, the
real Rasa stack (or none at all), and the database the bot shares with the action server."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from companion.db.audit import audit_events
from companion.db.clients import record_consent
from companion.db.migrate import upgrade_database
from companion.db.models import Escalation
from companion.db.peers import add_peer, remove_peer
from companion.db.session import create_engine, create_sessionmaker
from tests.conftest import Stack, free_port
from tests.e2e.conftest import PEER_CHAT, BotProcess, has_text
from tests.fakes.bot_api import FakeBotApi, RecordedCall

pytestmark = pytest.mark.integration

AROHA, BEN = 8810001, 8810002
CLIENT = 5560001
NOW = datetime.now(timezone.utc)


async def _prepare(url: str, *, chosen: bool, ben_on_duty: bool, client: int) -> None:
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s, s.begin():
        aroha = await add_peer(s, AROHA, "Aroha", "Kia ora, I'm Aroha.", NOW)
        ben = await add_peer(s, BEN, "Ben", "Hi, I'm Ben.", NOW)
        ben.on_duty = ben_on_duty
        record = await record_consent(s, client, NOW, "Pacific/Auckland")
        record.preferred_name = "Sam"
        record.peer_worker_id = aroha.id if chosen else None
    await engine.dispose()


async def _retire_workers(url: str) -> None:
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s, s.begin():
        for worker in (AROHA, BEN):
            await remove_peer(s, worker)
    await engine.dispose()


async def _episode(url: str, episode_id: int) -> Escalation:
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s:
        episode = await s.get(Escalation, episode_id)
        assert episode is not None
    await engine.dispose()
    return episode


def _episode_id(call: RecordedCall) -> int:
    keyboard = call.params["reply_markup"]["inline_keyboard"]
    data = [b["callback_data"] for row in keyboard for b in row]
    return int(data[0].split(":")[2])


def _messages_to(fake: FakeBotApi, chat_id: int) -> list[str]:
    return [str(c.params.get("text", "")) for c in fake.calls("sendMessage", chat_id)]


async def test_alert_acknowledge_take_over_relay_hand_back_and_resolve(
    stack: Stack, fake_telegram: FakeBotApi, stack_bot: BotProcess
) -> None:
    url = stack.settings.resolved_database_url()
    await _prepare(url, chosen=False, ben_on_duty=False, client=CLIENT)
    stack_bot.start()
    try:
        # Aroha goes on duty from Telegram.
        fake_telegram.push_text(AROHA, "/onduty")
        fake_telegram.wait_for_call("sendMessage", AROHA, predicate=has_text("You're on duty"))

        sent_at = time.monotonic()
        fake_telegram.push_text(CLIENT, "honestly i want to kill myself tonight")
        [alert] = fake_telegram.wait_for_call("sendMessage", AROHA, predicate=has_text("RISK"))
        [reply] = fake_telegram.wait_for_call("sendMessage", CLIENT, predicate=has_text("1737"))
        assert alert.received_at - sent_at < 1.0, "alert took 1 s or more on loopback"
        assert reply.received_at - sent_at < 5.0
        assert "Aroha, the peer worker on duty" in str(reply.params["text"])
        assert alert.params.get("protect_content") is True
        assert "kill myself tonight" in str(alert.params["text"])
        assert "Sam" in str(alert.params["text"])
        fake_telegram.wait_for_call("sendContact", CLIENT)  # one tap to call 1737
        assert not fake_telegram.calls("sendMessage", PEER_CHAT)  # someone is on duty
        episode_id = _episode_id(alert)

        # Someone who isn't staff can't use the alert's buttons, even with forged data.
        fake_telegram.push_callback(CLIENT, f"esc:take:{episode_id}")
        fake_telegram.wait_for_call(
            "answerCallbackQuery", predicate=has_text("only for peer workers")
        )

        fake_telegram.push_callback(AROHA, f"esc:ack:{episode_id}", message_id=None)
        fake_telegram.wait_for_call("sendMessage", CLIENT, predicate=has_text("has seen your"))
        fake_telegram.push_callback(AROHA, f"esc:take:{episode_id}")
        fake_telegram.wait_for_call(
            "sendMessage", CLIENT, predicate=has_text("You're now talking with Aroha")
        )

        # Relay both ways; the bot stays quiet meanwhile.
        before = len(_messages_to(fake_telegram, CLIENT))
        fake_telegram.push_text(CLIENT, "thanks for getting in touch")
        fake_telegram.wait_for_call(
            "sendMessage", AROHA, predicate=has_text(f"Sam (#{episode_id}): thanks for getting")
        )
        fake_telegram.push_text(AROHA, "Kia ora Sam, I'm here with you")
        fake_telegram.wait_for_call(
            "sendMessage", CLIENT, predicate=has_text("Aroha (peer worker): Kia ora Sam")
        )
        time.sleep(0.5)
        assert _messages_to(fake_telegram, CLIENT)[before:] == [
            "Aroha (peer worker): Kia ora Sam, I'm here with you"
        ]

        fake_telegram.push_text(AROHA, "/handback")
        fake_telegram.wait_for_call("sendMessage", CLIENT, predicate=has_text("handed you back"))
        fake_telegram.push_text(CLIENT, "hi")
        fake_telegram.wait_for_call(
            "sendMessage",
            CLIENT,
            predicate=lambda c: any(
                g in str(c.params.get("text")) for g in ("Kia ora", "Hi there", "Nice to see you")
            ),
            timeout=30,
        )

        fake_telegram.push_callback(AROHA, f"esc:res:{episode_id}")
        fake_telegram.wait_for_call("sendMessage", AROHA, predicate=has_text("Resolved #"))
        episode = await _episode(url, episode_id)
        assert episode.status == "resolved" and episode.acknowledged_at is not None

        engine = create_engine(url)
        async with create_sessionmaker(engine)() as s:
            actions = {e.action for e in await audit_events(s, escalation_id=episode_id)}
            refused = await audit_events(s, action="staff_action_refused")
        await engine.dispose()
        assert {"alert_sent", "acknowledged", "handoff_started", "handed_back", "resolved"} <= (
            actions
        )
        assert any(e.actor_telegram_id == CLIENT for e in refused)
    finally:
        await _retire_workers(url)


async def test_with_rasa_stopped_risk_still_escalates_and_is_resent_widened_across_restart(
    fake_telegram: FakeBotApi, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'companion.db'}"
    await asyncio.to_thread(upgrade_database, url)
    await _prepare(url, chosen=True, ben_on_duty=True, client=CLIENT + 1)
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s, s.begin():
        from companion.db.peers import peer_by_telegram_id

        aroha = await peer_by_telegram_id(s, AROHA)
        assert aroha is not None
        aroha.on_duty = True
    await engine.dispose()
    bot = BotProcess(
        fake_telegram,
        tmp_path / "bot.log",
        {
            "RASA_URL": f"http://127.0.0.1:{free_port()}",  # nothing listens: Rasa is down
            "DATABASE_URL": url,
            "DATA_DIR": str(tmp_path),
            "ALERT_RESEND_MINUTES": "0.05",  # 3 s
            "ALERT_TICK_SECONDS": "0.5",
        },
    )
    bot.start()
    try:
        client = CLIENT + 1
        sent_at = time.monotonic()
        fake_telegram.push_text(client, "hi there")
        [fallback] = fake_telegram.wait_for_call(
            "sendMessage", client, predicate=has_text("trouble")
        )
        assert fallback.received_at - sent_at < 5.0

        sent_at = time.monotonic()
        fake_telegram.push_text(
            client, "i want to kill myself, i have the pills ready and im going to take them all"
        )
        [alert] = fake_telegram.wait_for_call("sendMessage", AROHA, predicate=has_text("RISK"))
        [reply] = fake_telegram.wait_for_call(
            "sendMessage", client, predicate=has_text("Thank you for telling me")
        )
        assert alert.received_at - sent_at < 1.0
        assert "Aroha, your peer worker," in str(reply.params["text"])
        assert not fake_telegram.calls("sendMessage", BEN)  # first to the chosen worker only

        bot.stop()  # nobody acknowledges; the bot restarts after the re-send was due
        time.sleep(3.5)
        bot.start()
        resent = fake_telegram.wait_for_call(
            "sendMessage", AROHA, count=2, predicate=has_text("RISK"), timeout=15
        )
        assert "sent again" in str(resent[1].params["text"])
        [to_ben] = fake_telegram.wait_for_call("sendMessage", BEN, predicate=has_text("RISK"))
        [to_team] = fake_telegram.wait_for_call(
            "sendMessage", PEER_CHAT, predicate=has_text("RISK")
        )
        assert "take them all" not in str(to_team.params["text"])  # no client words there

        # Ben acknowledges: the re-sending stops and the client hears who has it.
        fake_telegram.push_callback(BEN, f"esc:ack:{_episode_id(to_ben)}")
        fake_telegram.wait_for_call("sendMessage", client, predicate=has_text("Ben, a peer worker"))
        count = len(fake_telegram.calls("sendMessage", AROHA))
        time.sleep(4)
        assert len(fake_telegram.calls("sendMessage", AROHA)) <= count + 1  # the "acked" note
    finally:
        bot.stop()
        assert fake_telegram.token not in bot.log_text()
        assert "take them all" not in bot.log_text()  # no client text in logs
