"""Every self-management flow through Telegram (fake Bot API), real model, actions, database."""

from __future__ import annotations

import json
import re
import subprocess
import time
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from companion.db.models import (
    ActionPlan,
    CarePerson,
    Client,
    Feedback,
    MoodEntry,
    PeerWorker,
    PlanCheckin,
    Referral,
    Who5Result,
)
from companion.db.session import create_engine, create_sessionmaker
from tests.conftest import Stack
from tests.fakes.bot_api import FakeBotApi, RecordedCall

pytestmark = pytest.mark.integration

CHAT = 5560001


class ChatDriver:
    """Drives one chat: sends text or taps buttons, waits for the bot's answer."""

    def __init__(self, fake: FakeBotApi, chat_id: int) -> None:
        self.fake = fake
        self.chat_id = chat_id

    def _wait(self, since: float, expect: str, method: str = "sendMessage") -> RecordedCall:
        pattern = re.compile(expect)
        [call] = self.fake.wait_for_call(
            method,
            self.chat_id,
            timeout=45,
            predicate=lambda c: (
                c.received_at >= since
                and bool(pattern.search(str(c.params.get("text", c.params.get("caption", "")))))
            ),
        )
        return call

    def type(self, text: str, expect: str, method: str = "sendMessage") -> RecordedCall:
        since = time.monotonic()
        self.fake.push_text(self.chat_id, text)
        return self._wait(since, expect, method)

    def tap(self, payload: str, expect: str) -> RecordedCall:
        since = time.monotonic()
        self.fake.push_callback(self.chat_id, payload)
        return self._wait(since, expect)


def payloads(call: RecordedCall) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]


def payload_with(call: RecordedCall, prefix: str) -> str:
    return next(p for p in payloads(call) if p.startswith(prefix))


async def db_counts(stack: Stack) -> dict[str, int]:
    engine = create_engine(stack.settings.resolved_database_url())
    counts = {}
    async with create_sessionmaker(engine)() as session:
        client_id = await session.scalar(select(Client.id).where(Client.chat_id == CHAT))
        for model in (
            MoodEntry,
            ActionPlan,
            PlanCheckin,
            CarePerson,
            Referral,
            Feedback,
            Who5Result,
        ):
            counts[model.__tablename__] = int(
                await session.scalar(
                    select(func.count()).select_from(model).where(model.client_id == client_id)
                )
                or 0
            )
    await engine.dispose()
    return counts


async def add_peer_worker(stack: Stack) -> int:
    engine = create_engine(stack.settings.resolved_database_url())
    async with create_sessionmaker(engine)() as session, session.begin():
        peer = PeerWorker(
            telegram_user_id=8880001,
            name="Aroha",
            intro="Kia ora, I'm Aroha. I love gardening and I've been a peer worker for 5 years.",
            on_duty=False,
            active=True,
            created_at=datetime.now(timezone.utc),
        )
        session.add(peer)
        await session.flush()
        peer_id = peer.id
    await engine.dispose()
    return peer_id


