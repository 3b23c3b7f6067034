"""The care map: key people and supports, how connected the client feels, reconnecting as a goal."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import ClientAction, Event, Turn, button, number_answer, undo_button
from companion.db.care import add_care_person, care_people

CARE_SLOTS = ("care_name", "care_kind", "care_closeness")
KINDS = {
    "whanau": "whānau",
    "friend": "friend",
    "service": "health service",
    "community": "community group",
    "other": "support",
}
CLOSENESS = {
    1: "not connected",
    2: "a little connected",
    3: "somewhat connected",
    4: "close",
    5: "very close",
}


class ValidateCareForm(FormValidationAction):
    """Checks the name, kind and closeness."""

    def name(self) -> str:
        return "validate_care_form"

    def validate_care_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        name = " ".join(str(value or "").split())
        if not name or name.startswith("/") or len(name) > 64:
            dispatcher.utter_message(text="Could you give a shorter name, up to 64 letters?")
            return {"care_name": None}
        return {"care_name": name}

    def validate_care_kind(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        text = str(value or "").strip().lower().replace("ā", "a")
        kind = next((k for k in KINDS if k in text), None)
        if kind is None:
            dispatcher.utter_message(text="Please tap the one that fits best.")
        return {"care_kind": kind}

    def validate_care_closeness(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        return number_answer("care_closeness", value, 1, 5, dispatcher)


class ActionSaveCarePerson(ClientAction):
    """Add the person; if the connection feels weak, offer reconnecting as a goal."""

    def name(self) -> str:
        return "action_save_care_person"

    async def act(self, turn: Turn) -> list[Event]:
        clear = [SlotSet(slot, None) for slot in CARE_SLOTS]
        name, kind = turn.tracker.get_slot("care_name"), turn.tracker.get_slot("care_kind")
        closeness = int(turn.tracker.get_slot("care_closeness") or 0)
        if not name or kind not in KINDS or not 1 <= closeness <= 5:
            turn.say("Something went missing, so I didn't save that. Send /caremap to try again.")
            return clear
        person = await add_care_person(
            turn.session, turn.client.id, name, kind, closeness, turn.now
        )
        buttons = [undo_button("care", person.id)]
        text = f"Added {name} ({KINDS[kind]}) to your care map."
        if closeness <= 2:
            text += f" Would reconnecting with {name} be a goal worth trying?"
            buttons.insert(0, button("Make it a goal", f'/plan_create{{"care_id":"{person.id}"}}'))
        turn.say(text, buttons)
        return clear


class ActionShowCaremap(ClientAction):
    """List the care map."""

    def name(self) -> str:
        return "action_show_caremap"

    async def act(self, turn: Turn) -> list[Event]:
        people = await care_people(turn.session, turn.client.id)
        if not people:
            turn.say(
                "Your care map is empty so far. Who's someone who supports you?",
                [button("Add someone", "/caremap_add")],
            )
            return []
        lines = [
            f"• {p.name} ({KINDS.get(p.kind, p.kind)}): {CLOSENESS.get(p.closeness, '')}"
            for p in people
        ]
        buttons = [button("Add someone", "/caremap_add")]
        buttons += [
            button(f"Reconnect: {p.name}"[:30], f'/plan_create{{"care_id":"{p.id}"}}')
            for p in people
            if p.closeness <= 2
        ][:3]
        turn.say("Your care map:\n" + "\n".join(lines), buttons)
        return []
