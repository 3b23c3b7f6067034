"""The WHO-5 wellbeing check: five one-tap answers, scored, with a gentle offer when it's low."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import ClientAction, Event, Turn, button, undo_button
from companion.db.moods import add_who5, latest_who5
from companion.who5 import ANSWERS, score_who5

WHO5_SLOTS = tuple(f"who5_{i}" for i in range(1, 6))
_BY_LABEL = {label.lower(): value for value, label in ANSWERS}


def parse_who5_answer(value: Any) -> int | None:
    """0-5 from a button value, a typed digit or an answer's wording."""
    text = str(value or "").strip().lower()
    if text.isdigit() and 0 <= int(text) <= 5:
        return int(text)
    return _BY_LABEL.get(text)


def _validator(slot: str) -> Any:
    def validate(
        self: Any, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        answer = parse_who5_answer(value)
        if answer is None:
            dispatcher.utter_message(text="Please tap one of the answers.")
            return {slot: None}
        return {slot: str(answer)}

    return validate


class ValidateWho5Form(FormValidationAction):
    """Accepts each answer as 0-5."""

    def name(self) -> str:
        return "validate_who5_form"

    validate_who5_1 = _validator("who5_1")
    validate_who5_2 = _validator("who5_2")
    validate_who5_3 = _validator("who5_3")
    validate_who5_4 = _validator("who5_4")
    validate_who5_5 = _validator("who5_5")


class ActionSaveWho5(ClientAction):
    """Score and store the WHO-5; offer a peer contact when it is low or has dropped."""

    def name(self) -> str:
        return "action_save_who5"

    async def act(self, turn: Turn) -> list[Event]:
        clear = [SlotSet(slot, None) for slot in WHO5_SLOTS]
        answers = [parse_who5_answer(turn.tracker.get_slot(slot)) for slot in WHO5_SLOTS]
        if any(a is None for a in answers):
            turn.say("Something went missing there, so I didn't save it. Send /wellbeing to retry.")
            return clear
        values = [a for a in answers if a is not None]
        previous = await latest_who5(turn.session, turn.client.id)
        result = score_who5(values, previous.raw if previous else None)
        saved = await add_who5(turn.session, turn.client.id, values, result.raw, turn.now)
        turn.say(
            f"Thanks for doing that. Your wellbeing score is {result.raw} out of 25. "
            "It's just a snapshot, not a judgement.",
            [undo_button("who5", saved.id)],
        )
        if result.offer_peer_contact:
            turn.say(
                "It looks like things have been harder lately. Would a kōrero with a peer worker "
                "help? You choose.",
                [
                    button("Yes please", '/request_human{"referral_reason":"who5_low"}'),
                    button("Not now", "/deny"),
                ],
            )
        return clear
