"""Motivational-interviewing prompts: open question, importance ruler, reflection, small steps."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import Event, button, number_answer
from companion.wording import pick

OPENINGS = (
    "That stuck feeling is really common, and it makes sense. Can I ask a quick question?",
    "Motivation comes and goes for everyone. Let's look at it together for a moment.",
    "Thanks for being honest about that. Getting going can be the hardest part.",
)
LOW_IMPORTANCE = (
    "Fair enough, it might not be the right time, and that's your call. What would change that?",
    "Okay, it's not a big priority right now, and that's okay. What matters more to you?",
    "Thanks for being straight with me. What would need to change for it to feel more important?",
)
SOME_IMPORTANCE = (
    "You picked {n}, not 0, so some part of you wants this. What makes it a {n}?",
    "A {n}! What's behind that number rather than a lower one?",
    "So it matters to you, a {n}. What would having it done give you?",
)
HIGH_IMPORTANCE = (
    "It really matters to you. You already know why. What's one tiny first step?",
    "That's a strong {n}. You've got good reasons. What's the smallest step you could take today?",
    "Sounds like this is important to you. Ka pai. What would a first small step look like?",
)
AFFIRMATIONS = (
    "Noticing you're stuck is already a step.",
    "You keep coming back to it, and that shows you care.",
    "It takes courage to look at this honestly.",
)


def ruler_reply(value: int, seed: str) -> str:
    """The MI follow-up to an importance ruler answer, with an affirmation."""
    if value <= 2:
        options = LOW_IMPORTANCE
    elif value <= 6:
        options = SOME_IMPORTANCE
    else:
        options = HIGH_IMPORTANCE
    return pick(options, seed).format(n=value) + " " + pick(AFFIRMATIONS, seed + "a")


class ActionMotivationOpening(Action):
    """Acknowledge low motivation before the importance ruler."""

    def name(self) -> str:
        return "action_motivation_opening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        dispatcher.utter_message(text=pick(OPENINGS, f"{tracker.sender_id}:{len(tracker.events)}"))
        return [SlotSet("importance_ruler", None)]


class ValidateMotivationForm(FormValidationAction):
    """Accepts a 0-10 ruler answer."""

    def name(self) -> str:
        return "validate_motivation_form"

    def validate_importance_ruler(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        return number_answer("importance_ruler", value, 0, 10, dispatcher)


class ActionMotivationFollowup(Action):
    """Reflect the ruler answer and offer a small next step."""

    def name(self) -> str:
        return "action_motivation_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        value = int(tracker.get_slot("importance_ruler") or 0)
        seed = f"{tracker.sender_id}:{len(tracker.events)}"
        dispatcher.utter_message(
            text=ruler_reply(value, seed),
            buttons=[button("Make a small goal", "/plan_create"), button("Not now", "/deny")],
        )
        return [SlotSet("importance_ruler", None)]
