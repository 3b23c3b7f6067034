"""Test doubles at the bot's seams: a scripted Rasa (httpx MockTransport) and an alert recorder."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from bot.conversation import Conversation, RiskAlert
from bot.rasa_client import RasaClient
from companion.safety.resources import CrisisResource

RESOURCES = (
    CrisisResource("Need to talk?", "free call or text 1737", "1737", "1737"),
    CrisisResource("Emergency", "call 111 in immediate danger", "111"),
)


def rasa_answering(handler: Callable[[dict[str, Any]], httpx.Response]) -> RasaClient:
    """A RasaClient whose REST channel is the given function of the posted JSON."""

    def transport(request: httpx.Request) -> httpx.Response:
        return handler(json.loads(request.content))

    http = httpx.AsyncClient(transport=httpx.MockTransport(transport))
    return RasaClient(http, "http://rasa.test", timeout_seconds=1.0)


def echo_rasa(seen: list[dict[str, Any]] | None = None) -> RasaClient:
    """Rasa that answers 'echo: <message>' and records what it was sent."""

    def handler(body: dict[str, Any]) -> httpx.Response:
        if seen is not None:
            seen.append(body)
        return httpx.Response(
            200, json=[{"recipient_id": body["sender"], "text": f"echo: {body['message']}"}]
        )

    return rasa_answering(handler)


class RecordingAlerts:
    """Records alerts; answers with the configured recipient description."""

    def __init__(self, alerted: str | None = "Aroha") -> None:
        self.alerts: list[RiskAlert] = []
        self.alerted = alerted

    async def send_risk_alert(self, alert: RiskAlert) -> str | None:
        self.alerts.append(alert)
        return self.alerted


def make_conversation(
    rasa: RasaClient | None = None, alerts: RecordingAlerts | None = None
) -> Conversation:
    """A Conversation over fakes."""
    return Conversation(rasa or echo_rasa(), RESOURCES, alerts or RecordingAlerts())
