"""Consent: the first and only moment a client row is created."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.database import chat_id_of, get_sessionmaker
from companion.db.clients import record_consent
from companion.db.session import DATABASE_DOWN
from companion.settings import get_settings

log = logging.getLogger(__name__)

SAVED = "Thank you, I've noted your OK. A few quick questions so I can fit in with your day."
NOT_SAVED = (
    "Sorry, I couldn't save that just now, so nothing is stored yet. Please tap /start to try "
    "again in a little while."
)


class ActionRecordConsent(Action):
    """Store the client's consent (creating their record) and say so truthfully."""

    def name(self) -> str:
        return "action_record_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        chat_id = chat_id_of(tracker.sender_id)
        if chat_id is None:
            dispatcher.utter_message(text=NOT_SAVED)
            return [FollowupAction("action_listen")]
        try:
            async with get_sessionmaker()() as session, session.begin():
                await record_consent(
                    session, chat_id, datetime.now(timezone.utc), get_settings().default_timezone
                )
        except DATABASE_DOWN:
            log.exception("consent not saved for a client")
            dispatcher.utter_message(text=NOT_SAVED)
            # Don't go on to onboarding questions: nothing could be stored.
            return [FollowupAction("action_listen")]
        dispatcher.utter_message(text=SAVED)
        return []
