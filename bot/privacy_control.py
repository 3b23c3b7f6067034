"""/mydata and /forgetme: a client sees everything stored about them, or has it deleted.

Callback data: "privacy:forget:yes|no". Deleting always asks first; the tap is honoured only
for the chat that taps it (the chat id comes from Telegram, never from the button).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from companion.db.audit import audit
from companion.db.privacy import client_records, forget_client
from companion.db.session import DATABASE_DOWN
from companion.db.tracker import TrackerHistory
from companion.privacy import (
    FORGET_KEPT_ANSWER,
    FORGET_NO,
    FORGET_QUESTION,
    FORGET_YES,
    NOT_DONE,
    NOTHING_STORED,
    ForgetOutcome,
    export_caption,
    export_document,
    forget_answer,
)
from companion.replies import Button, Reply

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DataExport:
    """The /mydata file and the words sent with it."""

    filename: str
    content: bytes
    caption: str


class PrivacyControl:
    """The client's access and deletion requests over the app and tracker databases."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        history: TrackerHistory,
        retention_days: int,
    ) -> None:
        self._sessions = sessions
        self._history = history
        self._retention_days = retention_days

    async def my_data(self, chat_id: int, now: datetime | None = None) -> DataExport | Reply:
        """Everything stored about the chat as a file, or a plain answer when there is none."""
        clock = now or datetime.now(timezone.utc)
        try:
            async with self._sessions() as session, session.begin():
                records = await client_records(session, chat_id)
                if records:
                    await audit(session, "data_exported", clock, client_chat_id=chat_id)
            conversation = await self._history.events(str(chat_id))
        except DATABASE_DOWN:
            log.exception("could not gather a client's data")
            return Reply(text=NOT_DONE)
        if not records and not conversation:
            return Reply(text=NOTHING_STORED)
        return DataExport(
            filename=f"my-data-{clock.date().isoformat()}.json",
            content=export_document(records, conversation, clock),
            caption=export_caption(records, len(conversation)),
        )

    def ask_forget(self) -> Reply:
        """The confirmation question: nothing is deleted without a tap."""
        return Reply(
            text=FORGET_QUESTION,
            buttons=(Button("Yes, delete it", FORGET_YES), Button("No, keep it", FORGET_NO)),
        )

    async def handle_callback(
        self, chat_id: int, data: str, now: datetime | None = None
    ) -> Reply | None:
        """The answer to a privacy button, or None when the data is not about privacy."""
        if data == FORGET_NO:
            return Reply(text=FORGET_KEPT_ANSWER)
        if data != FORGET_YES:
            return None
        return Reply(text=await self.forget(chat_id, now or datetime.now(timezone.utc)))

    async def forget(self, chat_id: int, now: datetime) -> str:
        """Delete the chat's records and conversation history; the words to tell the client."""
        try:
            async with self._sessions() as session, session.begin():
                report = await forget_client(
                    session, chat_id, now, timedelta(days=self._retention_days)
                )
        except DATABASE_DOWN:
            log.exception("could not delete a client's records")
            return NOT_DONE
        try:
            history = await self._history.delete(str(chat_id))
            history_deleted = True
        except DATABASE_DOWN:
            log.exception("could not delete a client's conversation history")
            history, history_deleted = 0, False
        log.info(
            "client data deleted on request: %d records, %d history events, %d kept",
            report.total_deleted,
            history,
            report.kept_open_episodes + report.kept_safety_records,
        )
        return forget_answer(
            ForgetOutcome(
                deleted_anything=report.total_deleted > 0 or history > 0,
                kept_open_episodes=report.kept_open_episodes,
                kept_safety_records=report.kept_safety_records,
                retention_days=self._retention_days,
                history_deleted=history_deleted,
            )
        )
