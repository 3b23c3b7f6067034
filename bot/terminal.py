"""A terminal chat as a client through the same pipeline as Telegram (no token needed)."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Awaitable, Callable, Sequence

import httpx

from bot.alerts import TerminalAlertSink
from bot.conversation import Conversation
from bot.rasa_client import RasaClient
from companion.replies import Button, Reply
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
        if reply.text:
            lines.append("bot> " + reply.text.replace("\n", "\n     "))
        for button in reply.buttons:
            buttons.append(button)
            lines.append(f"     [{len(buttons)}] {button.title}")
    return "\n".join(lines), buttons


async def read_stdin_line(prompt: str) -> str | None:
    """One line from the terminal, or None at end of input.

    input() blocks, so it runs in a daemon thread of its own: a thread of the default executor
    would keep asyncio.run() waiting at shutdown and Ctrl-C would hang the terminal chat.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str | None] = loop.create_future()

    def deliver(line: str | None) -> None:
        if not future.done():
            future.set_result(line)

    def read() -> None:
        try:
            line: str | None = input(prompt)
        except (EOFError, OSError, ValueError):
            line = None
        with contextlib.suppress(RuntimeError):  # the loop may already be closed
            loop.call_soon_threadsafe(deliver, line)

    threading.Thread(target=read, name="terminal-input", daemon=True).start()
    return await future


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
        elif text == "/start":
            replies = await conversation.handle_payload(TERMINAL_CHAT_ID, "/start")
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
    async with httpx.AsyncClient() as http:
        rasa = RasaClient(http, settings.rasa_url, settings.rasa_timeout_seconds)
        conversation = Conversation(rasa, resources, TerminalAlertSink(write))
        await chat_loop(conversation, read_stdin_line, write)


def main(settings: Settings) -> None:
    """Entry point used by the CLI."""
    try:
        asyncio.run(run_terminal_chat(settings))
    except KeyboardInterrupt:
        sys.stdout.write("\n")
