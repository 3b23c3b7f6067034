"""Custom payload types the action server sends the bot (Rasa `json_message` → REST `custom`)."""

from __future__ import annotations

from typing import Final

ESCALATE: Final = "escalate"
REQUEST_HUMAN: Final = "request_human"
