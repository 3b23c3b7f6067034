"""Per-client flood control: how many messages in a window go to the model. Pure."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["ok", "notice", "quiet"]
FLOOD_NOTICE = (
    "That's a lot of messages at once, and I'm only a bot. I'll answer the next ones in a "
    "few seconds. If you're not safe, call or text 1737 any time."
)


@dataclass
class FloodGate:
    """At most `limit` messages per `window` seconds per chat reach the model.

    Over the limit the client is told once per window and the rest get no model reply. The
    risk screen runs before this gate, so a risk message is never held back.
    """

    limit: int = 15
    window: float = 10.0
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _told: dict[int, float] = field(default_factory=dict)
    _checks: int = 0

    def check(self, chat_id: int, now: float) -> Verdict:
        """Record one message at `now` (monotonic seconds) and say what to do with it."""
        self._checks += 1
        if self._checks % 1000 == 0:
            self.forget_idle(now)
        times = self._seen.setdefault(chat_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            return "ok"
        told = self._told.get(chat_id)
        if told is not None and now - told < self.window:
            return "quiet"
        self._told[chat_id] = now
        return "notice"

    def forget_idle(self, now: float) -> None:
        """Drop chats with no recent messages (keeps memory flat)."""
        for chat_id in [c for c, t in self._seen.items() if not t or now - t[-1] >= self.window]:
            self._seen.pop(chat_id, None)
            self._told.pop(chat_id, None)
