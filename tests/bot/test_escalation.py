"""The escalation service over a real database (SQLite and PostgreSQL) and a recording channel."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversation import RiskAlert
from bot.escalation import EscalationService, SendResult
from companion.db.audit import audit_events
from companion.db.clients import record_consent
from companion.db.escalations import has_open_crisis
from companion.db.models import CaringContact, Client, Escalation
from companion.db.moods import add_mood
from companion.db.peers import add_peer
from companion.db.session import create_engine, create_sessionmaker
from companion.safety.screen import ScreenResult

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
CLIENT = 5001
AROHA, BEN, CARA = 9001, 9002, 9003
BACKUP = -100777
RISK = ScreenResult(escalate=True, level="high", reason="suicide")
CALM = ScreenResult(escalate=False, level="none", reason="")


@dataclass
class Channel:
    """Records what the service sends; chats in `blocked` answer 403."""

    alerts: list[tuple[int, str, int]] = field(default_factory=list)
    texts: list[tuple[int, str]] = field(default_factory=list)
    closed: list[tuple[int, int, str]] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)
    down: bool = False

    async def send_alert(self, chat_id: int, text: str, episode_id: int) -> int | None:
        if self.down:
            return None
        self.alerts.append((chat_id, text, episode_id))
        return len(self.alerts)

    async def close_alert(self, chat_id: int, message_id: int, note: str) -> None:
        self.closed.append((chat_id, message_id, note))

    async def send_text(self, chat_id: int, text: str) -> SendResult:
        if chat_id in self.blocked:
            return "blocked"
        self.texts.append((chat_id, text))
        return "sent"

    def alerted_chats(self) -> list[int]:
        return [chat for chat, _, _ in self.alerts]

    def texts_to(self, chat_id: int) -> list[str]:
        return [text for chat, text in self.texts if chat == chat_id]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def _setup(
    sessions: async_sessionmaker[AsyncSession],
    *,
    on_duty: tuple[int, ...] = (),
    chosen: int | None = None,
) -> None:
    async with sessions() as s, s.begin():
        workers = {}
        for tid, name in ((AROHA, "Aroha"), (BEN, "Ben"), (CARA, "Cara")):
            workers[tid] = await add_peer(s, tid, name, f"Kia ora, I'm {name}.", T0)
            workers[tid].on_duty = tid in on_duty
        client = await record_consent(s, CLIENT, T0, "Pacific/Auckland")
        client.preferred_name = "Sam"
        client.peer_worker_id = workers[chosen].id if chosen else None
        await add_mood(s, client.id, 2, T0 - timedelta(days=1))


def _service(
    sessions: async_sessionmaker[AsyncSession], channel: Channel, clock: Clock
) -> EscalationService:
    return EscalationService(
        sessions,
        channel,
        backup_chat_id=BACKUP,
        resend_after=timedelta(minutes=5),
        max_sends=3,
        clock=clock,
    )


def _alert(text: str = "i want to end my life") -> RiskAlert:
    return RiskAlert(CLIENT, "high", "suicide", text, "screen")


async def _escalated(
    sessions: async_sessionmaker[AsyncSession], on_duty: tuple[int, ...] = ()
) -> tuple[EscalationService, Channel, Clock, int]:
    """Workers set up, one risk alert sent: the service, its channel and clock, the episode."""
    await _setup(sessions, on_duty=on_duty)
    channel, clock = Channel(), Clock()
    service = _service(sessions, channel, clock)
    await service.escalate(_alert())
    return service, channel, clock, channel.alerts[0][2]


async def test_alert_goes_to_the_chosen_worker_on_duty_with_context(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await _setup(sessions, on_duty=(AROHA, BEN), chosen=AROHA)
    channel, clock = Channel(), Clock()
    outcome = await _service(sessions, channel, clock).escalate(_alert())
    assert outcome.alerted == "Aroha, your peer worker,"
    assert channel.alerted_chats() == [AROHA]
    text = channel.alerts[0][1]
    assert "Sam" in text and "i want to end my life" in text and "2/10" in text
    async with sessions() as s:
        assert await has_open_crisis(s, CLIENT)
        actions = [e.action for e in await audit_events(s)]
    assert "episode_opened" in actions and "alert_sent" in actions


async def test_without_the_chosen_worker_the_on_duty_roster_gets_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await _setup(sessions, on_duty=(BEN, CARA), chosen=AROHA)
    channel = Channel()
    outcome = await _service(sessions, channel, Clock()).escalate(_alert())
    assert sorted(channel.alerted_chats()) == [BEN, CARA]
    assert outcome.alerted == "the peer workers on duty"


async def test_nobody_on_duty_goes_to_the_backup_chat_without_text_or_name(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await _setup(sessions, chosen=AROHA)
    channel = Channel()
    outcome = await _service(sessions, channel, Clock()).escalate(_alert())
    assert outcome.alerted is None and outcome.team_notified
    assert channel.alerted_chats() == [BACKUP]
    backup_text = channel.alerts[0][1]
    assert "end my life" not in backup_text and "Sam" not in backup_text
    assert str(CLIENT) not in backup_text


async def test_unacknowledged_alert_is_resent_and_widened_also_after_a_restart(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await _setup(sessions, on_duty=(AROHA, BEN), chosen=AROHA)
    channel, clock = Channel(), Clock()
    await _service(sessions, channel, clock).escalate(_alert())
    assert channel.alerted_chats() == [AROHA]
    clock.now = T0 + timedelta(minutes=4)
    assert await _service(sessions, channel, clock).tick() == 0
    # A new service object over the same database stands for a restarted bot.
    clock.now = T0 + timedelta(minutes=5, seconds=1)
    restarted = _service(sessions, channel, clock)
    assert await restarted.tick() == 3
    assert channel.alerted_chats()[1:] == [AROHA, BEN, BACKUP]
    assert "sent again" in channel.alerts[1][1]
    clock.now += timedelta(minutes=5, seconds=1)
    assert await restarted.tick() == 3  # third and last send
    clock.now += timedelta(minutes=30)
    assert await restarted.tick() == 0  # max_sends reached: it waits for a person


async def test_acknowledge_take_over_relay_hand_back_and_resolve(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    service, channel, clock, episode_id = await _escalated(sessions, on_duty=(AROHA, BEN))
    clock.now += timedelta(minutes=2)

    reply = await service.staff_action(AROHA, "ack", episode_id)
    assert reply.startswith("Acknowledged")
    assert any("Aroha, a peer worker (a real person)" in t for t in channel.texts_to(CLIENT))
    assert [c[0] for c in channel.closed] == [BEN]  # Ben's copy loses its buttons
    clock.now += timedelta(minutes=10)
    assert await service.tick() == 0  # acknowledged: no re-send

    await service.staff_action(AROHA, "take", episode_id)
    assert any("You're now talking with Aroha" in t for t in channel.texts_to(CLIENT))
    assert await service.staff_action(BEN, "take", episode_id) == (
        f"Someone else has already taken over #{episode_id}."
    )
    replies = await service.relay_from_client(CLIENT, "thanks for messaging", CALM)
    assert replies == []
    assert channel.texts_to(AROHA)[-1] == f"💬 Sam (#{episode_id}): thanks for messaging"
    assert await service.relay_from_worker(AROHA, "Kia ora Sam, I'm here") == ""
    assert channel.texts_to(CLIENT)[-1] == "Aroha (peer worker): Kia ora Sam, I'm here"
    risky = await service.relay_from_client(CLIENT, "i still want to die", RISK)
    assert risky is not None and "111" in risky[0].text
    assert "risk screen flagged" in channel.texts_to(AROHA)[-1]

    await service.staff_action(AROHA, "back", episode_id)
    assert await service.relay_from_client(CLIENT, "ok", CALM) is None  # the bot answers again
    await service.staff_action(AROHA, "res", episode_id)
    async with sessions() as s:
        episode = await s.get(Escalation, episode_id)
        assert episode is not None and episode.status == "resolved"
        assert not await has_open_crisis(s, CLIENT)
        actions = [e.action for e in await audit_events(s, escalation_id=episode_id)]
    for expected in ("acknowledged", "handoff_started", "handed_back", "resolved"):
        assert expected in actions
    assert episode.acknowledged_at == T0 + timedelta(minutes=2)


async def test_two_workers_taking_over_at_once_cannot_both_win(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Workers' chats run concurrently (bot/update_order.py): simultaneous taps on one episode."""
    service, channel, _, episode_id = await _escalated(sessions, on_duty=(AROHA, BEN))
    replies = await asyncio.gather(
        service.staff_action(AROHA, "take", episode_id),
        service.staff_action(BEN, "take", episode_id),
    )
    won = [r for r in replies if r.startswith("You're now talking")]
    assert len(won) == 1, replies
    assert f"Someone else has already taken over #{episode_id}." in replies
    told = [t for t in channel.texts_to(CLIENT) if t.startswith("You're now talking with")]
    assert len(told) == 1
    assert len(service._episode_locks) == 0


