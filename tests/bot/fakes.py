"""Test doubles at the bot's seams: a scripted Rasa (httpx MockTransport) and an alert recorder."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from bot.conversation import AlertOutcome, Conversation, RiskAlert
from bot.rasa_client import RasaClient
from companion.replies import Reply
from companion.safety.resources import CrisisResource
from companion.safety.screen import ScreenResult

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
    """An Escalator that records alerts and requests; answers with the configured recipient."""

    def __init__(self, alerted: str | None = "Aroha", team_notified: bool = False) -> None:
        self.alerts: list[RiskAlert] = []
        self.requests: list[tuple[int, str]] = []
        self.relayed: list[tuple[int, str]] = []
        self.alerted = alerted
        self.team_notified = team_notified
        self.handoff_chats: set[int] = set()

    async def escalate(self, alert: RiskAlert) -> AlertOutcome:
        self.alerts.append(alert)
        return AlertOutcome(self.alerted, self.team_notified)

    async def request_person(self, chat_id: int, reason: str) -> AlertOutcome:
        self.requests.append((chat_id, reason))
        return AlertOutcome(self.alerted, self.team_notified)

    async def relay_from_client(
        self, chat_id: int, text: str, screen: ScreenResult
    ) -> list[Reply] | None:
        if chat_id not in self.handoff_chats:
            return None
        self.relayed.append((chat_id, text))
        return []


def make_conversation(
    rasa: RasaClient | None = None, alerts: RecordingAlerts | None = None
) -> Conversation:
    """A Conversation over fakes."""
    return Conversation(rasa or echo_rasa(), RESOURCES, alerts or RecordingAlerts())
