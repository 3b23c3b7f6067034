"""What the companion says, independent of the channel: text, buttons, an optional image."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_IMAGE_BYTES = 5 * 1024 * 1024


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
    image_png: bytes | None = None
    caption: str = ""
    custom: Mapping[str, Any] | None = None
    contact_phone: str | None = None  # a contact card: one tap to call where Telegram allows
    contact_name: str = ""


def _png_from_custom(custom: Mapping[str, Any]) -> bytes | None:
    """PNG bytes from an action's {"type": "image_png", "data": base64} payload."""
    if custom.get("type") != "image_png" or not isinstance(custom.get("data"), str):
        return None
    try:
        data = base64.b64decode(custom["data"], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(data) > MAX_IMAGE_BYTES or not data.startswith(b"\x89PNG"):
        return None
    return data


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
        custom = message.get("custom") if isinstance(message.get("custom"), Mapping) else None
        png = _png_from_custom(custom) if custom else None
        if text or buttons or image or custom:
            replies.append(
                Reply(
                    text=str(text or ""),
                    buttons=buttons,
                    image_url=str(image) if image else None,
                    image_png=png,
                    caption=str(custom.get("caption", "")) if custom and png else "",
                    custom=None if png else custom,
                )
            )
    return replies
