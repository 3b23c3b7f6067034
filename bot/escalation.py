"""Bringing a person in: alerts, re-sends, staff actions, handoff relay and Caring Contacts.

All state lives in the database (so re-sends survive a restart); the chat platform is reached
through `StaffChannel`, so Telegram and the terminal share this logic. Client message text
never goes to logs, the audit trail or the shared backup chat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversation import AlertOutcome, RiskAlert
from bot.keyed_locks import KeyedLocks
from companion.db.audit import audit
from companion.db.clients import get_client
from companion.db.escalations import (
    add_delivery,
    create_escalation,
    deliveries,
    due_for_resend,
    get_escalation,
    handoff_for_chat,
    handoff_for_worker,
    has_open_crisis,
    open_episode_for_chat,
    was_alerted,
)
from companion.db.models import CaringContact, Client, Escalation, PeerWorker
from companion.db.moods import recent_moods
from companion.db.peers import on_duty_peers, peer_by_telegram_id, redeem_invite
from companion.db.plans import active_plans
from companion.db.session import DATABASE_DOWN
from companion.replies import Reply
from companion.safety.alert_text import (
    AlertContext,
    AlertFacts,
    describe_reason,
    render_acknowledged_note,
    render_team_alert,
    render_worker_alert,
)
from companion.safety.messages import render_relay_safety_line
from companion.safety.routing import Recipient, Worker, next_alert_time, route_alert, who_was_told
from companion.safety.screen import ScreenResult

log = logging.getLogger(__name__)

SendResult = Literal["sent", "blocked", "failed"]
SOFT_REASONS = frozenset({"low_moods", "who5_low"})
# What "the database is down" looks like: driver errors, or refused connections (asyncpg).


class StaffChannel(Protocol):
    """How the service reaches people: alerts with action buttons, and plain messages."""

    async def send_alert(self, chat_id: int, text: str, episode_id: int) -> int | None:
        """Send an alert with Acknowledge / Take over / Resolve; its message id, None if failed."""
        ...

    async def close_alert(self, chat_id: int, message_id: int, note: str) -> None:
        """Take the buttons off an alert someone else has acted on, with a short note."""
        ...

    async def send_text(self, chat_id: int, text: str) -> SendResult:
        """A plain message to a client or a worker."""
        ...


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


def _worker(peer: PeerWorker) -> Worker:
    return Worker(peer.id, peer.telegram_user_id, peer.name, peer.on_duty)


@dataclass(frozen=True)
class _Send:
    recipient: Recipient
    text: str


@dataclass(frozen=True)
class _Dispatch:
    episode_id: int
    chat_id: int
    stage: int
    sends: tuple[_Send, ...]
    outcome: AlertOutcome


class EscalationService:
    """Episodes from first alert to resolution."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        channel: StaffChannel,
        *,
        backup_chat_id: int | None,
        resend_after: timedelta,
        max_sends: int,
        caring_reply_days: int = 7,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._channel = channel
        self._backup = backup_chat_id
        self._resend_after = resend_after
        self._max_sends = max_sends
        self._caring_window = timedelta(days=caring_reply_days)
        self._clock = clock
        # Workers' chats are handled at the same time (bot/update_order.py): two workers tapping
        # "take over" on one episode must not both win. One lock per episode in this process;
        # across replicas the row lock in staff_action (PostgreSQL) does the same.
        self._episode_locks: KeyedLocks[int] = KeyedLocks()

    # ---- client side -------------------------------------------------------------------------

    async def escalate(self, alert: RiskAlert) -> AlertOutcome:
        """Record a risk episode and alert the right people; works without the database too."""
        try:
            dispatch = await self._open(
                alert.chat_id, "risk", alert.level, alert.reason, alert.source, alert.message_text
            )
        except DATABASE_DOWN:
            log.exception("database unavailable while escalating chat %s", alert.chat_id)
            return await self._fallback_alert(alert.chat_id)
        await self._deliver(dispatch)
        return dispatch.outcome

    async def request_person(self, chat_id: int, reason: str) -> AlertOutcome:
        """The client asked for a person, or accepted a soft referral."""
        kind = "referral" if reason in SOFT_REASONS else "request"
        try:
            dispatch = await self._open(chat_id, kind, "low", reason, "client", None)
        except DATABASE_DOWN:
            log.exception("database unavailable for a request from chat %s", chat_id)
            return await self._fallback_alert(chat_id)
        await self._deliver(dispatch)
        return dispatch.outcome

    async def relay_from_client(
        self, chat_id: int, text: str, screen: ScreenResult
    ) -> list[Reply] | None:
        """Pass the message to the worker who took over, or who wrote the Caring Contact."""
        async with self._sessions() as session, session.begin():
            episode = await handoff_for_chat(session, chat_id)
            if episode is not None and episode.handoff_worker_id is not None:
                worker = await session.get(PeerWorker, episode.handoff_worker_id)
                client = await get_client(session, chat_id)
                if worker is None:
                    return None
                label = (client.preferred_name if client else None) or "Client"
                note = ""
                if screen.escalate:
                    note = (
                        f"\n⚠️ The risk screen flagged this ({describe_reason(screen.reason)}). "
                        "They were shown 111 and 1737."
                    )
                sent = await self._channel.send_text(
                    worker.telegram_user_id, f"💬 {label} (#{episode.id}): {text}{note}"
                )
                if sent != "sent":
                    return None
                return [render_relay_safety_line()] if screen.escalate else []
            if screen.escalate or screen.level == "ask":
                return None
            return await self._caring_reply(session, chat_id, text)

    async def _caring_reply(
        self, session: AsyncSession, chat_id: int, text: str
    ) -> list[Reply] | None:
        now = self._clock()
        result = await session.execute(
            select(CaringContact)
            .where(
                CaringContact.chat_id == chat_id,
                CaringContact.status == "sent",
                CaringContact.replied_at.is_(None),
                CaringContact.sent_at >= now - self._caring_window,
            )
            .order_by(CaringContact.sent_at.desc())
            .limit(1)
        )
        contact = result.scalar_one_or_none()
        if contact is None:
            return None
        worker = await session.get(PeerWorker, contact.peer_worker_id)
        if worker is None or not worker.active:
            return None
        client = await get_client(session, chat_id)
        label = (client.preferred_name if client else None) or "Your client"
        sent = await self._channel.send_text(
            worker.telegram_user_id, f"💌 {label} replied to your Caring Contact: {text}"
        )
        if sent != "sent":
            return None
        contact.replied_at = now
        await audit(
            session,
            "caring_reply_relayed",
            now,
            client_chat_id=chat_id,
            peer_worker_id=worker.id,
            escalation_id=contact.escalation_id,
        )
        return [Reply(text=f"Thanks, I've passed that on to {worker.name} (a real person).")]

    # ---- opening and delivering --------------------------------------------------------------

    async def _open(
        self, chat_id: int, kind: str, level: str, reason: str, source: str, text: str | None
    ) -> _Dispatch:
        now = self._clock()
        async with self._sessions() as session, session.begin():
            episode = await open_episode_for_chat(session, chat_id)
            if episode is not None and (kind == "risk" or episode.kind != "referral"):
                return await self._update_open(session, episode, kind, level, reason, text, now)
            if episode is not None:
                return await self._dispatch(session, episode, stage=episode.stage, now=now)
            episode = await create_escalation(
                session,
                chat_id=chat_id,
                kind=kind,
                level=level,
                reason=reason,
                source=source,
                trigger_text=text,
                now=now,
            )
            await audit(
                session,
                "episode_opened",
                now,
                client_chat_id=chat_id,
                escalation_id=episode.id,
                detail=f"{kind} {level} {reason} via {source}",
            )
            return await self._dispatch(session, episode, stage=0, now=now)

    async def _update_open(
        self,
        session: AsyncSession,
        episode: Escalation,
        kind: str,
        level: str,
        reason: str,
        text: str | None,
        now: datetime,
    ) -> _Dispatch:
        """A new message in an episode that is still open: tell whoever holds it, or re-alert."""
        if kind == "risk" and episode.kind != "risk":
            episode.kind, episode.level, episode.reason = "risk", level, reason
        if kind == "risk" and text:
            episode.trigger_text = text
        holder_id = episode.handoff_worker_id or episode.acknowledged_by
        holder = await session.get(PeerWorker, holder_id) if holder_id else None
        if episode.status != "open" and holder is not None and holder.active:
            ctx = await self._context(session, episode.chat_id)
            facts = self._facts(episode, episode.sends + 1)
            body = render_worker_alert(facts, text, ctx) if kind == "risk" else None
            message = body or f"#{episode.id}: the client asked again to talk with a person."
            recipient = Recipient(holder.telegram_user_id, _worker(holder))
            episode.sends += 1
            await audit(
                session,
                "alert_sent",
                now,
                client_chat_id=episode.chat_id,
                escalation_id=episode.id,
                peer_worker_id=holder.id,
                detail="to holder",
            )
            return _Dispatch(
                episode.id,
                episode.chat_id,
                episode.stage,
                (_Send(recipient, message),),
                AlertOutcome(alerted=f"{holder.name}, who is already looking after this,"),
            )
        return await self._dispatch(session, episode, stage=episode.stage, now=now)

    async def _dispatch(
        self, session: AsyncSession, episode: Escalation, *, stage: int, now: datetime
    ) -> _Dispatch:
        """Plan one round of alerts and schedule the next (so a crash still re-sends)."""
        client = await get_client(session, episode.chat_id)
        chosen_peer = (
            await session.get(PeerWorker, client.peer_worker_id)
            if client is not None and client.peer_worker_id is not None
            else None
        )
        chosen = _worker(chosen_peer) if chosen_peer is not None and chosen_peer.active else None
        roster = [_worker(p) for p in await on_duty_peers(session)]
        recipients = route_alert(stage, chosen, roster, self._backup)
        episode.stage = stage
        episode.sends += 1
        if episode.kind == "referral":
            episode.next_alert_at = None  # non-urgent: no re-sends
        else:
            episode.next_alert_at = next_alert_time(
                now, episode.sends, self._resend_after, self._max_sends
            )
        facts = self._facts(episode, episode.sends)
        ctx = await self._context(session, episode.chat_id)
        sends = tuple(
            _Send(
                r,
                render_team_alert(facts)
                if r.is_backup
                else render_worker_alert(facts, episode.trigger_text, ctx),
            )
            for r in recipients
        )
        told = who_was_told(recipients, chosen)
        team = told is None and any(r.is_backup for r in recipients)
        return _Dispatch(episode.id, episode.chat_id, stage, sends, AlertOutcome(told, team))

    @staticmethod
    def _facts(episode: Escalation, send_number: int) -> AlertFacts:
        return AlertFacts(
            episode.id,
            episode.kind,
            episode.level,
            episode.reason,
            episode.created_at,
            send_number,
        )

    async def _context(self, session: AsyncSession, chat_id: int) -> AlertContext:
        client = await get_client(session, chat_id)
        if client is None:
            return AlertContext(preferred_name=None, consented=False)
        moods = [(m.created_at, m.score) for m in await recent_moods(session, client.id, 3)]
        goals = [p.what for p in await active_plans(session, client.id)]
        return AlertContext(client.preferred_name, True, moods, goals)

    async def _deliver(self, dispatch: _Dispatch) -> None:
        results: list[tuple[Recipient, int | None]] = []
        for send in dispatch.sends:
            try:
                message_id = await self._channel.send_alert(
                    send.recipient.chat_id, send.text, dispatch.episode_id
                )
            except Exception:
                log.exception("alert #%s could not be sent", dispatch.episode_id)
                message_id = None
            results.append((send.recipient, message_id))
        if not dispatch.sends:
            log.error(
                "alert #%s: nobody to alert (no worker on duty, no backup chat)",
                dispatch.episode_id,
            )
        try:
            async with self._sessions() as session, session.begin():
                now = self._clock()
                for recipient, message_id in results:
                    worker_id = recipient.worker.id if recipient.worker else None
                    await add_delivery(
                        session,
                        escalation_id=dispatch.episode_id,
                        recipient_chat_id=recipient.chat_id,
                        peer_worker_id=worker_id,
                        message_id=message_id,
                        stage=dispatch.stage,
                        delivered=message_id is not None,
                        now=now,
                    )
                    await audit(
                        session,
                        "alert_sent" if message_id else "alert_failed",
                        now,
                        peer_worker_id=worker_id,
                        client_chat_id=dispatch.chat_id,
                        escalation_id=dispatch.episode_id,
                        detail=f"stage {dispatch.stage} to "
                        + ("backup chat" if recipient.is_backup else "worker"),
                    )
        except DATABASE_DOWN:
            log.exception("could not record the deliveries of alert #%s", dispatch.episode_id)

    async def _fallback_alert(self, chat_id: int) -> AlertOutcome:
        """Database down: tell the backup chat that someone needs contact, without their words."""
        if self._backup is None:
            return AlertOutcome(alerted=None)
        sent = await self._channel.send_text(
            self._backup,
            f"⚠️ RISK ALERT from Telegram chat {chat_id}. The companion's database is "
            "unreachable, so there are no buttons or details. Please contact them directly.",
        )
        return AlertOutcome(alerted=None, team_notified=sent == "sent")

    # ---- the tick: re-sends and Caring Contacts ----------------------------------------------

    async def tick(self) -> int:
        """Re-send and widen unacknowledged alerts, send due Caring Contacts; returns sends."""
        now = self._clock()
        async with self._sessions() as session, session.begin():
            dispatches = [
                await self._dispatch(session, episode, stage=episode.stage + 1, now=now)
                for episode in await due_for_resend(session, now)
            ]
        for dispatch in dispatches:
            await self._deliver(dispatch)
        return sum(len(d.sends) for d in dispatches) + await self._send_caring_contacts(now)

    async def _send_caring_contacts(self, now: datetime) -> int:
        sent = 0
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                select(CaringContact)
                .where(CaringContact.status == "scheduled", CaringContact.send_at <= now)
                .order_by(CaringContact.send_at)
                .limit(50)
                .with_for_update(skip_locked=True)
            )
            for contact in result.scalars().all():
                client = await get_client(session, contact.chat_id)
                worker = await session.get(PeerWorker, contact.peer_worker_id)
                if client is None or not client.active:
                    contact.status, contact.skip_reason = "skipped", "client inactive or gone"
                    continue
                if await has_open_crisis(session, contact.chat_id):
                    continue  # paused while a crisis episode is open; sent after it closes
                name = worker.name if worker is not None else "Your peer worker"
                outcome = await self._channel.send_text(
                    contact.chat_id,
                    f"{name} (your peer worker, a real person) wrote: {contact.text}",
                )
                if outcome == "blocked":
                    client.active = False
                    contact.status, contact.skip_reason = "skipped", "client blocked the bot"
                elif outcome == "sent":
                    contact.status, contact.sent_at = "sent", now
                    sent += 1
                await audit(
                    session,
                    f"caring_contact_{outcome}",
                    now,
                    client_chat_id=contact.chat_id,
                    escalation_id=contact.escalation_id,
                    peer_worker_id=contact.peer_worker_id,
                )
        return sent

    # ---- staff side --------------------------------------------------------------------------

    async def staff_worker(self, telegram_user_id: int) -> PeerWorker | None:
        """The active worker with this Telegram id, if any."""
        async with self._sessions() as session:
            return await peer_by_telegram_id(session, telegram_user_id)

    async def refuse(self, telegram_user_id: int, what: str) -> None:
        """Record an attempt at a staff command or button by someone who isn't staff."""
        log.warning("refused staff action %s from user %s", what, telegram_user_id)
        try:
            async with self._sessions() as session, session.begin():
                await audit(
                    session,
                    "staff_action_refused",
                    self._clock(),
                    actor_telegram_id=telegram_user_id,
                    detail=what[:60],
                )
        except DATABASE_DOWN:
            log.exception("could not audit a refused staff action")

    async def staff_action(self, telegram_user_id: int, action: str, episode_id: int) -> str:
        """Acknowledge ("ack"), take over ("take"), hand back ("back") or resolve ("res").

        One action on an episode at a time: the second of two simultaneous taps sees what the
        first did.
        """
        async with self._episode_locks.hold(episode_id):
            return await self._staff_action(telegram_user_id, action, episode_id)

    async def _staff_action(self, telegram_user_id: int, action: str, episode_id: int) -> str:
        now = self._clock()
        notes: list[tuple[int, int, str]] = []
        client_message: str | None = None
        details: str | None = None
        async with self._sessions() as session, session.begin():
            worker = await peer_by_telegram_id(session, telegram_user_id)
            episode = await get_escalation(session, episode_id, for_update=True)
            if worker is None:
                await audit(
                    session,
                    "staff_action_refused",
                    now,
                    actor_telegram_id=telegram_user_id,
                    detail=f"{action} #{episode_id}",
                )
                return "Sorry, these buttons are only for registered peer workers."
            if episode is None or not await self._may_act(session, worker, episode):
                await audit(
                    session,
                    "staff_action_refused",
                    now,
                    actor_telegram_id=telegram_user_id,
                    peer_worker_id=worker.id,
                    escalation_id=episode_id,
                    detail=action,
                )
                return f"Episode #{episode_id} isn't one you were alerted to, so I can't open it."
            if episode.status == "resolved":
                return f"Episode #{episode.id} is already resolved."
            name = worker.name
            first_ack = episode.acknowledged_at is None
            if first_ack:
                episode.acknowledged_at, episode.acknowledged_by = now, worker.id
                episode.next_alert_at = None
                if episode.status == "open":
                    episode.status = "acknowledged"
                await audit(
                    session,
                    "acknowledged",
                    now,
                    actor_telegram_id=telegram_user_id,
                    peer_worker_id=worker.id,
                    client_chat_id=episode.chat_id,
                    escalation_id=episode.id,
                )
                for d in await deliveries(session, episode.id):
                    if d.message_id and d.peer_worker_id != worker.id:
                        notes.append(
                            (
                                d.recipient_chat_id,
                                d.message_id,
                                render_acknowledged_note(name, "Acknowledged"),
                            )
                        )
                client_message = (
                    f"{name}, a peer worker (a real person), has seen your message and will be "
                    "in touch soon."
                )
            if action in ("ack", "take") and not await was_alerted(session, episode.id, worker.id):
                # Acted from the backup chat: the details go to their private chat only.
                ctx = await self._context(session, episode.chat_id)
                details = render_worker_alert(
                    self._facts(episode, episode.sends), episode.trigger_text, ctx
                )
            reply = await self._apply(session, worker, episode, action, now)
            if isinstance(reply, tuple):
                reply, client_message = reply
            if details is not None:
                await audit(
                    session,
                    "client_data_viewed",
                    now,
                    actor_telegram_id=telegram_user_id,
                    peer_worker_id=worker.id,
                    client_chat_id=episode.chat_id,
                    escalation_id=episode.id,
                )
            chat_id = episode.chat_id
        for chat, message_id, note in notes:
            try:
                await self._channel.close_alert(chat, message_id, note)
            except Exception:
                log.warning("could not update alert message for #%s", episode_id)
        if details is not None:
            await self._channel.send_alert(telegram_user_id, details, episode_id)
        if client_message:
            await self._channel.send_text(chat_id, client_message)
        return reply

    async def _apply(
        self,
        session: AsyncSession,
        worker: PeerWorker,
        episode: Escalation,
        action: str,
        now: datetime,
    ) -> str | tuple[str, str | None]:

        async def record(what: str) -> None:
            await audit(
                session,
                what,
                now,
                actor_telegram_id=worker.telegram_user_id,
                peer_worker_id=worker.id,
                client_chat_id=episode.chat_id,
                escalation_id=episode.id,
            )

        if action == "ack":
            return f"Acknowledged #{episode.id}. The client has been told you'll be in touch."
        if action == "take":
            current = await handoff_for_worker(session, worker.id)
            if current is not None and current.id != episode.id:
                return (
                    f"You're already talking with the client of #{current.id}. "
                    "Send /handback or /resolve there first."
                )
            if episode.status == "handoff" and episode.handoff_worker_id != worker.id:
                return f"Someone else has already taken over #{episode.id}."
            episode.status, episode.handoff_worker_id = "handoff", worker.id
            await record("handoff_started")
            return (
                f"You're now talking with the client of #{episode.id}. Type here and I'll pass it "
                "on, labelled as from you. /handback gives them back to the bot; /resolve closes "
                "the episode.",
                f"You're now talking with {worker.name}, a peer worker (a real person). What you "
                "send here goes to them until they hand you back to me, the bot.",
            )
        if action == "back":
            if episode.status != "handoff" or episode.handoff_worker_id != worker.id:
                return f"You haven't taken over #{episode.id}."
            episode.status, episode.handoff_worker_id = "acknowledged", None
            await record("handed_back")
            return (
                f"Handed #{episode.id} back to the bot. It stays open until someone resolves it.",
                f"{worker.name} has handed you back to me, the bot. I'm here any time, and you "
                "can ask for a person whenever you like.",
            )
        if action == "res":
            was_handoff = episode.status == "handoff"
            episode.status, episode.handoff_worker_id = "resolved", None
            episode.resolved_at, episode.resolved_by = now, worker.id
            episode.next_alert_at = None
            await record("resolved")
            reply = (
                f"Resolved #{episode.id}. Thank you. If that was a heavy one, take a breather and "
                "debrief with your supervisor.\nTo send Caring Contacts over the coming weeks: "
                f"/caring {episode.id} <days from now> <your message>"
            )
            client = (
                f"{worker.name} has closed this chat, so I'm the bot again. If things get hard, "
                "free call or text 1737, or ask for a person any time."
                if was_handoff
                else None
            )
            return reply, client
        return "Sorry, I don't know that action."

    async def _may_act(
        self, session: AsyncSession, worker: PeerWorker, episode: Escalation
    ) -> bool:
        """A worker may act on an episode they were alerted to, of their own client, or one that
        reached the backup chat (the team's shared responsibility)."""
        if await was_alerted(session, episode.id, worker.id):
            return True
        client = await get_client(session, episode.chat_id)
        if client is not None and client.peer_worker_id == worker.id:
            return True
        return any(d.peer_worker_id is None for d in await deliveries(session, episode.id))

    async def relay_from_worker(self, telegram_user_id: int, text: str) -> str | None:
        """A worker in a handoff typed a message: pass it to their client, labelled."""
        async with self._sessions() as session:
            worker = await peer_by_telegram_id(session, telegram_user_id)
            if worker is None:
                return None
            episode = await handoff_for_worker(session, worker.id)
            if episode is None:
                return None
            chat_id, name, episode_id = episode.chat_id, worker.name, episode.id
        result = await self._channel.send_text(chat_id, f"{name} (peer worker): {text}")
        if result == "sent":
            return ""
        return f"Couldn't deliver that to the client of #{episode_id} ({result})."

    async def current_handoff(self, telegram_user_id: int) -> int | None:
        """The episode this worker is talking in, if any."""
        async with self._sessions() as session:
            worker = await peer_by_telegram_id(session, telegram_user_id)
            episode = await handoff_for_worker(session, worker.id) if worker else None
            return episode.id if episode else None

    async def set_duty(self, telegram_user_id: int, on_duty: bool) -> str:
        """Go on or off duty."""
        now = self._clock()
        async with self._sessions() as session, session.begin():
            worker = await peer_by_telegram_id(session, telegram_user_id)
            if worker is None:
                return "Sorry, that's only for registered peer workers."
            worker.on_duty = on_duty
            await audit(
                session,
                "duty_on" if on_duty else "duty_off",
                now,
                actor_telegram_id=telegram_user_id,
                peer_worker_id=worker.id,
            )
        return (
            "You're on duty: risk alerts and requests will come to you here."
            if on_duty
            else "You're off duty. Alerts go to whoever is on duty, or the backup chat."
        )

    async def set_intro(self, telegram_user_id: int, intro: str) -> str:
        """The short intro clients see when they choose a peer worker."""
        async with self._sessions() as session, session.begin():
            worker = await peer_by_telegram_id(session, telegram_user_id)
            if worker is None:
                return "Sorry, that's only for registered peer workers."
            worker.intro = intro.strip()[:300]
        return "Thanks, clients will see that intro when they choose a peer worker."

    async def schedule_caring(
        self, telegram_user_id: int, episode_id: int, days: Sequence[float], text: str
    ) -> str:
        """Schedule Caring Contacts (one per day offset) after an episode is resolved."""
        now = self._clock()
        async with self._sessions() as session, session.begin():
            worker = await peer_by_telegram_id(session, telegram_user_id)
            episode = await get_escalation(session, episode_id)
            if (
                worker is None
                or episode is None
                or not await self._may_act(session, worker, episode)
            ):
                await audit(
                    session,
                    "staff_action_refused",
                    now,
                    actor_telegram_id=telegram_user_id,
                    detail=f"caring #{episode_id}",
                )
                return f"Episode #{episode_id} isn't one you were alerted to."
            if episode.status != "resolved":
                return f"Caring Contacts can be scheduled once #{episode_id} is resolved."
            for day in days:
                session.add(
                    CaringContact(
                        escalation_id=episode.id,
                        peer_worker_id=worker.id,
                        chat_id=episode.chat_id,
                        text=text.strip()[:1000],
                        send_at=now + timedelta(days=day),
                        status="scheduled",
                        created_at=now,
                    )
                )
            await audit(
                session,
                "caring_scheduled",
                now,
                actor_telegram_id=telegram_user_id,
                peer_worker_id=worker.id,
                client_chat_id=episode.chat_id,
                escalation_id=episode.id,
                detail=f"{len(days)} message(s)",
            )
        when = ", ".join(f"{d:g}" for d in days)
        return f"Scheduled {len(days)} Caring Contact(s) for #{episode_id}, in {when} day(s)."

    async def redeem(self, telegram_user_id: int, token: str) -> PeerWorker | None:
        """Register the user who opened a valid one-time invite."""
        now = self._clock()
        async with self._sessions() as session, session.begin():
            worker = await redeem_invite(session, token, telegram_user_id, now)
            await audit(
                session,
                "invite_redeemed" if worker else "invite_refused",
                now,
                actor_telegram_id=telegram_user_id,
                peer_worker_id=worker.id if worker else None,
            )
            return worker


async def client_is_active(sessions: async_sessionmaker[AsyncSession], chat_id: int) -> bool:
    """False for a client who blocked the bot (they get no scheduled messages)."""
    async with sessions() as session:
        client: Client | None = await get_client(session, chat_id)
        return client is None or client.active
