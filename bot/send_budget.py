"""The Telegram send budget nudges draw from, in one process or shared through Redis.

Telegram allows about 30 messages a second per bot. Nudges take at most `rate` of those (25 by
default), so replies, alerts and the risk path always have room and are never queued behind a
burst of nudges: they do not draw from this budget at all. A RetryAfter from Telegram pauses
every dispatcher that shares the budget.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class SendBudget(Protocol):
    """Waits until one more message may be sent."""

    async def acquire(self) -> None: ...

    async def pause(self, seconds: float) -> None: ...


class UnlimitedBudget:
    """No cap (benchmarks against a local fake Bot API)."""

    async def acquire(self) -> None:
        return None

    async def pause(self, seconds: float) -> None:
        await asyncio.sleep(0)


class LocalBudget:
    """A token bucket for one process: `rate` messages a second, bursts of at most `rate`."""

    def __init__(self, rate: float) -> None:
        self._rate = rate
        self._tokens = rate
        self._stamp = time.monotonic()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                if now < self._paused_until:
                    await asyncio.sleep(self._paused_until - now)
                    continue
                self._tokens = min(self._rate, self._tokens + (now - self._stamp) * self._rate)
                self._stamp = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self._rate)

    async def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)


class RedisBudget:
    """A budget shared by every replica: a counter per second in Redis, plus a shared pause."""

    _TAKE = """
local paused = redis.call('GET', KEYS[2])
if paused then return -1 end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], 2000) end
return n
"""

    def __init__(self, redis_url: str, rate: int, prefix: str = "companion:tg") -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(redis_url)
        self._rate = rate
        self._prefix = prefix
        self._take = self._redis.register_script(self._TAKE)

    async def acquire(self) -> None:
        while True:
            now = time.time()
            second = int(now)
            taken = int(
                await self._take(keys=[f"{self._prefix}:sent:{second}", f"{self._prefix}:paused"])
            )
            if taken == -1:
                await asyncio.sleep(0.2)
            elif taken <= self._rate:
                return
            else:
                await asyncio.sleep(second + 1 - now + 0.001)

    async def pause(self, seconds: float) -> None:
        await self._redis.set(f"{self._prefix}:paused", "1", px=max(1, int(seconds * 1000)))

    async def aclose(self) -> None:
        await self._redis.aclose()
