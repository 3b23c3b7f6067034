"""Layer 2 of risk detection: Rasa's own risk and "I want a person" intents signal the bot.

These actions store nothing and need no consent: a risk message from anyone must reach a person.
The bot owns the safe reply, the alert and its routing, so both layers share one code path; the
actions only leave any form (so no scripted question follows a disclosure) and say what happened.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from companion.signals import ESCALATE, REQUEST_HUMAN

Event = dict[str, Any]
_REFERRAL_REASONS = frozenset({"low_moods", "who5_low", "asked"})


def _leave_any_form() -> list[Event]:
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionCrisisSignal(Action):
    """The NLU model recognised risk the bot's screen did not: ask the bot to escalate."""

    def name(self) -> str:
        return "action_crisis_signal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        intent = tracker.latest_message.get("intent") or {}
        confidence = float(intent.get("confidence") or 1.0)
        dispatcher.utter_message(
            json_message={"type": ESCALATE, "reason": "rasa_intent", "confidence": confidence}
        )
        return _leave_any_form()


class ActionRequestHuman(Action):
    """The client asked for a person (or accepted a soft referral): ask the bot to bring one in."""

    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        reason = next(tracker.get_latest_entity_values("referral_reason"), None)
        reason = reason if reason in _REFERRAL_REASONS else "asked"
        dispatcher.utter_message(json_message={"type": REQUEST_HUMAN, "reason": reason})
        return _leave_any_form()
