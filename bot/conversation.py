"""One client turn, channel-independent: risk screen first, then Rasa, never silence."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.rasa_client import RasaClient, RasaUnavailable
from companion.replies import Reply
from companion.safety.messages import render_fallback_reply, render_safe_reply
from companion.safety.resources import CrisisResource
from companion.safety.screen import screen_message

log = logging.getLogger(__name__)

# Button payloads are Rasa intents ("/consent_yes") optionally with JSON entities; anything else
# arriving as callback data is forged or stale and is not passed on.
_PAYLOAD = re.compile(r"^/[a-z][a-z0-9_]{0,40}(\{[^\n]{0,200}\})?$")
ALERT_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True)
class RiskAlert:
    """What a peer worker needs to know about a risk message."""

    chat_id: int
    level: str
    reason: str
    message_text: str


class AlertSink(Protocol):
    """Delivers risk alerts to a human; returns who was alerted, or None if nobody could be."""

    async def send_risk_alert(self, alert: RiskAlert) -> str | None: ...


class Conversation:
    """The pipeline every channel (Telegram, terminal) uses."""

    def __init__(
        self, rasa: RasaClient, resources: Sequence[CrisisResource], alerts: AlertSink
    ) -> None:
        self._rasa = rasa
        self._resources = tuple(resources)
        self._alerts = alerts

    async def handle_text(self, chat_id: int, text: str) -> list[Reply]:
        """A message the client typed."""
        result = screen_message(text)
        if result.escalate:
            alert = RiskAlert(chat_id, result.level, result.reason, text)
            return [await self._respond_to_risk(alert)]
        return await self._ask_rasa(chat_id, text)

    async def handle_payload(self, chat_id: int, payload: str) -> list[Reply]:
        """A button the client tapped (or a command mapped to an intent)."""
        if not _PAYLOAD.match(payload):
            log.warning("refused malformed button payload from chat %s", chat_id)
            return [Reply(text="Sorry, that button has expired. Please type what you'd like.")]
        return await self._ask_rasa(chat_id, payload)

    async def _respond_to_risk(self, alert: RiskAlert) -> Reply:
        log.warning("risk screen escalated chat %s (%s)", alert.chat_id, alert.reason)
        try:
            alerted = await asyncio.wait_for(
                self._alerts.send_risk_alert(alert), ALERT_TIMEOUT_SECONDS
            )
        except Exception:
            # The safe reply must go out even when alerting fails; say truthfully nobody was told.
            log.exception("risk alert for chat %s could not be sent", alert.chat_id)
            alerted = None
        return render_safe_reply(self._resources, alerted)

    async def _ask_rasa(self, chat_id: int, text: str) -> list[Reply]:
        try:
            return await self._rasa.send_message(str(chat_id), text)
        except RasaUnavailable as error:
            log.error("Rasa unavailable for chat %s: %s", chat_id, error)
            return [render_fallback_reply()]
