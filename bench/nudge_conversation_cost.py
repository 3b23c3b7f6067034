"""Benchmark: what it costs per nudge to tell the conversation a nudge was sent (issue 5).

Two ways: (a) the nudge's buttons carry a payload ("/mood_checkin") that goes to Rasa only when
the client taps it — no Rasa call when the nudge is sent; (b) `POST
/conversations/{id}/trigger_intent` for every nudge sent — one Rasa request and one tracker
write each, tapped or not. This starts the real Rasa and action servers on loopback ports and
times (b); (a) costs nothing at send time by construction.

    .venv/bin/python -m bench.nudge_conversation_cost [--nudges 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx

from bot.services import ensure_model, start_actions, start_rasa, wait_until_ready
from companion.db.migrate import upgrade_database
from companion.settings import Settings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def trigger_many(rasa_url: str, nudges: int, concurrency: int) -> list[float]:
    timings: list[float] = []
    async with httpx.AsyncClient(timeout=30) as client:
        semaphore = asyncio.Semaphore(concurrency)

        async def one(i: int) -> None:
            async with semaphore:
                started = time.perf_counter()
                response = await client.post(
                    f"{rasa_url}/conversations/{9_000_000 + i}/trigger_intent",
                    json={"name": "mood_checkin"},
                )
                response.raise_for_status()
                timings.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(nudges)))
        timings.append(time.perf_counter() - started)  # last element: the wall time
    return timings


def main(nudges: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=data,
            rasa_port=_free_port(),
            action_server_port=_free_port(),
        )
        upgrade_database(settings.resolved_database_url())
        model = ensure_model(settings)
        services = [
            start_actions(settings, settings.action_server_port, data / "actions.log"),
            start_rasa(
                settings,
                model,
                settings.rasa_port,
                settings.action_server_port,
                data / "rasa.log",
                ["--enable-api"],  # trigger_intent needs the HTTP API the companion never opens
            ),
        ]
        try:
            wait_until_ready(services, timeout=300)
            url = f"http://127.0.0.1:{settings.rasa_port}"
            lines = [
                f"## Telling the conversation a nudge was sent "
                f"({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)",
                "",
                f"Command: `.venv/bin/python -m bench.nudge_conversation_cost --nudges {nudges}`;"
                f" {os.cpu_count()} cores; real Rasa 3.6.21 and action server on loopback.",
                "",
                "- Button payloads (what the companion does): 0 Rasa requests per nudge sent.",
            ]
            for concurrency in (1, 10):
                timings = asyncio.run(trigger_many(url, nudges, concurrency))
                wall, each = timings[-1], sorted(timings[:-1])
                lines.append(
                    f"- `trigger_intent` per nudge, {concurrency} at a time: median "
                    f"{statistics.median(each) * 1000:.0f} ms, p95 "
                    f"{each[int(len(each) * 0.95) - 1] * 1000:.0f} ms per nudge; "
                    f"{nudges / wall:.1f} nudges/s through Rasa alone, and one tracker write "
                    "per nudge whether or not the client answers."
                )
            print("\n".join(lines))
        finally:
            for service in reversed(services):
                service.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nudges", type=int, default=200)
    main(parser.parse_args().nudges)
