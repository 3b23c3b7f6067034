"""What the benchmarks share: the machine line, and the real Rasa stack on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from bot.services import Service, ensure_model, start_actions, start_rasa, wait_until_ready
from companion.db.migrate import upgrade_database
from companion.settings import Settings
from tests.conftest import free_port


def machine() -> str:
    """ "2 cores, 24 GB": what every result names."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.0f} GB"


def utc_now() -> str:
    """The date and time a result was measured."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (0 once it has gone)."""
    total = 0.0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
        pids += [int(c) for c in children]
    return total


@contextmanager
def rasa_stack(
    data_dir: Path, rasa_args: Sequence[str] = ()
) -> Iterator[tuple[Settings, list[Service]]]:
    """The action server and Rasa server (SQLite data in `data_dir`) ready on free ports.

    Yields settings whose `rasa_url` points at that Rasa, and the two services (the last is
    Rasa, for a benchmark that stops it); both are stopped on exit.
    """
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        rasa_port=free_port(),
        action_server_port=free_port(),
    )
    upgrade_database(settings.resolved_database_url())
    model = ensure_model(settings)
    ports = settings.rasa_port, settings.action_server_port
    services = [start_actions(settings, ports[1], data_dir / "actions.log")]
    try:
        services.append(start_rasa(settings, model, *ports, data_dir / "rasa.log", rasa_args))
        wait_until_ready(services, timeout=300)
        yield settings.model_copy(update={"rasa_url": f"http://127.0.0.1:{ports[0]}"}), services
    finally:
        for service in reversed(services):
            service.stop()
