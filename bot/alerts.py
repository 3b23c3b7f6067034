"""Alerts in the local terminal demo: printed as the peer worker would see them (no database)."""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation import AlertOutcome, RiskAlert
from companion.replies import Reply
from companion.safety.alert_text import describe_reason
from companion.safety.screen import ScreenResult


class TerminalEscalator:
    """Stands in for a peer worker's phone in `companion chat` / `make run` without a token."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write

    async def escalate(self, alert: RiskAlert) -> AlertOutcome:
        """Print the alert a peer worker would get."""
        self._write(
            f"\n[peer worker alert] risk ({alert.level}): {describe_reason(alert.reason)}\n"
            f"  Their message: {alert.message_text}\n"
        )
        return AlertOutcome(alerted="a peer worker (shown in this terminal)")

    async def request_person(self, chat_id: int, reason: str) -> AlertOutcome:
        """Print the request a peer worker would get."""
        self._write(f"\n[peer worker alert] request: {describe_reason(reason)}\n")
        return AlertOutcome(alerted="a peer worker (shown in this terminal)")

    async def relay_from_client(
        self, chat_id: int, text: str, screen: ScreenResult
    ) -> list[Reply] | None:
        """No handoff in the terminal demo."""
        return None
