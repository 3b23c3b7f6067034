"""Benchmark: what Rasa itself costs — train time, model size, server start time and memory.

Loopback only. Uses the project's Rasa environment and data; `--train` trains a fresh model
into a temporary folder (minutes) instead of reusing the cached one.

    .venv/bin/python -m bench.rasa_costs [--train] [--starts 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import machine, rss_mb, utc_now
from bot.services import PROJECT_ROOT, ensure_model, rasa_executable, start_rasa, wait_until_ready
from companion.rasa_model import rasa_train_command
from companion.settings import Settings
from tests.conftest import free_port


def train(settings: Settings, out: Path) -> tuple[float, Path]:
    env = dict(
        os.environ,
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_CACHE_DIRECTORY=str(out / "cache"),  # an empty cache: every component trains
    )
    started = time.perf_counter()
    target = out / "bench.tar.gz"
    subprocess.run(
        rasa_train_command(rasa_executable(settings), PROJECT_ROOT, target),
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, target


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="time a fresh training run")
    parser.add_argument("--starts", type=int, default=3, help="server starts to time")
    args = parser.parse_args(argv)
    now = utc_now()
    with tempfile.TemporaryDirectory(prefix="bench-rasa-") as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))  # type: ignore[call-arg]
        train_seconds = None
        if args.train:
            train_seconds, model = train(settings, Path(tmp) / "models")
        else:
            model = ensure_model(settings)
        starts, rss = [], []
        for i in range(args.starts):
            port = free_port()
            started = time.perf_counter()
            # No action server: start-up and memory are Rasa's own.
            service = start_rasa(settings, model, port, free_port(), Path(tmp) / f"rasa{i}.log")
            try:
                wait_until_ready([service], timeout=300)
                starts.append(time.perf_counter() - started)
                time.sleep(2)
                rss.append(rss_mb(service.process.pid))
            finally:
                service.stop()
        size = model.stat().st_size / 2**20
    flag = " --train" if args.train else ""
    print(f"## What Rasa costs ({now})\n")
    print(
        f"Command: `.venv/bin/python -m bench.rasa_costs{flag} --starts {args.starts}`; machine: "
        f"{machine()}; Rasa 3.6.21 (Python 3.10), the project's "
        "config.yml, NLU, stories and domain.\n"
    )
    if train_seconds is not None:
        print(f"- Train time: **{train_seconds / 60:.1f} min** (one run).")
    print(f"- Model size: **{size:.1f} MB**.")
    print(
        f"- Server start to ready (REST channel answers), median of {len(starts)}: "
        f"**{statistics.median(starts):.1f} s** ({', '.join(f'{s:.1f}' for s in starts)} s)."
    )
    print(f"- Server RSS when idle after start, median: **{statistics.median(rss):.0f} MB**.")
    print("\nNo goal in issue 7 for these: they are what any Rasa deployment pays.\n")


if __name__ == "__main__":
    main()
