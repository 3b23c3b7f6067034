"""What a client can do with their reminders from Telegram: see, pause, resume, stop, snooze.

Callback data: "nudges:pause|resume|stop" and "nudge:snooze:<id>:<1h|evening|tomorrow>". A
snooze tap is honoured only for a nudge that was sent to the same chat (forged data is refused).
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from companion.db import nudges as queries
from companion.db.clients import get_client
from companion.nudge_rules import parse_snooze
from companion.nudge_schedule import defer_past_quiet_hours, snooze_until
from companion.replies import Button, Reply
from companion.timekeeping import format_local_time

NOT_SIGNED_UP = Reply(text="I don't have any reminders for you yet. Send /start to begin.")
KIND_NAMES = {"checkin": "Daily check-in", "goal": "Goal reminder"}


class NudgeControl:
    """Client-side reminder controls over the shared database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def status(self, chat_id: int) -> Reply:
        """The client's reminders and buttons to change them."""
        async with self._sessions() as session:
            client = await get_client(session, chat_id)
            if client is None:
                return NOT_SIGNED_UP
            schedules = await queries.client_schedules(session, client.id)
        if not schedules:
            return Reply(
                text="You have no reminders set. You can choose a check-in time in /settings."
            )
        lines = [
            f"- {KIND_NAMES.get(s.kind, s.kind)} at {format_local_time(s.local_time)}"
            f" ({'paused' if s.status == 'paused' else 'on'})"
            for s in schedules
        ]
        paused = all(s.status == "paused" for s in schedules)
        buttons = (
            Button("Resume", "nudges:resume") if paused else Button("Pause", "nudges:pause"),
            Button("Stop all", "nudges:stop"),
        )
        return Reply(text="Your reminders:\n" + "\n".join(lines), buttons=buttons)

    async def handle_callback(
        self, chat_id: int, data: str, now: datetime | None = None
    ) -> Reply | None:
        """The answer to a reminder button, or None when the data is not about reminders."""
        clock = now or datetime.now(timezone.utc)
        if data.startswith("nudge:snooze:"):
            parsed = parse_snooze(data)
            if parsed is None:
                return Reply(text="That button has expired. Your other reminders are unchanged.")
            return await self._snooze(chat_id, parsed[0], parsed[1], clock)
        if data in ("nudges:pause", "nudges:resume", "nudges:stop"):
            return await self._change(chat_id, data.split(":")[1], clock)
        return None

    async def _snooze(self, chat_id: int, nudge_id: int, choice: str, now: datetime) -> Reply:
        async with self._sessions() as session, session.begin():
            client = await get_client(session, chat_id)
            if client is None:
                return NOT_SIGNED_UP
            until = defer_past_quiet_hours(
                snooze_until(choice, now, client.timezone),
                client.timezone,
                client.quiet_start,
                client.quiet_end,
            )
            if not await queries.snooze(session, nudge_id, chat_id, until, now):
                return Reply(text="That button has expired. Your other reminders are unchanged.")
        local = until.astimezone(ZoneInfo(client.timezone))
        when = format_local_time(local.time())
        day = "today" if local.date() == now.astimezone(local.tzinfo).date() else "tomorrow"
        return Reply(text=f"No worries, I'll check in again {day} at {when}.")

    async def _change(self, chat_id: int, action: str, now: datetime) -> Reply:
        async with self._sessions() as session, session.begin():
            client = await get_client(session, chat_id)
            if client is None:
                return NOT_SIGNED_UP
            if action == "resume":
                changed = await queries.resume_schedules(session, client, now)
            else:
                status = "paused" if action == "pause" else "stopped"
                changed = await queries.set_schedules_status(session, client.id, status)
        if action == "pause":
            return Reply(
                text="Reminders paused. Nothing is lost: /reminders to turn them back on.",
                buttons=(Button("Resume", "nudges:resume"),),
            )
        if action == "resume":
            if not changed:
                return Reply(text="Your reminders are already on.")
            return Reply(text="Reminders are back on.")
        return Reply(
            text="All reminders stopped. You can set a check-in time again any time in /settings."
        )
