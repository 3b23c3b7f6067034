"""A terminal chat as a client through the same pipeline as Telegram (no token needed)."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Sequence

import httpx

from bot.alerts import TerminalEscalator
from bot.commands import PAYLOAD_BY_COMMAND
from bot.conversation import Conversation
from bot.rasa_client import RasaClient
from companion.replies import Button, Reply
from companion.safety.decision import prepare as prepare_risk_decision
from companion.safety.resources import load_crisis_resources
from companion.settings import Settings

TERMINAL_CHAT_ID = 1  # the demo client's chat id; Telegram ids are never this small for users

ReadLine = Callable[[str], Awaitable[str | None]]


def render_for_terminal(replies: Sequence[Reply]) -> tuple[str, list[Button]]:
    """Text to print and the buttons offered, numbered from 1."""
    lines: list[str] = []
    buttons: list[Button] = []
    for reply in replies:
        if reply.image_url:
            lines.append(f"bot> [image: {reply.image_url}]")
        if reply.image_png:
            lines.append(f"bot> [chart: {reply.caption or 'image'}, {len(reply.image_png)} bytes]")
        if reply.text:
            lines.append("bot> " + reply.text.replace("\n", "\n     "))
        if reply.contact_phone:
            lines.append(f"bot> [contact card, tap to call: {reply.contact_name}]")
        for button in reply.buttons:
            buttons.append(button)
            lines.append(f"     [{len(buttons)}] {button.title}")
    return "\n".join(lines), buttons


class StdinLines:
    """Lines from standard input, read by the event loop itself (no thread to hang Ctrl-C).

    `add_reader` only watches the descriptor, so stdin keeps its blocking mode for the shell.
    """

    def __init__(self) -> None:
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._buffer = b""
        self._fd = sys.stdin.fileno()
        asyncio.get_running_loop().add_reader(self._fd, self._on_readable)

    def _on_readable(self) -> None:
        data = os.read(self._fd, 65536)
        if not data:
            asyncio.get_running_loop().remove_reader(self._fd)
            if self._buffer:
                self._lines.put_nowait(self._buffer.decode(errors="replace"))
            self._lines.put_nowait(None)
            return
        self._buffer += data
        *complete, self._buffer = self._buffer.split(b"\n")
        for line in complete:
            self._lines.put_nowait(line.decode(errors="replace"))

    async def read_line(self, prompt: str) -> str | None:
        """Show the prompt and wait for one line; None at end of input."""
        sys.stdout.write(prompt)
        sys.stdout.flush()
        return await self._lines.get()

    def close(self) -> None:
        """Stop watching standard input."""
        asyncio.get_running_loop().remove_reader(self._fd)


async def chat_loop(
    conversation: Conversation, read_line: ReadLine, write: Callable[[str], None]
) -> None:
    """Read client lines until /quit or end of input; a number taps the matching button."""
    write("Chatting as a client. Type a message, a number to tap a button, /quit to leave.")
    buttons: list[Button] = []
    write(
        _render_and_remember(await conversation.handle_payload(TERMINAL_CHAT_ID, "/start"), buttons)
    )
    while True:
        line = await read_line("you> ")
        if line is None or line.strip() == "/quit":
            write("Ka kite anō, see you next time.")
            return
        text = line.strip()
        if not text:
            continue
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            replies = await conversation.handle_payload(
                TERMINAL_CHAT_ID, buttons[int(text) - 1].payload
            )
        elif text.startswith("/") and text[1:].split()[0].lower() in PAYLOAD_BY_COMMAND:
            payload = PAYLOAD_BY_COMMAND[text[1:].split()[0].lower()]
            replies = await conversation.handle_payload(TERMINAL_CHAT_ID, payload)
        else:
            replies = await conversation.handle_text(TERMINAL_CHAT_ID, text)
        buttons = []
        write(_render_and_remember(replies, buttons))


def _render_and_remember(replies: Sequence[Reply], buttons: list[Button]) -> str:
    text, offered = render_for_terminal(replies)
    buttons.extend(offered)
    return text


async def run_terminal_chat(settings: Settings) -> None:
    """Open the terminal chat against the configured Rasa server."""

    def write(text: str) -> None:
        print(text, flush=True)

    resources = load_crisis_resources(settings.crisis_resources_file)
    await asyncio.to_thread(prepare_risk_decision)
    async with httpx.AsyncClient() as http:
        rasa = RasaClient(http, settings.rasa_url, settings.rasa_timeout_seconds)
        conversation = Conversation(rasa, resources, TerminalEscalator(write))
        stdin = StdinLines()
        try:
            await chat_loop(conversation, stdin.read_line, write)
        finally:
            stdin.close()


def main(settings: Settings) -> None:
    """Entry point used by the CLI."""
    try:
        asyncio.run(run_terminal_chat(settings))
    except KeyboardInterrupt:
        sys.stdout.write("\n")
