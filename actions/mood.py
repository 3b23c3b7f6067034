"""Mood check-ins: 0-10 rating, optional note, history chart, and what follows a check-in."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ClientAction, Event, Turn, button, undo_button
from companion.charts import render_mood_chart
from companion.community import load_directory
from companion.db.care import moods_since_last_feedback, referral_to_follow_up
from companion.db.moods import add_mood, count_moods_since, latest_who5, moods_since, recent_moods
from companion.mood import needs_soft_referral, parse_mood_score, reflect_on_mood
from companion.settings import get_settings
from companion.who5 import who5_due
from companion.wording import pick

HISTORY_DAYS = 30
FEEDBACK_EVERY = 10  # mood check-ins between offers to rate the service
REFERRAL_FOLLOW_UP_AFTER = timedelta(hours=12)

MOOD_PROMPT_BUTTONS = [button(str(n), f'/mood_score{{"mood_score":"{n}"}}') for n in range(11)]

FREE_TEXT_REFLECTIONS = {
    "mood_low": (
        "That sounds hard. Thanks for telling me.",
        "I'm sorry it's a rough one. Thank you for sharing it with me.",
        "Sounds like a heavy day. I'm glad you checked in.",
    ),
    "mood_okay": (
        "Thanks for letting me know.",
        "Okay, an in-between kind of day. Thanks for sharing.",
        "Got it, thanks for checking in.",
    ),
    "mood_good": (
        "Ka pai, love to hear it!",
        "That's great to hear!",
        "Awesome, thanks for sharing the good stuff.",
    ),
}


class ActionMoodReflection(Action):
    """Reflect what the client said about their mood in words, then ask for a number."""

    def name(self) -> str:
        return "action_mood_reflection"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        intent = tracker.latest_message.get("intent", {}).get("name", "")
        options = FREE_TEXT_REFLECTIONS.get(intent, FREE_TEXT_REFLECTIONS["mood_okay"])
        seed = f"{tracker.sender_id}:{len(tracker.events)}"
        dispatcher.utter_message(
            text=f"{pick(options, seed)} If you'd like to log it, where is it from 0 to 10?",
            buttons=MOOD_PROMPT_BUTTONS,
        )
        return []


class ActionSaveMood(ClientAction):
    """Store the 0-10 rating, reflect it, and add what's due: soft referral, follow-ups."""

    def name(self) -> str:
        return "action_save_mood"

    async def act(self, turn: Turn) -> list[Event]:
        score = parse_mood_score(
            turn.entity("mood_score") or turn.tracker.latest_message.get("text")
        )
        if score is None:
            turn.say("Could you tap a number from 0 to 10?", MOOD_PROMPT_BUTTONS)
            return []
        entry = await add_mood(turn.session, turn.client.id, score, turn.now)
        turn.say(
            f"Saved: {score}/10. {reflect_on_mood(score, turn.seed)}",
            [button("Add a note", "/mood_note"), undo_button("mood", entry.id)],
        )
        recent = [m.score for m in await recent_moods(turn.session, turn.client.id, 3)]
        if needs_soft_referral(recent):
            turn.say(
                "I've noticed the last few check-ins have been low. Would it help to have a kōrero "
                "with your peer worker? No pressure, it's your call.",
                [
                    button("Yes, I'd like that", '/request_human{"referral_reason":"low_moods"}'),
                    button("Not now", "/deny"),
                ],
            )
        await self._offer_who5(turn)
        await self._follow_up_referral(turn)
        if await moods_since_last_feedback(turn.session, turn.client.id) % FEEDBACK_EVERY == 0:
            turn.say(
                "When you have a moment, would you rate how the service is going for you?",
                [button("Give feedback", "/feedback_give"), button("Not now", "/deny")],
            )
        return [SlotSet("mood_note", None)]

    async def _offer_who5(self, turn: Turn) -> None:
        last = await latest_who5(turn.session, turn.client.id)
        since = last.created_at if last else turn.client.consented_at
        # Counted in the database: this runs on every check-in.
        checkins = await count_moods_since(turn.session, turn.client.id, since)
        if who5_due(since, turn.now, checkins):
            turn.say(
                "It's been a couple of weeks. Would you like to do the five-question wellbeing "
                "check? It takes about a minute, and it's optional.",
                [button("Wellbeing check", "/who5_start"), button("Not now", "/deny")],
            )

    async def _follow_up_referral(self, turn: Turn) -> None:
        referral = await referral_to_follow_up(
            turn.session, turn.client.id, turn.now - REFERRAL_FOLLOW_UP_AFTER
        )
        if referral is None:
            return
        resource = load_directory(get_settings().community_resources_file).by_key(
            referral.resource_key
        )
        referral.followed_up_at = turn.now
        if resource is None:
            return
        payload = '/referral_feedback{{"referral_outcome":"{0}"}}'
        turn.say(
            f"Last time I shared {resource.name}. Did you get a chance to try it?",
            [
                button("Yes, I tried it", payload.format("tried")),
                button("Not yet", payload.format("not_yet")),
                button("Not for me", payload.format("not_for_me")),
            ],
        )


class ActionSaveMoodNote(ClientAction):
    """Attach the note to the latest mood entry."""

    def name(self) -> str:
        return "action_save_mood_note"

    async def act(self, turn: Turn) -> list[Event]:
        note = str(turn.tracker.get_slot("mood_note") or "").strip()
        latest = await recent_moods(turn.session, turn.client.id, 1)
        if not note or note == "-" or not latest:
            turn.say("Okay, no note this time.")
        else:
            latest[0].note = note[:1000]
            turn.say("Thanks, I've added your note.")
        return [SlotSet("mood_note", None)]


class ActionShowMoodHistory(ClientAction):
    """A short summary of the last 30 days and a chart image."""

    def name(self) -> str:
        return "action_show_mood_history"

    async def act(self, turn: Turn) -> list[Event]:
        entries = await moods_since(
            turn.session, turn.client.id, turn.now - timedelta(days=HISTORY_DAYS)
        )
        if not entries:
            turn.say(
                "No mood check-ins in the last 30 days yet. Want to do one now?",
                [button("Mood check-in", "/mood_checkin")],
            )
            return []
        scores = [e.score for e in entries]
        average = sum(scores) / len(scores)
        png = render_mood_chart(
            [(e.created_at, e.score) for e in entries], "Your mood, last 30 days"
        )
        turn.say(
            f"In the last 30 days you checked in {len(scores)} times. Average {average:.1f}, "
            f"lowest {min(scores)}, highest {max(scores)}.",
            custom={
                "type": "image_png",
                "data": base64.b64encode(png).decode("ascii"),
                "caption": "Your mood, last 30 days",
            },
        )
        return []