async def test_every_self_management_flow_through_telegram(
    stack: Stack, fake_telegram: FakeBotApi, bot_process: subprocess.Popen[bytes]
) -> None:
    c = ChatDriver(fake_telegram, CHAT)

    # Onboarding with consent
    c.type("/start", "Is that OK with you")
    c.tap("/consent_yes", "What would you like me to call you")
    c.type("Sam", "Which time zone")
    c.tap('/inform{"timezone":"Pacific/Auckland"}', "What time of day")
    c.tap('/inform{"checkin_time":"18:00"}', "stay quiet")
    c.tap('/inform{"quiet_hours":"22:00-07:00"}', "All set, Sam!")

    # Mood check-in with buttons and a note; free-text mood; history chart
    c.type("/mood", "0 .* 10")
    c.tap('/mood_score{"mood_score":"3"}', r"Saved: 3/10")
    c.tap("/mood_note", "what would you like to note")
    c.type("slept badly", "added your note")
    c.type("feeling pretty rubbish today", "from 0 to 10")
    c.type("/history", "Your mood, last 30 days", method="sendPhoto")

    # Action plan; confidence under 7 makes the step smaller
    c.type("/newgoal", "Which part of life")
    c.tap('/inform{"plan_area":"physical"}', "words")
    c.type("Walk to the shops", "How much")
    c.type("20 minutes", "When will you do it")
    c.type("after lunch", "How many days")
    c.tap('/inform{"plan_days":"3"}', "How sure are you")
    c.tap('/inform{"plan_confidence":"5"}', "smaller")
    c.type("5 minutes", "How sure are you")
    c.tap('/inform{"plan_confidence":"8"}', "Your plan: Walk to the shops, 5 minutes, after lunch")
    goals = c.type("/goals", "Your goals")
    c.tap(payload_with(goals, "/plan_checkin"), "How did it go")
    done = c.tap(payload_with(goals, "/plan_checkin").replace("plan_checkin", "plan_done"), ".")
    assert any(w in str(done.params["text"]) for w in ("Ka pai", "Awesome", "Nice one"))
    c.type("/summary", "Here's your week so far")

    # Care map, and reconnecting becomes a goal
    c.type("/caremap", "care map is empty")
    c.tap("/caremap_add", "Who \\(or what\\)")
    c.type("Aunty Mere", "Who are they to you")
    c.tap('/inform{"care_kind":"whanau"}', "How connected")
    added = c.tap('/inform{"care_closeness":"1"}', "Added Aunty Mere")
    c.tap(payload_with(added, "/plan_create"), "How much")
    c.type("one phone call", "When will you do it")
    c.type("Sunday", "How many days")
    c.tap('/inform{"plan_days":"1"}', "How sure")
    c.tap('/inform{"plan_confidence":"9"}', "Get in touch with Aunty Mere, one phone call, Sunday")

    # Community resources
    c.type("/resources", "What kind of support")
    c.tap('/inform{"resource_need":"food"}', "Which area")
    c.tap('/inform{"region":"Wellington"}', "community garden")

    # Satisfaction feedback
    c.type("/feedback", "How helpful")
    c.tap('/inform{"feedback_rating":"5"}', "Anything you'd like to add")
    c.tap("/skip", "Thank you! Your feedback")

    # WHO-5
    c.type("/wellbeing", "Over the last two weeks")
    for question in range(2, 6):
        c.tap('/inform{"who5_value":"1"}', f"\\({question} of 5\\)")
    c.tap('/inform{"who5_value":"1"}', "score is 5 out of 25")

    # Motivation prompts
    c.type("i just cant be bothered with anything lately", "0 to 10|matter to you")
    c.tap('/inform{"ruler_value":"6"}', "6")

    # Settings and choice of peer worker
    c.type("/settings", "Your settings")
    c.tap('/settings_change{"setting":"checkin_time"}', "What time of day")
    c.type("7.30pm", "Check-in time: 7:30pm")
    peer_id = await add_peer_worker(stack)
    c.type("/peer", "I love gardening")
    c.tap(f'/peer_choose{{"peer_id":"{peer_id}"}}', "Aroha is now your peer worker")

    # Leaving a form, and undoing the latest entry
    c.type("/newgoal", "Which part of life")
    c.type("cancel", "stopped")
    counts_before_undo = await db_counts(stack)
    c.type("/undo", "removed that wellbeing check")

    counts = await db_counts(stack)
    assert counts_before_undo["mood_entries"] == 1
    assert counts["action_plans"] == 2
    assert counts["plan_checkins"] == 1
    assert counts["care_people"] == 1
    assert counts["referrals"] >= 1
    # The wellbeing check was the latest entry, so undo took back exactly that.
    assert counts_before_undo["who5_results"] == 1 and counts["who5_results"] == 0
    assert sum(counts.values()) == sum(counts_before_undo.values()) - 1
    engine = create_engine(stack.settings.resolved_database_url())
    async with create_sessionmaker(engine)() as session:
        client = await session.scalar(select(Client).where(Client.chat_id == CHAT))
        mood = await session.scalar(select(MoodEntry))
    await engine.dispose()
    assert client is not None and client.preferred_name == "Sam"
    assert client.checkin_time is not None and client.checkin_time.strftime("%H:%M") == "19:30"
    assert client.peer_worker_id == peer_id
    assert mood is not None and mood.note == "slept badly"
    for call in fake_telegram.calls("sendMessage", CHAT):
        assert len(json.dumps(call.params.get("text", ""))) < 1200
