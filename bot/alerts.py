"""Where risk alerts go: a Telegram staff chat, or the terminal in the local demo."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot
from telegram.error import TelegramError

from bot.conversation import RiskAlert

log = logging.getLogger(__name__)


def render_alert_text(alert: RiskAlert) -> str:
    """The alert a peer worker reads (staff only)."""
    return (
        f"⚠️ Risk alert ({alert.level}, {alert.reason}) from client chat {alert.chat_id}.\n"
        f"Their message: {alert.message_text}\n"
        "They have been given 1737 and 111. Please get in touch."
    )


class TelegramAlertSink:
    """Sends alerts to the configured peer-worker chat."""

    def __init__(self, bot: Bot, chat_id: int | None) -> None:
        self._bot = bot
        self._chat_id = chat_id

    async def send_risk_alert(self, alert: RiskAlert) -> str | None:
        """Send the alert; None when no chat is configured or Telegram refused it."""
        if self._chat_id is None:
            log.error("risk alert for chat %s: no PEER_ALERT_CHAT_ID configured", alert.chat_id)
            return None
        try:
            await self._bot.send_message(self._chat_id, render_alert_text(alert))
        except TelegramError:
            log.exception("risk alert for chat %s not delivered", alert.chat_id)
            return None
        return "the peer support team"


class TerminalAlertSink:
    """Shows alerts in the terminal chat, standing in for a peer worker's phone."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write

    async def send_risk_alert(self, alert: RiskAlert) -> str | None:
        """Print the alert as the peer worker would see it."""
        self._write(
            "\n[peer worker alert] " + render_alert_text(alert).replace("\n", "\n  ") + "\n"
        )
        return "a peer worker (shown in this terminal)"
