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
    """Paces one process to `rate` messages a second, evenly spaced.

    The bucket holds a single token, so no one-second window ever sees more than `rate` sends
    (a bucket that starts full would allow twice the rate in the first second).
    """

    def __init__(self, rate: float) -> None:
        self._rate = rate
        self._tokens = 1.0
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
                self._tokens = min(1.0, self._tokens + (now - self._stamp) * self._rate)
                self._stamp = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self._rate)

    async def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)


class RedisBudget:
    """A budget shared by every replica: one evenly spaced schedule of send slots in Redis.

    Each send takes the next free slot (Redis's own clock, so replicas' clocks don't matter)
    and sleeps until it; a RetryAfter from Telegram pauses every replica.
    """

    _TAKE = """
if redis.call('EXISTS', KEYS[2]) == 1 then return '-1' end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
redis.call('SET', KEYS[1], tostring(slot + tonumber(ARGV[1])), 'PX', 60000)
return tostring(slot - now)
"""

    def __init__(self, redis_url: str, rate: float, prefix: str = "companion:tg") -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(redis_url)
        self._step = 1.0 / rate
        self._keys = [f"{prefix}:next_slot", f"{prefix}:paused"]
        self._take = self._redis.register_script(self._TAKE)

    async def acquire(self) -> None:
        while True:
            raw = await self._take(keys=self._keys, args=[repr(self._step)])
            wait = float(raw.decode() if isinstance(raw, bytes) else raw)
            if wait >= 0:
                if wait > 0:
                    await asyncio.sleep(wait)
                return
            await asyncio.sleep(0.2)  # paused after a RetryAfter

    async def pause(self, seconds: float) -> None:
        await self._redis.set(self._keys[1], "1", px=max(1, int(seconds * 1000)))

    async def aclose(self) -> None:
        await self._redis.aclose()
