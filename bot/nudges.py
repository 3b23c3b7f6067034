"""Nudge dispatch: claim due rows, decide, send within the budget, record every outcome.

Delivery is at least once. A row is marked "sending" (committed) just before it is handed to
Telegram and "sent" just after; if the dispatcher dies in between, the lease lapses and another
dispatcher sends it again, because Telegram gives no way to ask whether a message arrived. So a
crash can duplicate at most the rows in flight at that moment: `concurrency` per dispatcher.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

from bot.send_budget import SendBudget
from bot.telegram_render import keyboard_json
from companion.db import nudges as queries
from companion.db.models import ActionPlan, MoodEntry
from companion.db.models.nudges import NudgeSchedule
from companion.nudge_rules import (
    Defer,
    NudgeFacts,
    Send,
    Skip,
    decide,
    next_occurrence,
    render_nudge,
)
from companion.replies import Reply

log = logging.getLogger(__name__)
# do_api_request is deliberate here (see TelegramNudgeSender.send); PTB warns about it each time.
warnings.filterwarnings("ignore", message="Please use 'Bot.sendMessage'", category=PTBUserWarning)


@dataclass(frozen=True)
class Sent:
    message_id: int | None


@dataclass(frozen=True)
class Blocked:
    """The client blocked the bot (403) or the chat is gone."""


@dataclass(frozen=True)
class TryLater:
    seconds: float
    rate_limited: bool


SendResult = Sent | Blocked | TryLater


class NudgeSender(Protocol):
    """Sends one nudge to one chat."""

    async def send(self, chat_id: int, reply: Reply) -> SendResult: ...


class TelegramNudgeSender:
    """Through the Bot API; maps Telegram's errors onto what the dispatcher must do."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        api_kwargs: dict[str, object] = {"chat_id": chat_id, "text": reply.text}
        keyboard = keyboard_json(reply.buttons)
        if keyboard is not None:
            api_kwargs["reply_markup"] = keyboard
        try:
            # The raw result, not a Message object: building PTB objects for every echoed
            # keyboard was most of the dispatcher's time in a burst (bench/nudge_dispatch.py).
            result = await self._bot.do_api_request("sendMessage", api_kwargs=api_kwargs)
        except Forbidden:
            return Blocked()
        except RetryAfter as error:
            seconds = error.retry_after
            wait = seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds)
            return TryLater(wait, rate_limited=True)
        except BadRequest as error:
            if "chat not found" in str(error).lower():
                return Blocked()
            log.warning("nudge refused by Telegram: %s", type(error).__name__)
            return TryLater(60.0, rate_limited=False)
        except TelegramError as error:
            log.warning("nudge send failed: %s", type(error).__name__)
            return TryLater(30.0, rate_limited=False)
        message_id = result.get("message_id") if isinstance(result, dict) else None
        return Sent(message_id if isinstance(message_id, int) else None)


@dataclass
class TickReport:
    """What one tick did, for logs, tests and the benchmark."""

    claimed: int = 0
    sent: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    deferred: int = 0
    retried: int = 0
    maybe_duplicates: int = 0
    handed_back: int = 0  # claimed but not sent because the bot was stopping
    db_seconds: float = 0.0

    def merge(self, other: TickReport) -> None:
        """Add another tick's figures to these."""
        self.claimed += other.claimed
        self.sent += other.sent
        self.deferred += other.deferred
        self.retried += other.retried
        self.maybe_duplicates += other.maybe_duplicates
        self.handed_back += other.handed_back
        self.db_seconds += other.db_seconds
        self.skipped.update(other.skipped)


@dataclass(frozen=True)
class DispatchSettings:
    """How a dispatcher behaves; defaults suit one bot on Telegram's limits."""

    batch: int = 500
    concurrency: int = 20
    lease: timedelta = timedelta(seconds=120)
    late_window: timedelta = timedelta(hours=2)
    followup_after: timedelta = timedelta(hours=3)
    max_attempts: int = 5


def _always() -> bool:
    return True


