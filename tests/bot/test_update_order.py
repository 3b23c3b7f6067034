"""Chats run at the same time, each chat's updates strictly in order (bot/update_order.py)."""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.update_order import ChatOrderedProcessor, order_key
from tests.bot.offline_telegram import OfflineRequest, callback_update, private_message, to_update


def _app(processor: ChatOrderedProcessor) -> Application:  # type: ignore[type-arg]
    request = OfflineRequest()
    return (
        Application.builder()
        .token("123:offline")
        .request(request)
        .get_updates_request(request)
        .concurrent_updates(processor)
        .build()
    )


async def _run(
    processor: ChatOrderedProcessor, updates: list[dict[str, Any]], delay: dict[int, float]
) -> tuple[list[tuple[int, int]], int, float]:
    """Feed updates through a real PTB Application; returns (chat, update id) in finishing order,
    the most chats seen running at once, and the wall time."""
    app = _app(processor)
    done: list[tuple[int, int]] = []
    running: set[int] = set()
    most = 0

    async def handle(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        nonlocal most
        assert update.effective_chat is not None
        chat = update.effective_chat.id
        assert chat not in running, "two updates of one chat ran at once"
        running.add(chat)
        most = max(most, len(running))
        await asyncio.sleep(delay.get(update.update_id, 0.0))
        running.discard(chat)
        done.append((chat, update.update_id))

    app.add_handler(TypeHandler(Update, handle))
    async with app:
        await app.start()
        started = time.monotonic()
        for data in updates:
            await app.update_queue.put(to_update(data, app))
        while len(done) < len(updates) and time.monotonic() - started < 20:
            await asyncio.sleep(0.01)
        wall = time.monotonic() - started
        await app.stop()
    return done, most, wall


async def test_a_slow_chat_does_not_hold_up_the_others() -> None:
    updates = [private_message("slow", chat_id=1, update_id=1)]
    updates += [private_message("hi", chat_id=c, update_id=c) for c in range(2, 12)]
    done, most, wall = await _run(ChatOrderedProcessor(64), updates, {1: 0.5})
    assert done[-1] == (1, 1), "the slow chat should finish last, the others not wait for it"
    assert most == 11
    assert wall < 1.5


async def test_one_chats_updates_never_overtake_each_other() -> None:
    """The first message is slow, the second fast: the second still waits (a "yes" must never
    overtake its question)."""
    updates = [private_message("first", 1, 1), private_message("second", 1, 2)]
    updates.append(callback_update("tap", chat_id=1, update_id=3))
    done, most, _ = await _run(ChatOrderedProcessor(64), updates, {1: 0.3, 2: 0.0, 3: 0.0})
    assert [u for _, u in done] == [1, 2, 3]
    assert most == 1


async def test_order_holds_under_load_and_at_the_bound() -> None:
    """600 updates from 30 chats with random delays, at most 4 chats at once: each chat's
    updates finish in the order they came, and the bound holds."""
    rng = random.Random(7)
    updates = [private_message("m", chat_id=rng.randrange(30), update_id=i) for i in range(600)]
    delay = {i: rng.choice([0.0, 0.0, 0.001, 0.005]) for i in range(600)}
    done, most, _ = await _run(ChatOrderedProcessor(4), updates, delay)
    assert len(done) == 600
    assert most <= 4
    for chat in range(30):
        ids = [u for c, u in done if c == chat]
        assert ids == sorted(ids), f"chat {chat} out of order"


async def test_locks_are_not_kept_for_chats_that_went_quiet() -> None:
    processor = ChatOrderedProcessor(8)
    updates = [private_message("m", chat_id=c, update_id=c) for c in range(50)]
    await _run(processor, updates, {})
    assert processor.busy_chats == 0


def test_order_key_uses_the_chat_then_the_user() -> None:
    app = _app(ChatOrderedProcessor(1))
    assert order_key(to_update(private_message("x", chat_id=5), app)) == 5
    inline = {
        "update_id": 9,
        "inline_query": {
            "id": "q",
            "from": {"id": 7, "is_bot": False, "first_name": "T"},
            "query": "",
            "offset": "",
        },
    }
    assert order_key(to_update(inline, app)) == "user:7"
    assert order_key(object()) == "other"
