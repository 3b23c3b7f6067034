"""What the companion says, independent of the channel: text, buttons, an optional image."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    """A one-tap choice; tapping it sends `payload` back into the conversation."""

    title: str
    payload: str
    url: str | None = None


@dataclass(frozen=True)
class Reply:
    """One message to show the client."""

    text: str = ""
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    image_url: str | None = None
    custom: Mapping[str, Any] | None = None


def replies_from_rasa(messages: Iterable[Mapping[str, Any]]) -> list[Reply]:
    """Turn the JSON list from Rasa's REST channel into replies; unknown entries are skipped."""
    replies: list[Reply] = []
    for message in messages:
        text = message.get("text")
        buttons = tuple(
            Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
            for b in message.get("buttons") or ()
            if b.get("title") and b.get("payload")
        )
        image = message.get("image")
        custom = message.get("custom")
        if text or buttons or image or custom:
            replies.append(
                Reply(
                    text=str(text or ""),
                    buttons=buttons,
                    image_url=str(image) if image else None,
                    custom=custom if isinstance(custom, Mapping) else None,
                )
            )
    return replies