class NudgeDispatcher:
    """One per bot process; several processes may share a PostgreSQL database."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        sender: NudgeSender,
        budget: SendBudget,
        worker: str,
        settings: DispatchSettings | None = None,
    ) -> None:
        self._sessions = sessions
        self._sender = sender
        self._budget = budget
        self._worker = worker
        self._settings = settings or DispatchSettings()

    async def run_until_idle(
        self, now: datetime | None = None, *, keep_going: Callable[[], bool] = _always
    ) -> TickReport:
        """Tick until nothing is due or `keep_going()` turns false (the bot is stopping)."""
        total = TickReport()
        while keep_going():
            report = await self.tick(now, keep_going=keep_going)
            total.merge(report)
            if report.claimed == 0:
                break
        return total

    async def tick(
        self, now: datetime | None = None, *, keep_going: Callable[[], bool] = _always
    ) -> TickReport:
        """Claim one batch of due nudges and finish every row in it.

        `keep_going` is asked before each chunk of sends: when it turns false, the rows not yet
        sent are handed back at once (due as before), so a stopping bot isn't held for the
        rest of a rate-capped batch (500 rows at 30 msg/s is ~17 s) and the next process sends
        them without waiting for the lease to lapse.
        """
        report = TickReport()
        clock = now or datetime.now(timezone.utc)
        started = time.perf_counter()
        async with self._sessions() as session, session.begin():
            claimed = await queries.claim_due(
                session, clock, self._worker, self._settings.lease, self._settings.batch
            )
            if not claimed:
                report.db_seconds = time.perf_counter() - started
                return report
            people = await queries.recipients(session, [c.client_id for c in claimed])
            schedules = await queries.schedules_by_id(
                session, [c.schedule_id for c in claimed if c.schedule_id is not None]
            )
            plans = await _plan_names(session, [c.plan_id for c in claimed if c.plan_id])
            checked_in = await self._checked_in_since(session, claimed)
        report.db_seconds += time.perf_counter() - started
        report.claimed = len(claimed)
        report.maybe_duplicates = sum(1 for c in claimed if c.maybe_sent)
        to_send: list[queries.ClaimedNudge] = []
        skips: dict[int, str] = {}
        defers: dict[int, datetime] = {}
        for nudge in claimed:
            person = people.get(nudge.client_id)
            schedule = schedules.get(nudge.schedule_id) if nudge.schedule_id else None
            decision = decide(
                NudgeFacts(
                    due_at=nudge.due_at,
                    kind=nudge.kind,
                    client_found=person is not None,
                    client_active=person.active if person else False,
                    in_crisis=person.in_crisis if person else False,
                    schedule_status=schedule.status if schedule else None,
                    zone=person.timezone if person else "UTC",
                    quiet_start=person.quiet_start if person else None,
                    quiet_end=person.quiet_end if person else None,
                    checked_in_since_due=nudge.id in checked_in,
                ),
                clock,
                self._settings.late_window,
            )
            if isinstance(decision, Skip):
                skips[nudge.id] = decision.reason
            elif isinstance(decision, Defer):
                defers[nudge.id] = decision.until
            else:
                assert isinstance(decision, Send)
                to_send.append(nudge)
        started = time.perf_counter()
        async with self._sessions() as session, session.begin():
            await queries.mark_skipped(session, skips, self._worker)
            await queries.release(session, defers, self._worker)
            finished = [c for c in claimed if c.id in skips]
            await self._queue_next(session, finished, schedules, people, skips)
        report.db_seconds += time.perf_counter() - started
        report.skipped.update(skips.values())
        report.deferred = len(defers)
        step = self._settings.concurrency
        for start in range(0, len(to_send), step):
            if not keep_going():
                await self._hand_back(to_send[start:], report)
                break
            chunk = to_send[start : start + step]
            await self._send_chunk(chunk, people, schedules, plans, report, clock)
        return report

    async def _hand_back(self, rows: Sequence[queries.ClaimedNudge], report: TickReport) -> None:
        started = time.perf_counter()
        async with self._sessions() as session, session.begin():
            await queries.unclaim(session, [c.id for c in rows], self._worker)
        report.db_seconds += time.perf_counter() - started
        report.handed_back += len(rows)

    async def _send_chunk(
        self,
        chunk: Sequence[queries.ClaimedNudge],
        people: dict[int, queries.Recipient],
        schedules: dict[int, NudgeSchedule],
        plans: dict[int, str],
        report: TickReport,
        clock: datetime,
    ) -> None:
        started = time.perf_counter()
        async with self._sessions() as session, session.begin():
            await queries.mark_sending(
                session, [c.id for c in chunk], self._worker, datetime.now(timezone.utc)
            )
        report.db_seconds += time.perf_counter() - started

        async def one(nudge: queries.ClaimedNudge) -> SendResult:
            await self._budget.acquire()
            person = people[nudge.client_id]
            reply = render_nudge(
                nudge.kind,
                nudge.id,
                person.name,
                nudge.plan_id,
                plans.get(nudge.plan_id) if nudge.plan_id else None,
            )
            return await self._sender.send(nudge.chat_id, reply)

        results = await asyncio.gather(*(one(n) for n in chunk))
        now = datetime.now(timezone.utc)
        sent: dict[int, int | None] = {}
        retry: dict[int, datetime] = {}
        give_up: dict[int, str] = {}
        blocked: list[int] = []
        for nudge, result in zip(chunk, results, strict=True):
            if isinstance(result, Sent):
                sent[nudge.id] = result.message_id
            elif isinstance(result, Blocked):
                give_up[nudge.id] = "blocked"
                blocked.append(nudge.client_id)
            else:
                if result.rate_limited:
                    await self._budget.pause(result.seconds)
                if nudge.attempts >= self._settings.max_attempts and not result.rate_limited:
                    give_up[nudge.id] = "send_failed"
                else:
                    retry[nudge.id] = clock + timedelta(seconds=result.seconds)
        started = time.perf_counter()
        async with self._sessions() as session, session.begin():
            await queries.mark_sent(session, sent, self._worker, now)
            await queries.mark_skipped(session, give_up, self._worker)
            await queries.release(session, retry, self._worker)
            for client_id in set(blocked):
                await queries.mark_client_inactive(session, client_id)
            done = [c for c in chunk if c.id in sent or c.id in give_up]
            await self._queue_next(session, done, schedules, people, give_up)
            await self._queue_followups(session, [c for c in chunk if c.id in sent], clock)
        report.db_seconds += time.perf_counter() - started
        report.sent += len(sent)
        report.retried += len(retry)
        report.skipped.update(give_up.values())

    async def _queue_next(
        self,
        session: AsyncSession,
        finished: Sequence[queries.ClaimedNudge],
        schedules: dict[int, NudgeSchedule],
        people: dict[int, queries.Recipient],
        reasons: dict[int, str],
    ) -> None:
        """Queue the next occurrence of each repeating schedule whose row just finished."""
        rows = []
        stamp = datetime.now(timezone.utc)
        for nudge in finished:
            schedule = schedules.get(nudge.schedule_id) if nudge.schedule_id else None
            person = people.get(nudge.client_id)
            if schedule is None or person is None or nudge.local_date is None:
                continue
            if schedule.status != "active" or reasons.get(nudge.id) in ("blocked", "client_gone"):
                continue
            day, due = next_occurrence(
                schedule.local_time, person.timezone, nudge.local_date, schedule.weekdays
            )
            rows.append(
                queries.outbox_row(
                    client_id=nudge.client_id,
                    chat_id=nudge.chat_id,
                    kind=schedule.kind,
                    due_at=due,
                    created_at=stamp,
                    schedule=schedule,
                    local_date=day,
                )
            )
        await queries.queue_nudges(session, rows)

    async def _queue_followups(
        self, session: AsyncSession, sent: Sequence[queries.ClaimedNudge], now: datetime
    ) -> None:
        """A gentle follow-up after a check-in nudge, skipped if the client checks in first."""
        rows = [
            queries.outbox_row(
                client_id=n.client_id,
                chat_id=n.chat_id,
                kind="followup",
                due_at=now + self._settings.followup_after,
                created_at=now,
            )
            for n in sent
            if n.kind == "checkin" and n.schedule_id is not None
        ]
        await queries.queue_nudges(session, rows)

    async def _checked_in_since(
        self, session: AsyncSession, claimed: Sequence[queries.ClaimedNudge]
    ) -> set[int]:
        """Follow-ups whose client has logged a mood since the check-in nudge they follow."""
        followups = [c for c in claimed if c.kind == "followup"]
        if not followups:
            return set()
        found = await session.execute(
            select(MoodEntry.client_id, func.max(MoodEntry.created_at))
            .where(MoodEntry.client_id.in_({c.client_id for c in followups}))
            .group_by(MoodEntry.client_id)
        )
        latest: dict[int, datetime] = {cid: at for cid, at in found.all() if at is not None}
        # a follow-up is queued `followup_after` before it falls due, when the nudge went out
        return {
            n.id
            for n in followups
            if n.client_id in latest
            and latest[n.client_id] >= n.due_at - self._settings.followup_after
        }


async def _plan_names(session: AsyncSession, plan_ids: Sequence[int | None]) -> dict[int, str]:
    ids = sorted({p for p in plan_ids if p})
    if not ids:
        return {}
    found = await session.execute(
        select(ActionPlan.id, ActionPlan.what).where(ActionPlan.id.in_(ids))
    )
    return {i: what for i, what in found.all()}
