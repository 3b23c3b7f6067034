"""Admin and coordinator commands of `companion`: peers, triage, stats."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from typing import TextIO, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.audit import audit
from companion.db.migrate import upgrade_database
from companion.db.peers import INVITE_PREFIX, add_peer, create_invite, list_peers, remove_peer
from companion.db.reporting import service_stats
from companion.db.session import create_sessionmaker, open_engine
from companion.safety.decision import decide
from companion.settings import Settings

T = TypeVar("T")


def _in_transaction(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Bring the database up to date, then run `work` in one transaction."""
    url = settings.resolved_database_url()
    upgrade_database(url)

    async def run() -> T:
        engine = open_engine(settings)
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _now() -> datetime:
    return datetime.now(timezone.utc)


def cmd_peers(settings: Settings, args: argparse.Namespace) -> int:
    """Register, list, remove and invite peer workers."""
    if args.peers_command == "add":

        async def add(session: AsyncSession) -> str:
            worker = await add_peer(session, args.telegram_id, args.name, args.intro or "", _now())
            await audit(
                session,
                "peer_added",
                _now(),
                peer_worker_id=worker.id,
                detail=f"telegram id {args.telegram_id}",
            )
            return f"Registered {worker.name} (Telegram id {worker.telegram_user_id})."

        print(_in_transaction(settings, add))
        return 0
    if args.peers_command == "remove":

        async def remove(session: AsyncSession) -> str | None:
            worker = await remove_peer(session, args.telegram_id)
            if worker is None:
                return None
            await audit(
                session,
                "peer_removed",
                _now(),
                peer_worker_id=worker.id,
                detail=f"telegram id {args.telegram_id}",
            )
            return f"Removed {worker.name}: no more alerts or staff rights."

        message = _in_transaction(settings, remove)
        if message is None:
            print(f"No active peer worker has Telegram id {args.telegram_id}.")
            return 1
        print(message)
        return 0
    if args.peers_command == "invite":

        async def invite(session: AsyncSession) -> str:
            token = await create_invite(session, args.name, _now(), timedelta(hours=args.hours))
            await audit(session, "invite_created", _now(), detail=f"for {args.name[:40]}")
            return token

        token = _in_transaction(settings, invite)
        start = f"{INVITE_PREFIX}{token}"
        if args.bot_username:
            print(f"Invite link: https://t.me/{args.bot_username.lstrip('@')}?start={start}")
        print(f"Or send the bot: /start {start}")
        print(f"It works once, for {args.hours} hours. Send it privately to {args.name}.")
        return 0

    async def listing(session: AsyncSession) -> list[str]:
        workers = await list_peers(session, include_inactive=args.all)
        return [
            f"{w.telegram_user_id}\t{w.name}\t{'on duty' if w.on_duty else 'off duty'}"
            f"\t{'active' if w.active else 'removed'}\t{w.intro}"
            for w in workers
        ]

    rows = _in_transaction(settings, listing)
    print("telegram id\tname\tduty\tstatus\tintro")
    print("\n".join(rows) if rows else "(no peer workers yet)")
    return 0


def triage_lines(lines: TextIO, out: TextIO) -> dict[str, int]:
    """One JSON decision per non-empty input line, exactly as the live bot's screen decides."""
    counts = {"escalate": 0, "ask": 0, "none": 0}
    for line in lines:
        text = line.rstrip("\n")
        if not text.strip():
            continue
        result = decide(text)
        key = "escalate" if result.escalate else ("ask" if result.level == "ask" else "none")
        counts[key] += 1
        record = {
            "text": text,
            "escalate": result.escalate,
            "level": result.level,
            "reason": result.reason,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return counts


def cmd_triage(_settings: Settings, args: argparse.Namespace) -> int:
    """Audit the risk screen: messages on stdin, one JSON decision per line on stdout."""
    counts = triage_lines(sys.stdin, sys.stdout)
    if args.summary:
        print(
            f"escalate {counts['escalate']}, ask {counts['ask']}, none {counts['none']}",
            file=sys.stderr,
        )
    return 0


def cmd_stats(settings: Settings, args: argparse.Namespace) -> int:
    """The coordinator's figures: escalations, time to acknowledge, activity, satisfaction."""

    async def figures(session: AsyncSession) -> str:
        stats = await service_stats(session, _now(), args.days)
        return stats.as_json() if args.json else stats.as_text()

    print(_in_transaction(settings, figures))
    return 0


def add_admin_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register peers, triage and stats on the `companion` parser."""
    peers = sub.add_parser("peers", help=cmd_peers.__doc__)
    peer_sub = peers.add_subparsers(dest="peers_command", required=True)
    add = peer_sub.add_parser("add", help="register a peer worker")
    add.add_argument("--telegram-id", type=int, required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--intro", default="")
    listing = peer_sub.add_parser("list", help="list peer workers")
    listing.add_argument("--all", action="store_true", help="include removed workers")
    remove = peer_sub.add_parser("remove", help="remove a peer worker by Telegram id")
    remove.add_argument("telegram_id", type=int)
    invite = peer_sub.add_parser("invite", help="a one-time invite that registers its opener")
    invite.add_argument("--name", required=True)
    invite.add_argument("--hours", type=int, default=72)
    invite.add_argument("--bot-username", default=None, help="for a t.me link")
    peers.set_defaults(func=cmd_peers)
    triage = sub.add_parser("triage", help=cmd_triage.__doc__)
    triage.add_argument("--summary", action="store_true", help="counts on stderr")
    triage.set_defaults(func=cmd_triage)
    stats = sub.add_parser("stats", help=cmd_stats.__doc__)
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--days", type=int, default=30)
    stats.set_defaults(func=cmd_stats)


def encrypt_plain_rows(settings: Settings) -> int:
    """Encrypt free text written before DATA_ENCRYPTION_KEY was set; returns how many values."""
    from companion.db.at_rest import encrypt_plain_values

    return _in_transaction(settings, encrypt_plain_values)
