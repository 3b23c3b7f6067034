"""Benchmark: bot start-up to first reply with N pending nudges, and the bot's memory (issue 7).

Loopback only: a throw-away PostgreSQL database on 127.0.0.1 holding N consented clients, each
with a nudge due now (the worst case: the bot starts into a burst), and the in-project fake Bot
API in this process. A risk message is queued before the bot starts; the figure is the time from
starting the process to the safe reply (it needs no Rasa, so Rasa's own start-up is not in it).
The bot's resident memory is sampled every 0.2 s while it dispatches, for `--watch` seconds.

    .venv/bin/python -m bench.startup [--clients 10000,100000] [--watch 60]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from bench.common import machine, rss_mb, utc_now
from bench.nudge_dispatch import create_database, drop_database, seed
from bot.services import PROJECT_ROOT
from companion.db.migrate import upgrade_database
from tests.conftest import free_port
from tests.fakes.bot_api import FakeBotApi, RecordedCall

RISK_CHAT = 5_000_000_000
BACKUP_CHAT = 4242


def measure(clients: int, watch: float) -> dict[str, float]:
    name, url = asyncio.run(create_database())
    try:
        upgrade_database(url)
        seeded = time.perf_counter()
        asyncio.run(seed(name, clients, datetime.now(timezone.utc)))
        seed_seconds = time.perf_counter() - seeded
        with FakeBotApi() as fake, tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
            fake.push_text(RISK_CHAT, "i want to end my life")
            env = dict(
                os.environ,
                TELEGRAM_BOT_TOKEN=fake.token,
                TELEGRAM_BASE_URL=fake.base_url,
                PEER_ALERT_CHAT_ID=str(BACKUP_CHAT),
                DATABASE_URL=url,
                RASA_URL=f"http://127.0.0.1:{free_port()}",  # nothing listens: Rasa is not needed
                RASA_TRACKER_URL=f"sqlite:///{tmp}/tracker.db",
                DATA_DIR=tmp,
                LOG_LEVEL="WARNING",
            )
            log = (Path(tmp) / "bot.log").open("ab")
            started = time.monotonic()
            process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "bot"],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
            try:

                def safe(call: RecordedCall) -> bool:
                    return "1737" in str(call.params.get("text", ""))

                reply = fake.wait_for_call("sendMessage", RISK_CHAT, predicate=safe, timeout=120)
                first_reply = reply[0].received_at - started
                rss_at_reply = rss_mb(process.pid)
                peak = rss_at_reply
                deadline = time.monotonic() + watch
                while time.monotonic() < deadline:
                    peak = max(peak, rss_mb(process.pid))
                    nudges = len(fake.calls("sendMessage")) - 2
                    if nudges >= clients:
                        break
                    time.sleep(0.2)
                sent = len(fake.calls("sendMessage")) - 2  # the safe reply and the alert
                watched = time.monotonic() - started
            finally:
                stopping = time.monotonic()
                process.terminate()
                try:
                    process.wait(60)
                    stop_seconds = time.monotonic() - stopping
                except subprocess.TimeoutExpired:
                    stop_seconds = float("inf")
                    process.kill()
                    process.wait(10)
                    print((Path(tmp) / "bot.log").read_text()[-3000:], file=sys.stderr)
    finally:
        asyncio.run(drop_database(name))
    return {
        "clients": clients,
        "seed": seed_seconds,
        "first_reply": first_reply,
        "rss_at_reply": rss_at_reply,
        "peak_rss": peak,
        "sent": sent,
        "watched": watched,
        "stop": stop_seconds,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="10000,100000")
    parser.add_argument("--watch", type=float, default=60.0, help="seconds to sample memory")
    args = parser.parse_args(argv)
    now = utc_now()
    print(f"## Start-up and memory with pending nudges ({now})\n")
    print(
        f"Command: `.venv/bin/python -m bench.startup --clients {args.clients} --watch "
        f"{args.watch:.0f}`; machine: {machine()}; PostgreSQL 15 "
        "and the fake Bot API on 127.0.0.1; every client's nudge due at start; a risk message "
        "queued before the bot starts.\n"
    )
    print(
        "| clients | start to safe reply | RSS then | peak RSS dispatching | nudges sent | in "
        "| SIGTERM to exit |"
    )
    print("|---|---|---|---|---|---|---|")
    for clients in (int(n) for n in args.clients.split(",")):
        r = measure(clients, args.watch)
        print(
            f"| {clients:,} | {r['first_reply']:.2f} s | {r['rss_at_reply']:.0f} MB | "
            f"{r['peak_rss']:.0f} MB | {r['sent']:,.0f} | {r['watched']:.0f} s | "
            f"{r['stop']:.1f} s |",
            flush=True,
        )
    print(
        "\nGoals: start-up < 5 s with 100,000 pending nudges; bot RSS < 200 MB at 100,000; "
        "(ours) a SIGTERM mid-burst ends the bot within 10 s.\n"
    )


if __name__ == "__main__":
    main()
