"""What a nudge dispatcher needs, built from the settings (for the bot and `companion nudges`)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot

from bot.aiohttp_request import AiohttpRequest
from bot.nudges import DispatchSettings, NudgeDispatcher, TelegramNudgeSender
from bot.send_budget import LocalBudget, RedisBudget, SendBudget, UnlimitedBudget
from companion.settings import Settings

TELEGRAM_API = "https://api.telegram.org/bot"


def bot_api_base(settings: Settings) -> str:
    """The Bot API address PTB appends the token to (a fake on loopback in tests)."""
    return (settings.telegram_base_url or TELEGRAM_API).rstrip("/")


def nudge_budget(settings: Settings) -> SendBudget:
    """Shared through Redis when REDIS_URL is set (several replicas), else per process."""
    if settings.nudge_rate_per_second == 0:
        return UnlimitedBudget()
    if settings.redis_url:
        return RedisBudget(settings.redis_url, settings.nudge_rate_per_second)
    return LocalBudget(settings.nudge_rate_per_second)


def dispatch_settings(settings: Settings) -> DispatchSettings:
    """The dispatcher's behaviour from the NUDGE_* settings."""
    return DispatchSettings(
        batch=settings.nudge_batch,
        concurrency=settings.nudge_send_concurrency,
        lease=timedelta(seconds=settings.nudge_lease_seconds),
        late_window=timedelta(minutes=settings.nudge_late_minutes),
        followup_after=timedelta(hours=settings.nudge_followup_hours),
    )


@dataclass(frozen=True)
class NudgeRuntime:
    """A dispatcher with the Bot object and budget it owns."""

    dispatcher: NudgeDispatcher
    worker: str
    bot: Bot
    budget: SendBudget

    async def aclose(self) -> None:
        """Close the Bot's connections and, when shared, the budget's Redis client."""
        await self.bot.shutdown()
        if isinstance(self.budget, RedisBudget):
            await self.budget.aclose()


async def start_nudges(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], token: str
) -> NudgeRuntime:
    """A dispatcher on its own Bot object and budget.

    Nudges never go through the application's bot and AIORateLimiter, so replies and alerts
    never wait behind a burst of nudges.
    """
    bot = Bot(token, base_url=bot_api_base(settings), request=AiohttpRequest(connections=32))
    await bot.initialize()
    budget = nudge_budget(settings)
    worker = settings.replica_name or f"{socket.gethostname()}-{os.getpid()}"
    dispatcher = NudgeDispatcher(
        sessions, TelegramNudgeSender(bot), budget, worker, dispatch_settings(settings)
    )
    return NudgeRuntime(dispatcher, worker, bot, budget)
