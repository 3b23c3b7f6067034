"""Social prescribing: community resources by need and region, followed up at a later check-in."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from sqlalchemy import select

from actions.asks import inform_buttons
from actions.common import ClientAction, Event, Turn, button
from companion.community import Directory, load_directory
from companion.db.care import add_referral
from companion.db.models import Referral
from companion.settings import get_settings

OUTCOME_REPLIES = {
    "tried": "Ka pai, good on you for giving it a go! Tell your peer worker how it was.",
    "not_yet": "No worries, there's no rush. It'll still be there when you're ready.",
    "not_for_me": "Thanks for telling me. Not everything fits, and that's okay. Other options?",
}


def directory() -> Directory:
    """The service's resources file (read each time: the service may edit it while we run)."""
    return load_directory(get_settings().community_resources_file)


class ActionAskResourceNeed(Action):
    """Ask what kind of support, with a button per need in the file."""

    def name(self) -> str:
        return "action_ask_resource_need"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        choices = [(label, key) for key, label in directory().needs.items()]
        buttons = list(inform_buttons("resource_need", choices))
        dispatcher.utter_message(text="What kind of support are you looking for?", buttons=buttons)
        return []


class ActionAskRegion(Action):
    """Ask which region, with a button per region in the file."""

    def name(self) -> str:
        return "action_ask_region"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        buttons = list(inform_buttons("region", [(r, r) for r in directory().regions]))
        dispatcher.utter_message(text="Which area are you in?", buttons=buttons)
        return []


class ValidateResourcesForm(FormValidationAction):
    """Match typed or tapped answers to the file's needs and regions."""

    def name(self) -> str:
        return "validate_resources_form"

    def validate_resource_need(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        need = directory().normalise_need(str(value or ""))
        if need is None:
            dispatcher.utter_message(text="Please tap the one that fits best.")
        return {"resource_need": need}

    def validate_region(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        region = directory().normalise_region(str(value or ""))
        if region is None:
            dispatcher.utter_message(text="Please tap your area, or 'Somewhere else'.")
        return {"region": region}


class ActionOfferResources(ClientAction):
    """Offer up to three matching resources and remember them for a follow-up."""

    def name(self) -> str:
        return "action_offer_resources"

    async def act(self, turn: Turn) -> list[Event]:
        need = str(turn.tracker.get_slot("resource_need") or "")
        region = turn.tracker.get_slot("region")
        matches = directory().match(need, str(region) if region else None)
        if region:
            turn.client.region = str(region)
        if not matches:
            turn.say(
                "I don't have anything listed for that yet. Your peer worker may know more options."
            )
            return [SlotSet("resource_need", None)]
        for resource in matches:
            await add_referral(turn.session, turn.client.id, resource.key, need, turn.now)
        lines = [f"• {r.name}: {r.contact}" for r in matches]
        turn.say(
            "Here are some options:\n"
            + "\n".join(lines)
            + "\nI'll check in later to see how it went."
        )
        return [SlotSet("resource_need", None)]


class ActionRecordReferralFeedback(ClientAction):
    """Record how the client got on with the last resource followed up."""

    def name(self) -> str:
        return "action_record_referral_feedback"

    async def act(self, turn: Turn) -> list[Event]:
        outcome = turn.entity("referral_outcome") or "tried"
        if outcome not in OUTCOME_REPLIES:
            outcome = "tried"
        result = await turn.session.execute(
            select(Referral)
            .where(Referral.client_id == turn.client.id, Referral.followed_up_at.is_not(None))
            .order_by(Referral.followed_up_at.desc(), Referral.id.desc())
            .limit(1)
        )
        referral = result.scalar_one_or_none()
        if referral is not None:
            referral.outcome = outcome
        buttons = [button("Other options", "/resources_find")] if outcome == "not_for_me" else None
        turn.say(OUTCOME_REPLIES[outcome], buttons)
        return []
