"""Onboarding and settings: name, time zone, check-in time, quiet hours."""

from __future__ import annotations

from datetime import time
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import ClientAction, Event, Turn, button
from companion.db.models import Client
from companion.db.nudges import sync_checkin_schedule
from companion.timekeeping import (
    format_local_time,
    parse_local_time,
    parse_quiet_hours,
    parse_timezone,
)

PROFILE_SLOTS = ("preferred_name", "timezone", "checkin_time", "quiet_hours")
MAX_NAME_LENGTH = 40

SETTING_TITLES = {
    "preferred_name": "Name",
    "timezone": "Time zone",
    "checkin_time": "Check-in time",
    "quiet_hours": "Quiet hours",
}


def clean_name(value: Any) -> str | None:
    """A name as the client wrote it, or None when it can't be one."""
    name = " ".join(str(value or "").split())
    if not name or name.startswith("/") or len(name) > MAX_NAME_LENGTH:
        return None
    return name


def describe_quiet_hours(start: time | None, end: time | None) -> str:
    """ "10pm to 7am" or "none"."""
    if start is None or end is None:
        return "none"
    return f"{format_local_time(start)} to {format_local_time(end)}"


class ProfileValidation:
    """Validators shared by the onboarding and settings forms."""

    def validate_preferred_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        name = clean_name(value)
        if name is None:
            dispatcher.utter_message(text="Could you give me a shorter name, up to 40 letters?")
        return {"preferred_name": name}

    def validate_timezone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        zone = parse_timezone(str(value or ""))
        if zone is None:
            dispatcher.utter_message(
                text="I didn't recognise that place. Try a zone like Pacific/Auckland, or tap one."
            )
        return {"timezone": zone}

    def validate_checkin_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        parsed = parse_local_time(str(value or ""))
        if parsed is None:
            dispatcher.utter_message(text="Sorry, I didn't catch a time. Try something like 7pm.")
            return {"checkin_time": None}
        return {"checkin_time": parsed.strftime("%H:%M")}

    def validate_quiet_hours(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        parsed = parse_quiet_hours(str(value or ""))
        if parsed is None:
            dispatcher.utter_message(text="Sorry, try something like 10pm to 7am, or tap one.")
            return {"quiet_hours": None}
        if parsed == "none":
            return {"quiet_hours": "none"}
        assert not isinstance(parsed, str)
        return {"quiet_hours": f"{parsed[0]:%H:%M}-{parsed[1]:%H:%M}"}


class ValidateOnboardingForm(ProfileValidation, FormValidationAction):
    """Checks each onboarding answer."""

    def name(self) -> str:
        return "validate_onboarding_form"


def apply_profile_slot(client: Client, slot: str, value: str) -> None:
    """Copy one validated slot value onto the client record."""
    if slot == "preferred_name":
        client.preferred_name = value
    elif slot == "timezone":
        client.timezone = value
    elif slot == "checkin_time":
        client.checkin_time = time.fromisoformat(value)
    elif slot == "quiet_hours":
        if value == "none":
            client.quiet_start = client.quiet_end = None
        else:
            start, end = value.split("-")
            client.quiet_start, client.quiet_end = (
                time.fromisoformat(start),
                time.fromisoformat(end),
            )


def describe_profile(client: Client) -> str:
    """The client's settings in one short paragraph."""
    checkin = format_local_time(client.checkin_time) if client.checkin_time else "not set"
    quiet = describe_quiet_hours(client.quiet_start, client.quiet_end)
    return (
        f"Name: {client.preferred_name or 'not set'}\nTime zone: {client.timezone}\n"
        f"Check-in time: {checkin}\nQuiet hours: {quiet}"
    )


class ActionSaveOnboarding(ClientAction):
    """Store the onboarding answers and say what was set."""

    def name(self) -> str:
        return "action_save_onboarding"

    async def act(self, turn: Turn) -> list[Event]:
        for slot in PROFILE_SLOTS:
            value = turn.tracker.get_slot(slot)
            if value:
                apply_profile_slot(turn.client, slot, str(value))
        turn.client.onboarded_at = turn.now
        await sync_checkin_schedule(turn.session, turn.client, turn.now)
        name = turn.client.preferred_name or "there"
        turn.say(
            f"All set, {name}! Here's what I have:\n{describe_profile(turn.client)}\n"
            "You can change any of it with /settings. Send /help to see what I can do.",
            buttons=[
                button("Mood check-in", "/mood_checkin"),
                button("Set a goal", "/plan_create"),
            ],
        )
        return []


class ActionShowSettings(ClientAction):
    """Show the settings with a button for each."""

    def name(self) -> str:
        return "action_show_settings"

    async def act(self, turn: Turn) -> list[Event]:
        buttons = [
            button(title, f'/settings_change{{"setting":"{slot}"}}')
            for slot, title in SETTING_TITLES.items()
        ]
        buttons.append(button("Peer worker", "/peer_choose"))
        turn.say(
            f"Your settings:\n{describe_profile(turn.client)}\nWhat would you like to change?",
            buttons,
        )
        return []


class ActionStartSettings(ClientAction):
    """Clear the chosen setting so the settings form asks for it."""

    def name(self) -> str:
        return "action_start_settings"

    async def act(self, turn: Turn) -> list[Event]:
        chosen = turn.entity("setting")
        if chosen not in SETTING_TITLES:
            return [SlotSet("setting", None)]
        return [SlotSet("setting", chosen), SlotSet(chosen, None)]


class ValidateSettingsForm(ProfileValidation, FormValidationAction):
    """Asks only for the setting the client chose."""

    def name(self) -> str:
        return "validate_settings_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Any,
    ) -> list[str]:
        chosen = tracker.get_slot("setting")
        return [chosen] if chosen in SETTING_TITLES else []


class ActionSaveSettings(ClientAction):
    """Store the changed setting."""

    def name(self) -> str:
        return "action_save_settings"

    async def act(self, turn: Turn) -> list[Event]:
        chosen = turn.tracker.get_slot("setting")
        value = turn.tracker.get_slot(chosen) if chosen in SETTING_TITLES else None
        if not value:
            turn.say("Nothing was changed.")
            return [SlotSet("setting", None)]
        apply_profile_slot(turn.client, chosen, str(value))
        if chosen in ("checkin_time", "timezone"):
            await sync_checkin_schedule(turn.session, turn.client, turn.now)
        turn.say(f"Done, I've updated that.\n{describe_profile(turn.client)}")
        return [SlotSet("setting", None)]
