"""Benchmark: reply latency through the whole companion vs bare Rasa; risk latency (issue 7).

Loopback only. Starts the real action server and Rasa server (SQLite data in a temporary
folder), the in-project fake Bot API in this process, and the real bot process against it.

1. The same message mix, with 1, 10 and 50 concurrent clients, sent (a) as Telegram updates
   through the fake Bot API to the bot (time until the bot's first sendMessage for that chat),
   once with replies paced to Telegram's 30 calls a second as deployed and once unpaced (the
   software's own cost), and (b) straight to Rasa's REST channel (time until the HTTP answer).
   Each client waits for its turn to finish (no new message for PACE_SECONDS) before the next;
   both paths pace alike.
2. Risk messages, each from a new chat: time to the safe reply (the client's first message with
   1737) and to the alert in the backup chat, with Rasa up and then with Rasa stopped.

    .venv/bin/python -m bench.stack_latency [--turns 20] [--risk 100]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.common import machine, rasa_stack, utc_now
from bot.services import PROJECT_ROOT, Service
from companion.settings import Settings
from tests.fakes.bot_api import FakeBotApi, RecordedCall

BACKUP_CHAT = 4242
TELEGRAM_RATE = 30.0
PACE_SECONDS = 0.05
MIX = (
    "hi",
    "what can you do",
    "feeling a bit flat today",
    "show my goals",
    "thanks",
    "how am i going this week",
    "i want to check in on my goal",
    "cancel",
)
RISK = (
    "i want to end my life",
    "i have the pills saved up and im going to take them tonight",
    "everyone would be better off without me",
    "i keep cutting myself again",
)


@dataclass
class Run:
    """Latencies (seconds) and wall time of one load level on one path."""

    latencies: list[float]
    wall: float

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.wall if self.wall else 0.0


def pct(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


class Telegram:
    """Drive the bot through the fake Bot API and time its answers."""

    def __init__(self, fake: FakeBotApi) -> None:
        self.fake = fake

    def sent_to(self, chat_id: int) -> int:
        return len(self.fake.calls("sendMessage", chat_id))

    def settle(self, chat_id: int) -> None:
        """Wait until the bot has sent nothing more to the chat for PACE_SECONDS."""
        count = self.sent_to(chat_id)
        while True:
            time.sleep(PACE_SECONDS)
            now = self.sent_to(chat_id)
            if now == count:
                return
            count = now

    def first_reply_after(
        self,
        chat_id: int,
        started: float,
        extra: Callable[[RecordedCall], bool] | None = None,
        timeout: float = 60.0,
    ) -> float:
        def fresh(call: RecordedCall) -> bool:
            return call.received_at >= started and (extra is None or extra(call))

        call = self.fake.wait_for_call("sendMessage", chat_id, predicate=fresh, timeout=timeout)
        return call[0].received_at - started

    def turn(self, chat_id: int, text: str) -> float:
        started = time.monotonic()
        self.fake.push_text(chat_id, text)
        latency = self.first_reply_after(chat_id, started)
        self.settle(chat_id)
        return latency


def bare_rasa_turn(http: httpx.Client, rasa_url: str, chat_id: int, text: str) -> float:
    started = time.monotonic()
    response = http.post(
        f"{rasa_url}/webhooks/rest/webhook", json={"sender": str(chat_id), "message": text}
    )
    response.raise_for_status()
    latency = time.monotonic() - started
    time.sleep(PACE_SECONDS)  # the same pacing as the Telegram path
    return latency


def load(clients: int, turns: int, first_chat: int, one_turn: Callable[[int, str], float]) -> Run:
    """`clients` threads, each sending `turns` messages of the mix in order, one at a time."""
    latencies: list[float] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def client(chat_id: int) -> None:
        try:
            mine = [one_turn(chat_id, MIX[i % len(MIX)]) for i in range(turns)]
        except BaseException as exc:  # reported below; a silent thread would skew the figures
            errors.append(exc)
            return
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(first_chat + i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed: {errors[0]!r}")
    return Run(latencies, time.monotonic() - started)


def warm(clients: int, first_chat: int, one_turn: Callable[[int, str], float]) -> None:
    """One greeting per chat first, so neither path pays for creating the tracker in figures."""
    load(clients, 1, first_chat, one_turn)


def risk_latencies(tg: Telegram, count: int, first_chat: int) -> tuple[list[float], list[float]]:
    safe, alert = [], []
    for i in range(count):
        chat_id = first_chat + i
        started = time.monotonic()
        tg.fake.push_text(chat_id, RISK[i % len(RISK)])
        safe.append(
            tg.first_reply_after(chat_id, started, lambda c: "1737" in str(c.params.get("text")))
        )
        alert.append(tg.first_reply_after(BACKUP_CHAT, started))
        tg.settle(chat_id)
    return safe, alert


@contextlib.contextmanager
def running_bot(
    fake: FakeBotApi, settings: Settings, data_dir: Path, max_rate: float
) -> Iterator[None]:
    """The real bot process against the fake Bot API, until the block ends."""
    env = dict(
        os.environ,
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_BASE_URL=fake.base_url,
        TELEGRAM_MAX_RATE=str(max_rate),
        PEER_ALERT_CHAT_ID=str(BACKUP_CHAT),
        RASA_URL=settings.rasa_url,
        DATABASE_URL=settings.resolved_database_url(),
        RASA_TRACKER_URL=settings.resolved_tracker_url(),
        DATA_DIR=str(data_dir),
        FLOOD_LIMIT="100000",  # the bench sends faster than a person; flood control is issue 6
        LOG_LEVEL="WARNING",
    )
    polls = len(fake.calls("getUpdates"))
    log = (data_dir / "bot.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "bot"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log
    )
    try:
        fake.wait_for_call("getUpdates", count=polls + 1, timeout=120)
        yield
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=16, help="messages per client per level")
    parser.add_argument("--levels", default="1,10,50", help="concurrent clients")
    parser.add_argument("--risk", type=int, default=100, help="risk messages, Rasa up and down")
    parser.add_argument("--repeats", type=int, default=3, help="repeats per level (medians)")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.levels.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-stack-") as tmp:
        data_dir = Path(tmp)
        with (
            rasa_stack(data_dir) as (settings, services),
            FakeBotApi() as fake,
            httpx.Client(timeout=60.0) as http,
        ):

            def bot(max_rate: float) -> contextlib.AbstractContextManager[None]:
                return running_bot(fake, settings, data_dir, max_rate)

            report(args, levels, Telegram(fake), http, settings.rasa_url, services, bot)


PATHS = (
    ("companion (replies paced to Telegram's 30/s, as deployed)", TELEGRAM_RATE),
    ("companion with pacing off (the software alone)", 0.0),
)


def row(level: int, runs: list[Run], bare_runs: list[Run]) -> str:
    """One table row: median latencies and throughput, median (and range) of paired ratios."""
    med = statistics.median
    c50 = [pct(r.latencies, 50) for r in runs]
    c95 = [pct(r.latencies, 95) for r in runs]
    b50 = [pct(r.latencies, 50) for r in bare_runs]
    b95 = [pct(r.latencies, 95) for r in bare_runs]
    r50 = [c / b for c, b in zip(c50, b50, strict=True)]
    r95 = [c / b for c, b in zip(c95, b95, strict=True)]
    return (
        f"| {level} | {ms(med(c50))} | {ms(med(c95))} | {med(r.throughput for r in runs):.1f} | "
        f"{ms(med(b50))} | {ms(med(b95))} | {med(r.throughput for r in bare_runs):.1f} | "
        f"{med(r50):.2f} ({min(r50):.2f}-{max(r50):.2f}) | "
        f"{med(r95):.2f} ({min(r95):.2f}-{max(r95):.2f}) |"
    )


def report(
    args: argparse.Namespace,
    levels: list[int],
    tg: Telegram,
    http: httpx.Client,
    rasa_url: str,
    services: list[Service],
    bot: Callable[[float], contextlib.AbstractContextManager[None]],
) -> None:
    now = utc_now()
    print(f"## Reply latency: companion vs bare Rasa ({now})\n")
    print(
        f"Command: `.venv/bin/python -m bench.stack_latency --turns {args.turns} "
        f"--levels {args.levels} --risk {args.risk} --repeats {args.repeats}`; "
        f"machine: {machine()}; "
        f"real Rasa 3.6.21 + action server, SQLite, fake Bot API, the real bot "
        f"process (long polling), all on 127.0.0.1. Mix of {len(MIX)} everyday messages; "
        f"{args.turns} per client per level; latency to the first reply. At each level bare "
        "Rasa runs first, then the bot paced as deployed, then the bot unpaced (a fresh bot "
        "process each, new chats each).\n"
    )

    def bare_turn(chat_id: int, text: str) -> float:
        return bare_rasa_turn(http, rasa_url, chat_id, text)

    rows: dict[str, list[str]] = {name: [] for name, _ in PATHS}
    chat = 10_000_000
    for level in levels:
        bare_runs: list[Run] = []
        runs: dict[str, list[Run]] = {name: [] for name, _ in PATHS}
        sends: dict[str, int] = dict.fromkeys(rows, 0)
        for _ in range(args.repeats):
            warm(level, chat, bare_turn)
            bare_runs.append(load(level, args.turns, chat, bare_turn))
            for offset, (name, rate) in enumerate(PATHS, start=1):
                first = chat + offset * 200_000
                with bot(rate):
                    warm(level, first, tg.turn)
                    before = len(tg.fake.calls("sendMessage"))
                    runs[name].append(load(level, args.turns, first, tg.turn))
                    sends[name] += len(tg.fake.calls("sendMessage")) - before
            chat += 1_000_000
        for name in rows:
            per_turn = sends[name] / (level * args.turns * args.repeats)
            rows[name].append(row(level, runs[name], bare_runs) + f" {per_turn:.2f} |")
    for name, lines in rows.items():
        print(f"{name}:\n")
        print(
            "| clients | companion p50 | p95 | msg/s | bare Rasa p50 | p95 | msg/s "
            "| ratio p50 (range) | ratio p95 (range) | messages sent a turn |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        print("\n".join(lines) + "\n", flush=True)
    print(
        f"Medians of {args.repeats} repeats; each ratio is companion over bare Rasa within one "
        "repeat (the same minute of machine noise), then the median and range of those.\n"
    )
    print(f"## Risk message latency ({now})\n")
    with bot(TELEGRAM_RATE):
        safe_up, alert_up = risk_latencies(tg, args.risk, 20_000_000)
        services[-1].stop()  # Rasa down; the action server keeps running
        safe_down, alert_down = risk_latencies(tg, args.risk, 21_000_000)
    print(
        f"{args.risk} risk messages each way, one at a time, each from a new chat; the bot "
        "paced as deployed.\n"
    )
    print("| | p50 | p95 | p99 | goal |")
    print("|---|---|---|---|---|")
    for name, values, goal in (
        ("Rasa up: safe reply", safe_up, ""),
        ("Rasa up: peer alert", alert_up, "p95 < 1 s"),
        ("Rasa down: safe reply", safe_down, "p95 < 250 ms"),
        ("Rasa down: peer alert", alert_down, ""),
    ):
        print(
            f"| {name} | {ms(pct(values, 50))} | {ms(pct(values, 95))} | "
            f"{ms(pct(values, 99))} | {goal} |"
        )
    print(f"\nMedian over all: {ms(statistics.median(safe_up + safe_down))} to the safe reply.\n")


if __name__ == "__main__":
    main()
