"""The nudge send budget: per process, and shared by replicas through the real Redis."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from bot.send_budget import LocalBudget, RedisBudget

REDIS_URL = "redis://127.0.0.1:6379/15"


async def _redis_answers() -> bool:
    try:
        from redis.asyncio import Redis

        client = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        await client.ping()
        await client.aclose()
    except Exception:  # any failure means no usable Redis here
        return False
    return True


async def test_local_budget_paces_to_its_rate() -> None:
    budget = LocalBudget(20)
    stamps = []
    started = time.perf_counter()
    for _ in range(40):
        await budget.acquire()
        stamps.append(time.perf_counter() - started)
    assert 1.9 <= stamps[-1] < 2.3  # evenly spaced at 20 a second
    assert all(sum(1 for t in stamps if w <= t < w + 1) <= 21 for w in stamps)  # ~20 in any 1 s


async def test_two_replicas_share_one_budget_through_redis() -> None:
    if not await _redis_answers():
        pytest.skip("Redis not reachable on 127.0.0.1:6379")
    prefix = f"test:{uuid.uuid4().hex}"
    replicas = [RedisBudget(REDIS_URL, 10, prefix) for _ in range(2)]
    stamps: list[float] = []
    started = time.perf_counter()

    async def send(budget: RedisBudget, n: int) -> None:
        for _ in range(n):
            await budget.acquire()
            stamps.append(time.perf_counter() - started)

    await asyncio.gather(*(send(b, 15) for b in replicas))
    stamps.sort()
    # both replicas together: evenly spaced at 10 a second, never more in any one second
    assert 2.7 <= stamps[-1] < 3.5, stamps[-1]
    # (one more than the rate allows for the event loop waking a sleeper a little late)
    assert all(sum(1 for t in stamps if w <= t < w + 1) <= 11 for w in stamps)
    # a RetryAfter seen by one replica pauses the other
    await replicas[0].pause(1.0)
    paused_at = time.perf_counter()
    await replicas[1].acquire()
    assert time.perf_counter() - paused_at >= 0.8
    for budget in replicas:
        await budget.aclose()
