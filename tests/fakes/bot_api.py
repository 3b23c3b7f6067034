"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks (PTB base_url).

It runs its own event loop in a daemon thread, so synchronous tests and other loops can use it.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import random
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

Json = dict[str, Any]

_SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "sendContact"})
_WEBHOOK_INFO = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
# Free text must never be coerced, even when it happens to look like JSON or a number.
_FREE_TEXT = frozenset(
    {"text", "caption", "data", "query", "title", "description", "url", "phone_number"}
    | {"first_name"}
)
_INT_KEYS = frozenset(
    {"chat_id", "from_chat_id", "message_id", "offset", "limit", "timeout", "user_id"}
    | {"message_thread_id", "reply_to_message_id", "cache_time", "max_connections"}
)


@dataclass(frozen=True)
class RecordedCall:
    """One Bot API request the fake received (including ones it answered with an error)."""

    method: str
    params: Json
    received_at: float
    files: dict[str, bytes] = field(default_factory=dict)


def _decode(key: str, value: Any) -> Any:
    """Undo PTB's form encoding, which JSON-dumps every non-string value into a string."""
    if not isinstance(value, str) or key in _FREE_TEXT:
        return value
    if key in _INT_KEYS and value.lstrip("-").isdigit():
        return int(value)
    if value in ("true", "false") or value[:1] in ("{", "["):
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


