"""`companion nudges ...`: run a dispatcher on its own, or catch up once after an outage.

The bot runs a dispatcher in every replica already; a separate one is for catching up by hand
(`--until-idle`) and for tests that run several dispatchers against one database.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from datetime import datetime, timezone
from typing import Any

from bot.nudge_setup import start_nudges
from companion.db.nudges import backfill_checkin_schedules
from companion.db.session import create_sessionmaker, open_engine
from companion.settings import Settings

log = logging.getLogger(__name__)


def add_nudge_commands(sub: Any) -> None:
    """Register `companion nudges dispatch`."""
    nudges = sub.add_parser("nudges", help="Scheduled nudges")
    nudges.add_argument(
        "nudge_command",
        choices=["dispatch", "backfill"],
        help="dispatch: send due nudges; backfill: schedules for clients who have none yet",
    )
    nudges.add_argument(
        "--until-idle", action="store_true", help="stop when nothing is due (catch up once)"
    )
    nudges.add_argument("--seconds", type=float, default=0.0, help="stop after this long")
    nudges.set_defaults(func=cmd_nudges)


def cmd_nudges(settings: Settings, args: argparse.Namespace) -> int:
    """Run a nudge dispatcher against the configured database and Bot API."""
    if args.nudge_command == "backfill":
        made = asyncio.run(_backfill(settings))
        print(f"daily check-in schedules created for {made} client(s)")
        return 0
    token = settings.telegram_token()
    if token is None:
        print("TELEGRAM_BOT_TOKEN is not set.")
        return 2
    asyncio.run(_dispatch(settings, token, args))
    return 0


async def _backfill(settings: Settings) -> int:
    engine = open_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return await backfill_checkin_schedules(session, datetime.now(timezone.utc))
    finally:
        await engine.dispose()


async def _dispatch(settings: Settings, token: str, args: argparse.Namespace) -> None:
    engine = open_engine(settings)
    nudges = await start_nudges(settings, create_sessionmaker(engine), token)
    deadline = time.monotonic() + args.seconds if args.seconds else None
    try:
        while deadline is None or time.monotonic() < deadline:
            report = await nudges.dispatcher.run_until_idle()
            if report.claimed:
                print(
                    f"{nudges.worker}: sent {report.sent}, deferred {report.deferred}, "
                    f"retried {report.retried}, skipped {dict(report.skipped) or 'none'}",
                    flush=True,
                )
            if args.until_idle and report.claimed == 0:
                break
            await asyncio.sleep(min(settings.nudge_tick_seconds, 1.0))
    finally:
        await nudges.aclose()
        await engine.dispose()
