"""Start, probe and stop the Rasa server and the action server as child processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from companion.rasa_model import model_path, rasa_train_command
from companion.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Service:
    """A child process we started, with the URL that says it is ready."""

    name: str
    process: subprocess.Popen[bytes]
    ready_url: str
    log_path: Path

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM its process group, then SIGKILL if it has not gone."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        except ProcessLookupError:
            pass


def rasa_executable(settings: Settings) -> Path:
    """The `rasa` command of the Rasa environment (relative paths are from the project root)."""
    return PROJECT_ROOT / settings.rasa_executable


def rasa_env(settings: Settings, action_endpoint: str) -> dict[str, str]:
    """Environment for the Rasa server: endpoints.yml reads these."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_TRACKER_URL=settings.resolved_tracker_url(),
        ACTION_ENDPOINT_URL=action_endpoint,
    )
    return env


def _spawn(
    name: str, command: list[str], env: Mapping[str, str], log_path: Path
) -> subprocess.Popen[bytes]:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_file: IO[bytes] = log_path.open("ab")
    # Own process group: Ctrl-C reaches only the supervisor, which stops children in order.
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=dict(env),
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_actions(settings: Settings, port: int, log_path: Path) -> Service:
    """The rasa-sdk action server (app environment) on 127.0.0.1:port."""
    env = dict(os.environ)
    env["DATABASE_URL"] = settings.resolved_database_url()
    command = [sys.executable, "-m", "bot.cli", "actions", "--port", str(port)]
    process = _spawn("actions", command, env, log_path)
    return Service("action server", process, f"http://127.0.0.1:{port}/health", log_path)


def start_rasa(
    settings: Settings,
    model: Path,
    port: int,
    action_port: int,
    log_path: Path,
    extra_args: Sequence[str] = (),
) -> Service:
    """The Rasa server (Rasa environment) on 127.0.0.1:port with the given model.

    The companion needs only the REST channel; `extra_args` (e.g. "--enable-api") is for benches.
    """
    command = [
        str(rasa_executable(settings)),
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(PROJECT_ROOT / "endpoints.yml"),
        "--credentials",
        str(PROJECT_ROOT / "credentials.yml"),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
        *extra_args,
    ]
    env = rasa_env(settings, f"http://127.0.0.1:{action_port}/webhook")
    process = _spawn("rasa", command, env, log_path)
    return Service("Rasa server", process, f"http://127.0.0.1:{port}/webhooks/rest/", log_path)


def wait_until_ready(services: list[Service], timeout: float) -> None:
    """Block until every service answers 200 on its ready URL; raise if one dies or times out."""
    deadline = time.monotonic() + timeout
    pending = list(services)
    while pending:
        for service in list(pending):
            if service.process.poll() is not None:
                raise RuntimeError(f"{service.name} exited; see {service.log_path}")
            try:
                if httpx.get(service.ready_url, timeout=2.0).status_code == 200:
                    pending.remove(service)
            except httpx.HTTPError:
                pass
        if pending and time.monotonic() > deadline:
            names = ", ".join(s.name for s in pending)
            raise TimeoutError(f"{names} not ready after {timeout:.0f} s")
        if pending:
            time.sleep(0.5)


def ensure_model(settings: Settings) -> Path:
    """The trained model for the current inputs, training it first if needed."""
    target = model_path(PROJECT_ROOT, settings.rasa_model_dir)
    if target.exists():
        return target
    executable = rasa_executable(settings)
    if not executable.exists():
        raise FileNotFoundError(f"{executable} not found; run `make venvs` first")
    target.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
    command = rasa_train_command(executable, PROJECT_ROOT, target)
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True)
    if not target.exists():
        raise RuntimeError(f"rasa train finished but {target} is missing")
    return target