class FakeBotApi:
    """A thread-safe in-process Bot API server that records calls and serves queued updates."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        port: int = 0,
        rate_limit_per_second: float | None = None,
    ) -> None:
        self._token = token
        self.port = port
        self._rate_limit = rate_limit_per_second
        bot_id = token.split(":", 1)[0]
        self.bot_user: Json = {
            "id": int(bot_id) if bot_id.isdigit() else 123456,
            "is_bot": True,
            "first_name": "Fake Bot",
            "username": "fake_test_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self._lock = threading.Condition()
        self._calls: list[RecordedCall] = []
        # The same calls by method and by (method, chat_id): long runs record tens of thousands
        # of calls (every long poll is one), and waiters must not rescan them all on each call.
        self._by_method: dict[str, list[RecordedCall]] = defaultdict(list)
        self._by_chat: dict[tuple[str, Any], list[RecordedCall]] = defaultdict(list)
        self._sent: list[Json] = []
        self._messages: dict[tuple[Any, int], Json] = {}  # latest state, edits included
        self._latest: dict[Any, int] = {}
        self._message_ids: dict[Any, int] = {}
        self._names: dict[int, str] = {}
        self._updates: list[Json] = []
        # Telegram's update ids are large and, after a quiet week, start at a random value;
        # so do these (a database shared by several tests never sees the same id twice).
        self._next_update_id = random.randint(1_000_000, 2_000_000_000)
        self._callback_ids = itertools.count(1)
        self._failures: defaultdict[str, deque[tuple[int, str, int | None]]] = defaultdict(deque)
        self._delays: defaultdict[str, deque[float]] = defaultdict(deque)
        self._send_times: deque[float] = deque()
        self._stopping = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._updates_event: asyncio.Event | None = None

    @property
    def token(self) -> str:
        """The only token the fake accepts."""
        return self._token

    @property
    def base_url(self) -> str:
        """The value for PTB's `base_url`: PTB appends `{token}/{method}`."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeBotApi:
        """Bind to 127.0.0.1, serve from a daemon thread and return self."""
        # Binding here rather than in the thread makes port errors surface in the caller.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self.port = sock.getsockname()[1]
        self._loop, self._stopping = asyncio.new_event_loop(), False
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(sock, ready), name="FakeBotApi", daemon=True
        )
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Bot API did not start within 10 s")
        return self

    def _serve(self, sock: socket.socket, ready: threading.Event) -> None:
        assert self._loop is not None
        asyncio.set_event_loop(self._loop)
        # Telegram accepts uploads up to 50 MB; aiohttp's default body limit is only 1 MB.
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        self._updates_event = asyncio.Event()
        self._loop.run_until_complete(self._runner.setup())
        self._loop.run_until_complete(web.SockSite(self._runner, sock).start())
        ready.set()
        self._loop.run_forever()
        self._loop.close()

    def stop(self) -> None:
        """Release pending long polls, shut the server down and join its thread."""
        if self._loop is None or self._thread is None or self._runner is None:
            return
        self._stopping = True
        self._wake_pollers()
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop = self._thread = self._runner = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def push_update(self, update: Json) -> int:
        """Queue an update for getUpdates, assigning an increasing update_id if missing."""
        with self._lock:
            update = dict(update)
            update_id = int(update.setdefault("update_id", self._next_update_id))
            self._next_update_id = max(self._next_update_id, update_id + 1)
            self._updates.append(update)
        self._wake_pollers()
        return update_id

    def push_text(
        self, chat_id: int, text: str, *, user_id: int | None = None, first_name: str = "Test"
    ) -> int:
        """Queue a private-chat text message from a user; a leading /command gets its entity."""
        with self._lock:
            self._names[chat_id] = first_name
        message = self._stub(chat_id, self._next_message_id(chat_id)) | {"text": text}
        message["from"] = self._user(chat_id if user_id is None else user_id, first_name)
        if text.startswith("/"):
            # Entity offsets and lengths count UTF-16 code units.
            length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self.push_update({"message": message})

    def sticker_update(self, chat_id: int, update_id: int) -> Json:
        """A private-chat sticker update with a fixed id (push it as often as you like)."""
        message = self._stub(chat_id, update_id) | {
            "from": self._user(chat_id, "Test"),
            "sticker": {
                "file_id": f"sticker-{update_id}",
                "file_unique_id": f"u{update_id}",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            },
        }
        return {"update_id": update_id, "message": message}

    def push_callback(
        self,
        chat_id: int,
        data: str,
        *,
        message_id: int | None = None,
        user_id: int | None = None,
    ) -> int:
        """Queue a button press on the bot's latest message in the chat (or on a stub message)."""
        with self._lock:
            latest = self._latest.get(chat_id)
            message_id = message_id or latest or 1
            message = self._messages.get((chat_id, message_id), self._stub(chat_id, message_id))
            message = copy.deepcopy(message)
            query_id = str(next(self._callback_ids))
        query = {
            "id": query_id,
            "from": self._user(chat_id if user_id is None else user_id, "Test"),
            "message": message,
            "chat_instance": f"instance-{chat_id}",
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def calls(self, method: str | None = None, chat_id: int | None = None) -> list[RecordedCall]:
        """Every call received so far, in order, optionally filtered by method and chat."""
        with self._lock:
            return [
                c for c in self._candidates(method, chat_id) if self._matches(c, method, chat_id)
            ]

    def sent_messages(self, chat_id: int | None = None) -> list[Json]:
        """The Message objects returned for successful sendMessage/sendPhoto/sendDocument."""
        with self._lock:
            found = [m for m in self._sent if chat_id is None or m["chat"]["id"] == chat_id]
            return copy.deepcopy(found)

    def wait_for_call(
        self,
        method: str,
        chat_id: int | None = None,
        *,
        count: int = 1,
        timeout: float = 10.0,
        predicate: Callable[[RecordedCall], bool] | None = None,
    ) -> list[RecordedCall]:
        """Block until `count` matching calls have arrived in total; return the first `count`."""

        def matching() -> list[RecordedCall]:
            return [
                c
                for c in self._candidates(method, chat_id)
                if self._matches(c, method, chat_id) and (predicate is None or predicate(c))
            ]

        with self._lock:
            if self._lock.wait_for(lambda: len(matching()) >= count, timeout):
                return matching()[:count]
            got = len(matching())
            arrived = [f"{c.method}({c.params.get('chat_id', '')})" for c in self._calls[-30:]]
        raise TimeoutError(
            f"waited {timeout} s for {count} x {method} (chat_id={chat_id}), got {got}; "
            f"last calls received: {', '.join(arrived) or 'none'}"
        )

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `method` with this Bot API error."""
        with self._lock:
            self._failures[method].extend([(error_code, description, retry_after)] * times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Hold the next `times` calls of `method` for `seconds` before answering."""
        with self._lock:
            self._delays[method].extend([seconds] * times)

    def clear(self) -> None:
        """Forget recorded calls and sent messages; message and update ids keep counting."""
        with self._lock:
            self._calls.clear()
            self._by_method.clear()
            self._by_chat.clear()
            self._sent.clear()

    def _candidates(self, method: str | None, chat_id: int | None) -> list[RecordedCall]:
        """A list holding every call that can match (callers still filter with _matches)."""
        if method is None:
            return self._calls
        if chat_id is None:
            return self._by_method.get(method, [])
        return self._by_chat.get((method, chat_id), [])

    @staticmethod
    def _matches(call: RecordedCall, method: str | None, chat_id: int | None) -> bool:
        return (method is None or call.method == method) and (
            chat_id is None or call.params.get("chat_id") == chat_id
        )

    @staticmethod
    def _user(user_id: int, first_name: str) -> Json:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}

    def _chat(self, chat_id: Any) -> Json:
        if isinstance(chat_id, int) and chat_id > 0:
            name = self._names.get(chat_id, "Test")
            return {"id": chat_id, "type": "private", "first_name": name}
        if isinstance(chat_id, int):
            return {"id": chat_id, "type": "supergroup", "title": "Test group"}
        return {"id": -1000000000001, "type": "channel", "title": str(chat_id)}  # "@username"

    def _stub(self, chat_id: Any, message_id: int) -> Json:
        message: Json = {"message_id": message_id, "from": self.bot_user, "date": int(time.time())}
        return message | {"chat": self._chat(chat_id)}

    def _next_message_id(self, chat_id: Any) -> int:
        # One counter per chat for both directions, as in a real private chat.
        with self._lock:
            self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
            return self._message_ids[chat_id]

    def _wake_pollers(self) -> None:
        loop, event = self._loop, self._updates_event
        if loop is not None and event is not None and not loop.is_closed():
            loop.call_soon_threadsafe(event.set)

    @staticmethod
    def _error(code: int, description: str, retry_after: int | None = None) -> web.Response:
        body: Json = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=code)

    async def _read(self, request: web.Request) -> tuple[Json, dict[str, bytes], Json]:
        """Params, uploaded file contents and upload metadata from any body PTB may send."""
        raw: Json = dict(request.query)
        files: dict[str, bytes] = {}
        meta: Json = {}
        if request.content_type == "application/json":
            if request.can_read_body:
                raw.update(await request.json())
        elif request.can_read_body:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    files[key] = value.file.read()
                    meta[key] = {"file_name": value.filename, "mime_type": value.content_type}
                else:
                    raw[key] = value
        return {k: _decode(k, v) for k, v in raw.items()}, files, meta

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self._token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files, meta = await self._read(request)
        now = time.monotonic()
        with self._lock:
            call = RecordedCall(method, params, now, files)
            self._calls.append(call)
            self._by_method[method].append(call)
            with contextlib.suppress(TypeError):  # an unhashable chat_id is matched by no key
                self._by_chat[(method, params.get("chat_id"))].append(call)
            self._lock.notify_all()
            delay = self._delays[method].popleft() if self._delays[method] else 0.0
            failure = self._failures[method].popleft() if self._failures[method] else None
        if delay:
            await asyncio.sleep(delay)
        if failure is not None:
            return self._error(*failure)
        if method in _SEND_METHODS and self._rate_limit is not None:
            with self._lock:
                while self._send_times and now - self._send_times[0] >= 1.0:
                    self._send_times.popleft()
                if len(self._send_times) >= self._rate_limit:
                    return self._error(429, "Too Many Requests: retry after 1", 1)
                self._send_times.append(now)
        result: Any = True
        if method == "getUpdates":
            result = await self._get_updates(params)
        elif method == "getMe":
            result = self.bot_user
        elif method == "getWebhookInfo":
            result = _WEBHOOK_INFO
        elif method in _SEND_METHODS:
            result = self._send(method, params, files, meta)
        elif method in ("editMessageText", "editMessageReplyMarkup") and "chat_id" in params:
            result = self._edit(params)
        return web.json_response({"ok": True, "result": result})

    async def _get_updates(self, params: Json) -> list[Json]:
        assert self._updates_event is not None
        offset, limit = int(params.get("offset", 0)), int(params.get("limit", 100))
        deadline = time.monotonic() + float(params.get("timeout", 0))
        while True:
            # Clearing before looking means a push landing in between still wakes the wait below.
            self._updates_event.clear()
            with self._lock:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = copy.deepcopy(self._updates[: max(1, min(limit, 100))])
            remaining = deadline - time.monotonic()
            if ready or remaining <= 0 or self._stopping:
                return ready
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._updates_event.wait(), remaining)

    def _send(self, method: str, params: Json, files: dict[str, bytes], meta: Json) -> Json:
        chat_id = params.get("chat_id")
        message = self._stub(chat_id, self._next_message_id(chat_id))
        message |= {key: params[key] for key in ("text", "caption") if key in params}
        markup = params.get("reply_markup")
        # Telegram echoes only inline keyboards; PTB could not parse a ReplyKeyboardMarkup here.
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        unique = f"{method}-{chat_id}-{message['message_id']}"
        if method == "sendPhoto":
            size = {"file_size": len(files["photo"])} if "photo" in files else {}
            message["photo"] = [
                {"file_id": f"{unique}-{w}", "file_unique_id": f"{unique}-{w}", "width": w}
                | {"height": w * 3 // 4}
                | size
                for w in (90, 800)
            ]
        elif method == "sendContact":
            message["contact"] = {
                "phone_number": params.get("phone_number", ""),
                "first_name": params.get("first_name", ""),
            }
        elif method == "sendDocument":
            doc = {"file_id": unique, "file_unique_id": unique} | meta.get("document", {})
            if "document" in files:
                doc["file_size"] = len(files["document"])
            message["document"] = doc
        with self._lock:
            self._sent.append(message)
            self._messages[chat_id, message["message_id"]] = copy.deepcopy(message)
            self._latest[chat_id] = message["message_id"]
            return copy.deepcopy(message)

    def _edit(self, params: Json) -> Json:
        chat_id, message_id = params["chat_id"], params.get("message_id", 0)
        with self._lock:
            message = self._messages.get((chat_id, message_id), self._stub(chat_id, message_id))
            message = copy.deepcopy(message) | {"edit_date": int(time.time())}
            if "text" in params:
                message["text"] = params["text"]
            # Like Telegram, an edit without an inline keyboard removes the old one.
            markup = params.get("reply_markup")
            if isinstance(markup, dict) and "inline_keyboard" in markup:
                message["reply_markup"] = markup
            else:
                message.pop("reply_markup", None)
            self._messages[chat_id, message_id] = message
            return copy.deepcopy(message)
