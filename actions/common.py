"""What every action that touches a client's records shares: consent check, one transaction,
and replies that are only sent once the data they talk about is committed."""

from __future__ import annotations

import logging
from abc import ABCMeta, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.ext.asyncio import AsyncSession

from actions.database import chat_id_of, get_sessionmaker
from companion.db.clients import get_client
from companion.db.models import Client
from companion.db.session import DATABASE_DOWN
from companion.numbers import first_number

log = logging.getLogger(__name__)

NOT_SAVED = (
    "Sorry, I couldn't reach my records just now, so nothing was saved. Please try again in a "
    "little while."
)
NEED_CONSENT = (
    "Before I can keep anything, I need your OK. Tap Start to read what I'd store and decide."
)
START_BUTTON = {"title": "Start", "payload": "/start"}

Button = dict[str, str]
Event = dict[str, Any]


def button(title: str, payload: str) -> Button:
    """A Rasa button."""
    return {"title": title, "payload": payload}


def number_answer(
    slot: str, value: Any, low: int, high: int, dispatcher: CollectingDispatcher
) -> dict[str, Any]:
    """Validate a tapped or typed number for a form slot; ask again when it isn't one."""
    number = first_number(value, low, high)
    if number is None:
        dispatcher.utter_message(text=f"Please tap a number from {low} to {high}.")
        return {slot: None}
    return {slot: str(number)}


def undo_button(kind: str, record_id: int) -> Button:
    """A button that takes back the entry just saved."""
    return button("Undo", f'/undo{{"undo_ref":"{kind}:{record_id}"}}')


@dataclass
class Turn:
    """One action run for a consented client: their record, the session, and replies to send."""

    tracker: Tracker
    session: AsyncSession
    client: Client
    now: datetime
    replies: list[dict[str, Any]] = field(default_factory=list)

    def say(
        self, text: str, buttons: list[Button] | None = None, custom: dict[str, Any] | None = None
    ) -> None:
        """Queue a reply; it is sent only if the transaction commits."""
        reply: dict[str, Any] = {"text": text}
        if buttons:
            reply["buttons"] = buttons
        if custom:
            reply["json_message"] = custom
        self.replies.append(reply)

    def entity(self, name: str) -> str | None:
        """The latest message's value for an entity (button payloads carry them too)."""
        value = next(self.tracker.get_latest_entity_values(name), None)
        return str(value) if value is not None else None

    @property
    def seed(self) -> str:
        """A per-turn seed for varied wording."""
        return f"{self.tracker.sender_id}:{len(self.tracker.events)}"


class ClientAction(Action, metaclass=ABCMeta):
    """Base of actions over a consented client's records, in one transaction per run.

    Abstract, so the action server does not register the base class itself.
    """

    @abstractmethod
    def name(self) -> str: ...

    @abstractmethod
    async def act(self, turn: Turn) -> list[Event]:
        """Do the work; queue replies with turn.say()."""

    def without_consent(self) -> list[Event]:
        """Without consent, stop here: listen instead of whatever a rule would do next."""
        return [FollowupAction("action_listen")]

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        chat_id = chat_id_of(tracker.sender_id)
        if chat_id is None:
            dispatcher.utter_message(text=NOT_SAVED)
            return []
        try:
            async with get_sessionmaker()() as session, session.begin():
                client = await get_client(session, chat_id)
                if client is None:
                    dispatcher.utter_message(text=NEED_CONSENT, buttons=[START_BUTTON])
                    return self.without_consent()
                turn = Turn(tracker, session, client, datetime.now(timezone.utc))
                events = await self.act(turn)
        except DATABASE_DOWN:
            log.exception("%s could not reach the database", self.name())
            dispatcher.utter_message(text=NOT_SAVED)
            return [FollowupAction("action_listen")]
        for reply in turn.replies:
            dispatcher.utter_message(**reply)
        return events
