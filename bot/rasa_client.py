"""Client of Rasa's REST channel; every failure becomes RasaUnavailable, never silence."""

from __future__ import annotations

import logging

import httpx

from companion.replies import Reply, replies_from_rasa

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa gave no usable answer: down, slow, an error status, or an empty reply list."""


class RasaClient:
    """Sends one client turn to Rasa and returns its replies."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, timeout_seconds: float) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout_seconds

    async def send_message(self, sender: str, text: str) -> list[Reply]:
        """Post the client's text (or a button payload) as `sender` and return Rasa's replies."""
        try:
            response = await self._http.post(
                f"{self._base_url}/webhooks/rest/webhook",
                json={"sender": sender, "message": text},
                timeout=self._timeout,
            )
        except httpx.HTTPError as error:
            raise RasaUnavailable(type(error).__name__) from error
        if response.status_code >= 400:
            raise RasaUnavailable(f"HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as error:
            raise RasaUnavailable("reply is not JSON") from error
        if not isinstance(body, list):
            raise RasaUnavailable("reply is not a list")
        replies = replies_from_rasa(m for m in body if isinstance(m, dict))
        if not replies:
            # Rasa answers 200 [] when an action fails or times out.
            raise RasaUnavailable("empty reply list")
        return replies

    async def is_ready(self) -> bool:
        """True once Rasa has loaded its model and the REST channel answers."""
        try:
            response = await self._http.get(f"{self._base_url}/webhooks/rest/", timeout=2.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200
