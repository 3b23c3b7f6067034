"""Updates from different chats run at the same time; each chat's updates run in order.

PTB processes updates one at a time by default, so one slow Rasa reply held up every other
client (issue 7: 2.2x bare Rasa at 50 clients). PTB's own concurrent mode gives no order at all,
and a client's "yes" must never overtake the question before it. This processor keeps a FIFO
lock per chat and a bound on how many chats run at once.

PTB wraps `do_process_update` in its own semaphore; an asyncio semaphore can let a newcomer in
ahead of a waiter, which would reorder a chat's updates. So PTB's bound is set out of reach and
ours is taken only after the chat's lock, where queue-jumping can reorder chats but never the
updates of one chat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.keyed_locks import KeyedLocks

# PTB's own bound: never reached in practice (each waiting update is one small task).
_OUTER_BOUND = 1_000_000


def order_key(update: object) -> int | str:
    """The chat an update belongs to (its user when it has no chat); one key for the rest."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return f"user:{update.effective_user.id}"
    return "other"


class ChatOrderedProcessor(BaseUpdateProcessor):
    """At most `max_chats` chats at once; within a chat, strictly in arrival order."""

    __slots__ = ("_chats", "_locks")

    def __init__(self, max_chats: int) -> None:
        super().__init__(_OUTER_BOUND)
        if max_chats < 1:
            raise ValueError("max_chats must be at least 1")
        self._chats = asyncio.Semaphore(max_chats)
        self._locks: KeyedLocks[int | str] = KeyedLocks()

    @property
    def busy_chats(self) -> int:
        """How many chats have an update running or waiting (for tests and logs)."""
        return len(self._locks)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this chat's earlier updates, then for a free slot, then run."""
        async with self._locks.hold(order_key(update)), self._chats:
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB waits for running updates before it calls this."""
