"""Action plans (Brief Action Planning): make one, check in on it, streaks, weekly summary."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import Button, ClientAction, Event, Turn, button, undo_button
from companion.db.care import get_care_person
from companion.db.models import ActionPlan
from companion.db.moods import moods_since
from companion.db.nudges import sync_goal_schedule
from companion.db.plans import (
    active_plans,
    add_checkin,
    add_plan,
    checkins_since,
    done_times,
    get_plan,
)
from companion.numbers import first_number
from companion.plans import (
    LIFE_AREAS,
    CheckinView,
    PlanView,
    describe_plan,
    local_week_start,
    should_shrink,
    week_streak,
    weekly_summary,
)
from companion.timekeeping import format_local_time
from companion.wording import pick

PLAN_SLOTS = (
    "plan_area",
    "plan_what",
    "plan_how_much",
    "plan_when",
    "plan_days",
    "plan_confidence",
    "plan_care_id",
    "plan_replaces",
)
SHRINK_PROMPTS = (
    "Thanks for being honest. Let's make it smaller so it feels doable. What's a smaller amount?",
    "That's useful to know. A smaller step is still a step. How much would feel easier?",
    "Fair enough. Let's shrink it until it feels doable. What's a smaller amount you could do?",
)
DONE_REPLIES = (
    "Ka pai! You did what you set out to do.",
    "Awesome work, that's a real step.",
    "Nice one! Well done for following through.",
)
PARTLY_REPLIES = (
    "Part of it still counts. Good on you for giving it a go.",
    "Some is more than none, nice work.",
    "You made a start, and that matters.",
)
NOT_YET_REPLIES = (
    "That's okay, plans don't always fit the week. What might make it easier?",
    "No worries, it happens. Would a smaller step or a different time help?",
    "Thanks for being honest. Sometimes the plan needs tweaking, not you. Want to adjust it?",
)
OUTCOME_BY_INTENT = {"plan_done": "done", "plan_partly": "partly", "plan_not_yet": "not_yet"}


def plan_view(plan: ActionPlan) -> PlanView:
    """The pure view of a stored plan."""
    return PlanView(plan.id, plan.what, plan.how_much, plan.when_text, plan.days_per_week)


def _text(value: Any, limit: int) -> str | None:
    text = " ".join(str(value or "").split())
    return text[:limit] if text and not text.startswith("/") else None


class ActionStartPlan(ClientAction):
    """Start the plan form fresh, or pre-filled from a care-map person or a plan to shrink."""

    def name(self) -> str:
        return "action_start_plan"

    async def act(self, turn: Turn) -> list[Event]:
        events: list[Event] = [SlotSet(slot, None) for slot in PLAN_SLOTS]
        events.append(SlotSet("plan_shrinks", 0))
        care_id = first_number(turn.entity("care_id"), 1, 2**31)
        plan_id = first_number(turn.entity("plan_id"), 1, 2**31)
        if care_id is not None:
            person = await get_care_person(turn.session, turn.client.id, care_id)
            if person is not None:
                events += [
                    SlotSet("plan_area", "whanau"),
                    SlotSet("plan_what", f"Get in touch with {person.name}"),
                    SlotSet("plan_care_id", str(person.id)),
                ]
        elif plan_id is not None:
            plan = await get_plan(turn.session, turn.client.id, plan_id)
            if plan is not None:
                events += [
                    SlotSet("plan_area", plan.life_area),
                    SlotSet("plan_what", plan.what),
                    SlotSet("plan_replaces", str(plan.id)),
                ]
                turn.say(f"Let's adjust: {plan.what}.")
        return events


class ValidatePlanForm(FormValidationAction):
    """Checks each answer; confidence under 7 leads back to a smaller amount."""

    def name(self) -> str:
        return "validate_plan_form"

    def validate_plan_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        text = str(value or "").strip().lower()
        if text in LIFE_AREAS:
            return {"plan_area": text}
        for key, label in LIFE_AREAS.items():
            if text and (text in label.lower() or key in text):
                return {"plan_area": key}
        dispatcher.utter_message(text="Please tap the area that fits best.")
        return {"plan_area": None}

    def validate_plan_what(self, value: Any, *args: Any) -> dict[str, Any]:
        return {"plan_what": _text(value, 200)}

    def validate_plan_how_much(self, value: Any, *args: Any) -> dict[str, Any]:
        return {"plan_how_much": _text(value, 120)}

    def validate_plan_when(self, value: Any, *args: Any) -> dict[str, Any]:
        return {"plan_when": _text(value, 120)}

    def validate_plan_days(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        days = first_number(value, 1, 7)
        if days is None:
            dispatcher.utter_message(text="Please tap a number of days from 1 to 7.")
        return {"plan_days": str(days) if days else None}

    def validate_plan_confidence(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict[str, Any]:
        confidence = first_number(value, 0, 10)
        if confidence is None:
            dispatcher.utter_message(text="Please tap a number from 0 to 10.")
            return {"plan_confidence": None}
        shrinks = int(tracker.get_slot("plan_shrinks") or 0)
        if should_shrink(confidence, shrinks):
            seed = f"{tracker.sender_id}:{len(tracker.events)}"
            dispatcher.utter_message(text=pick(SHRINK_PROMPTS, seed))
            return {"plan_confidence": None, "plan_how_much": None, "plan_shrinks": shrinks + 1}
        return {"plan_confidence": str(confidence)}


class ActionSavePlan(ClientAction):
    """Store the plan and read it back."""

    def name(self) -> str:
        return "action_save_plan"

    async def act(self, turn: Turn) -> list[Event]:
        slots = {slot: turn.tracker.get_slot(slot) for slot in PLAN_SLOTS}
        clear = [SlotSet(slot, None) for slot in PLAN_SLOTS]
        if not all(slots[s] for s in PLAN_SLOTS[:6]):
            turn.say("Something went missing, so I didn't save the plan. Send /goals to try again.")
            return clear
        replaces = first_number(slots["plan_replaces"], 1, 2**31)
        if replaces is not None:
            old = await get_plan(turn.session, turn.client.id, replaces)
            if old is not None:
                old.status = "replaced"
                await sync_goal_schedule(turn.session, turn.client, old, turn.now)
        plan = await add_plan(
            turn.session,
            ActionPlan(
                client_id=turn.client.id,
                life_area=str(slots["plan_area"]),
                what=str(slots["plan_what"]),
                how_much=str(slots["plan_how_much"]),
                when_text=str(slots["plan_when"]),
                days_per_week=int(str(slots["plan_days"])),
                confidence=int(str(slots["plan_confidence"])),
                care_person_id=first_number(slots["plan_care_id"], 1, 2**31),
                status="active",
                created_at=turn.now,
            ),
        )
        reminder = await sync_goal_schedule(turn.session, turn.client, plan, turn.now)
        remind = f" I'll remind you at {format_local_time(reminder)}." if reminder else ""
        turn.say(
            f"Your plan: {describe_plan(plan_view(plan))}. Confidence {plan.confidence}/10."
            f"{remind} I'll ask how it went. Kia kaha!",
            [undo_button("plan", plan.id)],
        )
        return clear


def plan_buttons(plans: list[ActionPlan], payload: str) -> list[Button]:
    """A button per plan carrying its id."""
    return [button(p.what[:30], f'/{payload}{{"plan_id":"{p.id}"}}') for p in plans]


class ActionListPlans(ClientAction):
    """List active plans with check-in, change and stop buttons."""

    def name(self) -> str:
        return "action_list_plans"

    async def act(self, turn: Turn) -> list[Event]:
        plans = list(await active_plans(turn.session, turn.client.id))
        if not plans:
            turn.say(
                "You don't have any goals yet. Want to make one?",
                [button("New goal", "/plan_create")],
            )
            return []
        lines = [f"{i}. {describe_plan(plan_view(p))}" for i, p in enumerate(plans, 1)]
        turn.say(
            "Your goals:\n" + "\n".join(lines),
            [*plan_buttons(plans, "plan_checkin")[:6], button("New goal", "/plan_create")],
        )
        turn.say(
            "To change or stop one:",
            plan_buttons(plans, "plan_create")[:4] + plan_buttons(plans, "plan_stop")[:4],
        )
        return []


async def _pick_plan(turn: Turn, payload: str) -> ActionPlan | None:
    plan_id = first_number(turn.entity("plan_id"), 1, 2**31)
    if plan_id is not None:
        plan = await get_plan(turn.session, turn.client.id, plan_id)
        if plan is None:
            turn.say("Sorry, I couldn't find that goal. Send /goals to see yours.")
        return plan
    plans = list(await active_plans(turn.session, turn.client.id))
    if len(plans) == 1:
        return plans[0]
    if not plans:
        turn.say(
            "You don't have a goal yet. Want to make one?", [button("New goal", "/plan_create")]
        )
    else:
        turn.say("Which goal?", plan_buttons(plans, payload))
    return None


class ActionAskPlanOutcome(ClientAction):
    """Ask how a plan went: done, partly, not yet."""

    def name(self) -> str:
        return "action_ask_plan_outcome"

    async def act(self, turn: Turn) -> list[Event]:
        plan = await _pick_plan(turn, "plan_checkin")
        if plan is None:
            return []
        pid = f'{{"plan_id":"{plan.id}"}}'
        turn.say(
            f"How did it go with {plan.what}?",
            [
                button("Done", f"/plan_done{pid}"),
                button("Partly", f"/plan_partly{pid}"),
                button("Not yet", f"/plan_not_yet{pid}"),
            ],
        )
        return []


class ActionRecordPlanCheckin(ClientAction):
    """Record done / partly / not yet with encouragement, a streak, or problem-solving."""

    def name(self) -> str:
        return "action_record_plan_checkin"

    async def act(self, turn: Turn) -> list[Event]:
        intent = turn.tracker.latest_message.get("intent", {}).get("name", "")
        outcome = OUTCOME_BY_INTENT.get(intent, "done")
        plan = await _pick_plan(turn, intent or "plan_done")
        if plan is None:
            return []
        checkin = await add_checkin(turn.session, plan, outcome, turn.now)
        undo = undo_button("checkin", checkin.id)
        if outcome == "done":
            streak = week_streak(
                await done_times(turn.session, plan.id), turn.now, turn.client.timezone
            )
            extra = f" That's {streak} weeks in a row!" if streak >= 2 else ""
            turn.say(pick(DONE_REPLIES, turn.seed) + extra, [undo])
        elif outcome == "partly":
            turn.say(
                pick(PARTLY_REPLIES, turn.seed) + " Would a smaller step make it easier?",
                [button("Make it smaller", f'/plan_create{{"plan_id":"{plan.id}"}}'), undo],
            )
        else:
            turn.say(
                pick(NOT_YET_REPLIES, turn.seed),
                [
                    button("Adjust the goal", f'/plan_create{{"plan_id":"{plan.id}"}}'),
                    button("Keep it as it is", "/affirm"),
                    undo,
                ],
            )
        return []


class ActionStopPlan(ClientAction):
    """Stop a plan the client no longer wants."""

    def name(self) -> str:
        return "action_stop_plan"

    async def act(self, turn: Turn) -> list[Event]:
        plan = await _pick_plan(turn, "plan_stop")
        if plan is None:
            return []
        plan.status = "stopped"
        await sync_goal_schedule(turn.session, turn.client, plan, turn.now)
        turn.say(f"Okay, I've stopped {plan.what}. You can make a new goal any time.")
        return []


class ActionWeeklySummary(ClientAction):
    """This week's moods and plan check-ins against their targets."""

    def name(self) -> str:
        return "action_weekly_summary"

    async def act(self, turn: Turn) -> list[Event]:
        zone = turn.client.timezone
        monday = local_week_start(turn.now, zone)
        since = datetime.combine(monday, time(0), ZoneInfo(zone))
        plans = [plan_view(p) for p in await active_plans(turn.session, turn.client.id)]
        checkins = [
            CheckinView(c.plan_id, c.outcome, c.created_at)
            for c in await checkins_since(turn.session, turn.client.id, since)
        ]
        moods = [m.score for m in await moods_since(turn.session, turn.client.id, since)]
        turn.say(weekly_summary(plans, checkins, moods, turn.now, zone))
        return []
