"""Satisfaction feedback: a 1-5 rating and an optional comment, for the service's figures."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import ClientAction, Event, Turn, number_answer, undo_button
from companion.db.care import add_feedback


class ValidateFeedbackForm(FormValidationAction):
    """A 1-5 rating; the comment is free text or skipped."""

    def name(self) -> str:
        return "validate_feedback_form"

    def validate_feedback_rating(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        return number_answer("feedback_rating", value, 1, 5, dispatcher)

    def validate_feedback_comment(self, value: Any, *args: Any) -> dict[str, Any]:
        comment = " ".join(str(value or "").split())
        return {"feedback_comment": comment[:1000] if comment else "-"}


class ActionSaveFeedback(ClientAction):
    """Store the rating and thank the client."""

    def name(self) -> str:
        return "action_save_feedback"

    async def act(self, turn: Turn) -> list[Event]:
        clear = [SlotSet("feedback_rating", None), SlotSet("feedback_comment", None)]
        rating = int(turn.tracker.get_slot("feedback_rating") or 0)
        if not 1 <= rating <= 5:
            turn.say("Something went missing, so I didn't save that.")
            return clear
        comment = turn.tracker.get_slot("feedback_comment")
        saved = await add_feedback(
            turn.session,
            turn.client.id,
            rating,
            None if comment in (None, "-") else str(comment),
            turn.now,
        )
        turn.say(
            "Thank you! Your feedback helps the service get better.",
            [undo_button("feedback", saved.id)],
        )
        return clear
