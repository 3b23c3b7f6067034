"""`companion run` (what `make run` starts) without a token: the terminal chat, real stack."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.services import PROJECT_ROOT
from tests.conftest import free_port

pytestmark = pytest.mark.integration

GREETINGS = (
    "Kia ora! I'm your companion bot",
    "Hi there, good to hear",
    "Kia ora! Nice to see you",
)


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def run_env(data_dir: Path, rasa_port: int, action_port: int) -> dict[str, str]:
    """Environment for `companion run` with no token, its own ports and data folder."""
    env = dict(
        os.environ,
        TELEGRAM_BOT_TOKEN="",
        DATA_DIR=str(data_dir),
        RASA_PORT=str(rasa_port),
        ACTION_SERVER_PORT=str(action_port),
    )
    env.pop("DATABASE_URL", None)
    return env


def test_run_without_token_answers_hi_in_the_terminal_and_stops_everything(tmp_path: Path) -> None:
    rasa_port, action_port = free_port(), free_port()
    env = run_env(tmp_path, rasa_port, action_port)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        input="hi\nI want to end my life\n/quit\n",
        capture_output=True,
        text=True,
        timeout=400,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    out = result.stdout
    assert "opening the terminal chat" in out
    assert any(greeting in out for greeting in GREETINGS), out[-2000:]
    assert "[peer worker alert]" in out and "1737" in out
    assert "Stopping Rasa and the action server" in out
    assert not listening(rasa_port) and not listening(action_port)
    assert (tmp_path / "companion.db").exists() and (tmp_path / "rasa-tracker.db").exists()
    print(f"companion run: start to exit with two answers took {elapsed:.1f} s")


def test_ctrl_c_stops_the_chat_rasa_and_the_action_server(tmp_path: Path) -> None:
    rasa_port, action_port = free_port(), free_port()
    env = run_env(tmp_path, rasa_port, action_port)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        seen = ""
        while "[2] Not now" not in seen and process.poll() is None:
            seen += process.stdout.readline()  # the welcome's last line; the chat then waits
        assert "[2] Not now" in seen, seen[-2000:]
        process.stdin.write("hi\n")
        process.stdin.flush()
        # "you> bot> Kia ora..."; the chat then waits again. stderr is merged into stdout here,
        # so a log line (a slow first Rasa turn on a busy machine) may come first.
        answer = ""
        for _ in range(50):
            answer = process.stdout.readline()
            if "bot> " in answer or not answer:
                break
            seen += answer
        assert "bot> " in answer, seen[-2000:] + answer
        assert listening(rasa_port) and listening(action_port)
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends; the chat is waiting for input
        assert process.wait(60) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert not listening(rasa_port) and not listening(action_port)
