"""The nudge send budget: per process, and shared by replicas through the real Redis."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter

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
    started = time.perf_counter()
    for _ in range(40):
        await budget.acquire()
    assert 0.9 <= time.perf_counter() - started < 1.6  # 20 at once, then 20 more at 20/s


async def test_two_replicas_share_one_budget_through_redis() -> None:
    if not await _redis_answers():
        pytest.skip("Redis not reachable on 127.0.0.1:6379")
    prefix = f"test:{uuid.uuid4().hex}"
    replicas = [RedisBudget(REDIS_URL, 10, prefix) for _ in range(2)]
    stamps: list[int] = []

    async def send(budget: RedisBudget, n: int) -> None:
        for _ in range(n):
            await budget.acquire()
            stamps.append(int(time.time()))

    started = time.perf_counter()
    await asyncio.gather(*(send(b, 15) for b in replicas))
    elapsed = time.perf_counter() - started
    per_second = Counter(stamps)
    assert max(per_second.values()) <= 10, per_second  # never over the cap, both together
    assert len(per_second) >= 3 and elapsed >= 1.0  # 30 sends at 10 a second span 3 seconds
    # a RetryAfter seen by one replica pauses the other
    await replicas[0].pause(1.0)
    paused_at = time.perf_counter()
    await replicas[1].acquire()
    assert time.perf_counter() - paused_at >= 0.8
    for budget in replicas:
        await budget.aclose()
