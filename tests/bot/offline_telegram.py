"""An offline Bot API for handler tests: a BaseRequest that records calls and answers plausibly."""

from __future__ import annotations

import json
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.conversation import Conversation
from bot.handlers import CONVERSATION_KEY
from bot.telegram_app import register_handlers

BOT_USER = {"id": 999, "is_bot": True, "first_name": "Companion", "username": "companion_bot"}


class OfflineRequest(BaseRequest):
    """Answers every Bot API method without a network, recording (method, params)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._message_id = 100

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        self.calls.append((name, params))
        result: Any = True
        if name == "getMe":
            result = BOT_USER
        elif name in {"sendMessage", "sendPhoto", "sendContact"}:
            self._message_id += 1
            result = {
                "message_id": self._message_id,
                "date": 0,
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def sent_texts(self) -> list[str]:
        return [str(p["text"]) for m, p in self.calls if m == "sendMessage"]


def build_offline_app(conversation: Conversation) -> tuple[Application, OfflineRequest]:  # type: ignore[type-arg]
    """An Application with the real handlers and an offline Bot API."""
    request = OfflineRequest()
    app = (
        Application.builder()
        .token("123:offline")
        .request(request)
        .get_updates_request(request)
        .build()
    )
    register_handlers(app)
    app.bot_data[CONVERSATION_KEY] = conversation
    return app, request


def private_message(text: str, chat_id: int = 5, update_id: int = 1) -> dict[str, Any]:
    """A private-chat text message update as Telegram sends it."""
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 0,
        "chat": {"id": chat_id, "type": "private", "first_name": "Tester"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Tester"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


def callback_update(data: str, chat_id: int = 5, update_id: int = 3) -> dict[str, Any]:
    """A tap on an inline button under one of the bot's messages, as Telegram sends it."""
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb{update_id}",
            "chat_instance": "ci",
            "from": {"id": chat_id, "is_bot": False, "first_name": "Tester"},
            "data": data,
            "message": {
                "message_id": 50,
                "date": 0,
                "chat": {"id": chat_id, "type": "private"},
                "from": {"id": 999, "is_bot": True, "first_name": "Companion"},
                "text": "OK?",
            },
        },
    }


def to_update(data: dict[str, Any], app: Application) -> Update:  # type: ignore[type-arg]
    """Parse update JSON for this application's bot."""
    update = Update.de_json(data, app.bot)
    assert update is not None
    return update