async def test_staff_actions_are_refused_to_others_and_audited(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    service, _, _, episode_id = await _escalated(sessions, on_duty=(AROHA,))
    assert "only for registered peer workers" in await service.staff_action(
        CLIENT, "take", episode_id
    )
    # Cara is staff but was never alerted and isn't the client's worker.
    assert "isn't one you were alerted to" in await service.staff_action(CARA, "ack", episode_id)
    assert await service.relay_from_worker(CLIENT, "hello") is None
    async with sessions() as s:
        refused = await audit_events(s, action="staff_action_refused")
        episode = await s.get(Escalation, episode_id)
    assert len(refused) == 2
    assert episode is not None and episode.acknowledged_at is None


async def test_backup_chat_worker_gets_the_details_in_private(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # nobody on duty: only the backup chat is alerted
    service, channel, _, episode_id = await _escalated(sessions)
    await service.staff_action(CARA, "ack", episode_id)
    private = [text for chat, text, _ in channel.alerts if chat == CARA]
    assert private and "end my life" in private[0]
    async with sessions() as s:
        assert await audit_events(s, action="client_data_viewed")


async def test_requests_and_soft_referrals(sessions: async_sessionmaker[AsyncSession]) -> None:
    await _setup(sessions, on_duty=(BEN,), chosen=AROHA)
    channel, clock = Channel(), Clock()
    service = _service(sessions, channel, clock)
    outcome = await service.request_person(CLIENT, "low_moods")
    assert outcome.alerted == "Ben, the peer worker on duty,"
    assert "Soft referral" in channel.alerts[0][1]
    clock.now += timedelta(hours=1)
    assert await service.tick() == 0  # referrals are not urgent: no re-sends
    async with sessions() as s:
        assert not await has_open_crisis(s, CLIENT)
    # A risk message while the referral is open turns the episode into a risk episode.
    await service.escalate(_alert())
    async with sessions() as s:
        assert await has_open_crisis(s, CLIENT)


async def test_risk_from_someone_who_never_consented_still_alerts(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await _setup(sessions, on_duty=(AROHA,))
    channel = Channel()
    outcome = await _service(sessions, channel, Clock()).escalate(
        RiskAlert(424242, "high", "plan", "tonight is the night", "screen")
    )
    assert outcome.alerted == "Aroha, the peer worker on duty,"
    assert "not enrolled" in channel.alerts[0][1]


async def test_database_down_still_alerts_the_backup_chat() -> None:
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    channel = Channel()
    service = _service(create_sessionmaker(engine), channel, Clock())
    outcome = await service.escalate(_alert())
    await engine.dispose()
    assert outcome.team_notified and outcome.alerted is None
    assert channel.texts[0][0] == BACKUP and "end my life" not in channel.texts[0][1]


async def test_caring_contacts_pause_in_a_crisis_and_stop_when_blocked(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    service, channel, clock, episode_id = await _escalated(sessions, on_duty=(AROHA,))
    assert "once #" in await service.schedule_caring(AROHA, episode_id, [1], "Thinking of you")
    await service.staff_action(AROHA, "res", episode_id)
    reply = await service.schedule_caring(AROHA, episode_id, [1, 3], "Thinking of you, Sam")
    assert reply.startswith("Scheduled 2")

    clock.now += timedelta(days=1, minutes=1)
    await service.escalate(_alert("it's all too much, i want to die"))  # a new crisis opens
    assert await service.tick() == 0
    assert not any("Thinking of you" in t for t in channel.texts_to(CLIENT))  # paused

    async with sessions() as s, s.begin():
        episode = (
            await s.execute(select(Escalation).where(Escalation.status != "resolved"))
        ).scalar_one()
        episode.status = "resolved"
    assert await service.tick() == 1
    assert channel.texts_to(CLIENT)[-1].startswith("Aroha (your peer worker, a real person)")
    # The client's first reply goes to Aroha.
    replies = await service.relay_from_client(CLIENT, "thank you, that meant a lot", CALM)
    assert replies is not None and "passed that on to Aroha" in replies[0].text
    assert "thank you, that meant a lot" in channel.texts_to(AROHA)[-1]
    assert await service.relay_from_client(CLIENT, "log my mood", CALM) is None

    channel.blocked.add(CLIENT)
    clock.now += timedelta(days=3)
    assert await service.tick() == 0
    async with sessions() as s:
        contacts = (await s.execute(select(CaringContact).order_by(CaringContact.id))).scalars()
        statuses = [(c.status, c.skip_reason) for c in contacts]
        client = (await s.execute(select(Client).where(Client.chat_id == CLIENT))).scalar_one()
    assert statuses == [("sent", None), ("skipped", "client blocked the bot")]
    assert client.active is False


async def test_duty_toggle_and_intro(sessions: async_sessionmaker[AsyncSession]) -> None:
    await _setup(sessions)
    service = _service(sessions, Channel(), Clock())
    assert "on duty" in await service.set_duty(AROHA, True)
    worker = await service.staff_worker(AROHA)
    assert worker is not None and worker.on_duty
    assert "only for registered" in await service.set_duty(CLIENT, True)
    await service.set_intro(AROHA, "I'm Aroha, I love the ngahere.")
    worker = await service.staff_worker(AROHA)
    assert worker is not None and worker.intro.startswith("I'm Aroha")
