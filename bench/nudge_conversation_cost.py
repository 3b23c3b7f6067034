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
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from bench.common import machine, rasa_stack, utc_now


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
    with (
        tempfile.TemporaryDirectory() as folder,
        rasa_stack(
            Path(folder),
            ["--enable-api"],  # trigger_intent needs the HTTP API the companion never opens
        ) as (settings, _services),
    ):
        lines = [
            f"## Telling the conversation a nudge was sent ({utc_now()})",
            "",
            f"Command: `.venv/bin/python -m bench.nudge_conversation_cost --nudges {nudges}`;"
            f" {machine()}; real Rasa 3.6.21 and action server on loopback.",
            "",
            "- Button payloads (what the companion does): 0 Rasa requests per nudge sent.",
        ]
        for concurrency in (1, 10):
            timings = asyncio.run(trigger_many(settings.rasa_url, nudges, concurrency))
            wall, each = timings[-1], sorted(timings[:-1])
            lines.append(
                f"- `trigger_intent` per nudge, {concurrency} at a time: median "
                f"{statistics.median(each) * 1000:.0f} ms, p95 "
                f"{each[int(len(each) * 0.95) - 1] * 1000:.0f} ms per nudge; "
                f"{nudges / wall:.1f} nudges/s through Rasa alone, and one tracker write "
                "per nudge whether or not the client answers."
            )
        print("\n".join(lines))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nudges", type=int, default=200)
    main(parser.parse_args().nudges)
