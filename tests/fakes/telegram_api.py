"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks.

python-telegram-bot reaches it through `base_url`; it runs its own event loop in a daemon thread so
synchronous tests, subprocesses and other event loops can all use it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 900000001
JSON = dict[str, Any]


@dataclass(frozen=True)
class RecordedCall:
    """One Bot API request the fake received."""

    method: str
    params: JSON
    received_at: float
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return value if isinstance(value, int) else None


@dataclass
class _Failure:
    error_code: int
    description: str
    retry_after: int | None
    times: int


def _decode(value: Any) -> Any:
    # Form fields arrive as strings; Bot API objects (reply_markup, ids) are JSON inside them.
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeBotApi:
    """Records every call, answers with realistic Bot API objects, injects failures on request."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        port: int = 0,
        rate_limit_per_second: float | None = None,
    ) -> None:
        self._token = token
        self.port = port
        self._rate_limit = rate_limit_per_second
        self._lock = threading.Lock()
        self._calls: list[RecordedCall] = []
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._last_message: dict[int, JSON] = {}
        self._failures: dict[str, deque[_Failure]] = defaultdict(deque)
        self._delays: dict[str, deque[float]] = defaultdict(deque)
        self._send_times: deque[float] = deque()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._call_arrived = threading.Condition(self._lock)

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeBotApi:
        """Bind on 127.0.0.1 and serve from a daemon thread."""
        started = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(started,), daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("fake Bot API did not start")
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._loop is None or self._runner is None:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def token(self) -> str:
        return self._token

    # --- test controls ---------------------------------------------------------------------
    def push_update(self, update: JSON) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        with self._lock:
            update.setdefault("update_id", next(self._update_ids))
            self._updates.append(update)
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return int(update["update_id"])

    def push_text(
        self, chat_id: int, text: str, *, user_id: int | None = None, first_name: str = "Test"
    ) -> int:
        """A private-chat text message from a client."""
        message: JSON = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": first_name},
            "from": {"id": user_id or chat_id, "is_bot": False, "first_name": first_name},
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.push_update({"message": message})

    def push_callback(
        self, chat_id: int, data: str, *, message_id: int | None = None, user_id: int | None = None
    ) -> int:
        """A tap on an inline button of the bot's latest message in the chat (or a given one)."""
        with self._lock:
            message = dict(self._last_message.get(chat_id) or {})
        if message_id is not None or not message:
            message = {
                "message_id": message_id or 1,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
                "from": self._bot_user(),
                "text": "…",
            }
        query = {
            "id": f"cb{time.monotonic_ns()}",
            "chat_instance": f"ci{chat_id}",
            "from": {"id": user_id or chat_id, "is_bot": False, "first_name": "Test"},
            "message": message,
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def calls(self, method: str | None = None, chat_id: int | None = None) -> list[RecordedCall]:
        """Every call received so far, oldest first, optionally filtered."""
        with self._lock:
            return [c for c in self._calls if self._matches(c, method, chat_id, None)]

    def sent_messages(self, chat_id: int | None = None) -> list[JSON]:
        """Messages the bot sent (what the fake returned for send* calls)."""
        sends = ("sendMessage", "sendPhoto", "sendDocument")
        with self._lock:
            return [
                dict(c.params, method=c.method)
                for c in self._calls
                if c.method in sends and (chat_id is None or c.chat_id == chat_id)
            ]

    def wait_for_call(
        self,
        method: str,
        chat_id: int | None = None,
        *,
        count: int = 1,
        timeout: float = 10.0,
        predicate: Callable[[RecordedCall], bool] | None = None,
    ) -> list[RecordedCall]:
        """Block until `count` matching calls have arrived; return them."""
        deadline = time.monotonic() + timeout
        with self._call_arrived:
            while True:
                found = [c for c in self._calls if self._matches(c, method, chat_id, predicate)]
                if len(found) >= count:
                    return found[:count]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(c.method, c.chat_id, c.params.get("text")) for c in self._calls[-15:]]
                    raise TimeoutError(
                        f"waited {timeout} s for {count} {method} to {chat_id}; {seen}"
                    )
                self._call_arrived.wait(remaining)

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of `method` fail like Telegram does."""
        with self._lock:
            self._failures[method].append(_Failure(error_code, description, retry_after, times))

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Make the next `times` calls of `method` slow."""
        with self._lock:
            self._delays[method].extend([seconds] * times)

    def clear(self) -> None:
        """Forget recorded calls."""
        with self._lock:
            self._calls.clear()

    # --- server ----------------------------------------------------------------------------
    @staticmethod
    def _matches(
        call: RecordedCall,
        method: str | None,
        chat_id: int | None,
        predicate: Callable[[RecordedCall], bool] | None,
    ) -> bool:
        return (
            (method is None or call.method == method)
            and (chat_id is None or call.chat_id == chat_id)
            and (predicate is None or predicate(call))
        )

    def _serve(self, started: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        self._new_update = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        loop.run_until_complete(site.start())
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        started.set()
        loop.run_forever()
        loop.close()

    async def _read_params(self, request: web.Request) -> tuple[JSON, dict[str, bytes]]:
        params: JSON = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            body = await request.json() if request.can_read_body else {}
            params = dict(body or {})
        elif request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.name is None or not hasattr(part, "filename"):
                    continue
                if part.filename:
                    files[part.name] = bytes(await part.read())
                else:
                    params[part.name] = _decode(await part.text())
        else:
            params = {k: _decode(v) for k, v in (await request.post()).items()}
        if isinstance(params.get("chat_id"), str) and params["chat_id"].lstrip("-").isdigit():
            params["chat_id"] = int(params["chat_id"])
        return params, files

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self._token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await self._read_params(request)
        with self._call_arrived:
            self._calls.append(RecordedCall(method, params, time.monotonic(), files))
            self._call_arrived.notify_all()
            delay = self._delays[method].popleft() if self._delays[method] else 0.0
            failure = self._take_failure(method)
        if delay:
            await asyncio.sleep(delay)
        if failure is not None:
            return self._error(failure.error_code, failure.description, failure.retry_after)
        if method in ("sendMessage", "sendPhoto", "sendDocument") and self._over_rate_limit():
            return self._error(429, "Too Many Requests: retry after 1", 1)
        if method == "getUpdates":
            return self._ok(await self._get_updates(params))
        return self._ok(self._result_for(method, params, files))

    def _take_failure(self, method: str) -> _Failure | None:
        queue = self._failures[method]
        if not queue:
            return None
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.popleft()
        return failure

    def _over_rate_limit(self) -> bool:
        if self._rate_limit is None:
            return False
        now = time.monotonic()
        with self._lock:
            while self._send_times and now - self._send_times[0] > 1.0:
                self._send_times.popleft()
            if len(self._send_times) >= self._rate_limit:
                return True
            self._send_times.append(now)
        return False

    async def _get_updates(self, params: JSON) -> list[JSON]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        assert self._new_update is not None
        while True:
            with self._lock:
                if offset:
                    # Confirming an offset drops every earlier update, as Telegram does.
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                pending = self._updates[:limit]
                self._new_update.clear()
            remaining = deadline - time.monotonic()
            if pending or remaining <= 0:
                return pending
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), remaining)

    def _bot_user(self) -> JSON:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Companion", "username": "fake_bot"}

    def _result_for(self, method: str, params: JSON, files: dict[str, bytes]) -> Any:
        if method == "getMe":
            return self._bot_user() | {
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method in ("sendMessage", "sendPhoto", "sendDocument"):
            return self._new_message(method, params, files)
        if method in ("editMessageText", "editMessageReplyMarkup"):
            chat_id = params.get("chat_id")
            if isinstance(chat_id, int) and chat_id in self._last_message:
                edited = dict(self._last_message[chat_id], message_id=params.get("message_id"))
                if "text" in params:
                    edited["text"] = params["text"]
                return edited
            return True
        return True

    def _new_message(self, method: str, params: JSON, files: dict[str, bytes]) -> JSON:
        chat_id = int(params["chat_id"])
        message: JSON = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
            "from": self._bot_user(),
        }
        if method == "sendMessage":
            message["text"] = params.get("text", "")
        elif method == "sendPhoto":
            size = len(files.get("photo", b""))
            message["photo"] = [
                {
                    "file_id": "p1",
                    "file_unique_id": "u1",
                    "width": 800,
                    "height": 400,
                    "file_size": size,
                }
            ]
        else:
            message["document"] = {"file_id": "d1", "file_unique_id": "u2"}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        with self._lock:
            self._last_message[chat_id] = message
        return message

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(code: int, description: str, retry_after: int | None = None) -> web.Response:
        body: JSON = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=code)
