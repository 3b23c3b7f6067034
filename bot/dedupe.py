"""Handle each Telegram update once, even when Telegram (or a webhook retry) delivers it again.

PTB acknowledges an update as soon as it is queued in memory, and a webhook call that timed out
is retried: both can hand the bot the same update_id twice. The first sighting is recorded in
the database before any handler runs; later ones stop there. If the database can't be reached,
the update is handled anyway: a risk message must never be dropped for want of a record.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from companion.db.updates import first_delivery, forget_before

log = logging.getLogger(__name__)

DEDUPE_KEY = "update_dedupe"
KEEP = timedelta(days=2)
PRUNE_EVERY = 1000


class UpdateDeduplicator:
    """Records update ids in the shared database (so it also works across webhook replicas)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._seen = 0

    async def first_time(self, bot_id: int, update_id: int) -> bool:
        """True unless this bot already handled (or recorded) this update."""
        now = datetime.now(timezone.utc)
        try:
            async with self._sessions() as session, session.begin():
                fresh = await first_delivery(session, bot_id, update_id, now)
                self._seen += 1
                if self._seen % PRUNE_EVERY == 0:
                    await forget_before(session, now - KEEP)
        except Exception:
            log.warning("could not record update %s; handling it anyway", update_id, exc_info=True)
            return True
        if not fresh:
            log.info("update %s delivered again; ignored", update_id)
        return fresh


async def drop_redelivered(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every other handler (group -1); stops an update seen before."""
    dedupe = context.bot_data.get(DEDUPE_KEY)
    if not isinstance(update, Update) or not isinstance(dedupe, UpdateDeduplicator):
        return
    if not await dedupe.first_time(context.bot.id, update.update_id):
        raise ApplicationHandlerStop
