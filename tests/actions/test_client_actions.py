"""Actions over a real database: consent gate, truthful saving, mood, plans, care map, undo."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from actions import common
from actions.caremap import ActionSaveCarePerson
from actions.database import get_sessionmaker
from actions.feedback import ActionSaveFeedback
from actions.mood import ActionSaveMood, ActionShowMoodHistory
from actions.plans import ActionRecordPlanCheckin, ActionSavePlan
from actions.profile import ActionSaveOnboarding
from actions.resources import ActionOfferResources
from actions.undo import ActionUndoLast
from companion.db.models import ActionPlan, CarePerson, Client, Feedback, MoodEntry, Referral
from tests.actions.conftest import consent, make_tracker, run_action


async def count(model: type) -> int:
    async with get_sessionmaker()() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def texts(messages: list[dict[str, object]]) -> str:
    return " | ".join(str(m.get("text")) for m in messages)


async def test_nothing_is_stored_without_consent(action_db: str) -> None:
    events, messages = await run_action(
        ActionSaveMood(), make_tracker("301", "mood_score", entities={"mood_score": "6"})
    )
    assert "need your OK" in texts(messages)
    assert [(e["event"], e["name"]) for e in events] == [("followup", "action_listen")]
    assert await count(MoodEntry) == 0


async def test_mood_is_saved_reflected_and_undoable(action_db: str) -> None:
    await consent(302)
    _, messages = await run_action(
        ActionSaveMood(), make_tracker("302", "mood_score", entities={"mood_score": "8"})
    )
    assert "Saved: 8/10" in texts(messages)
    undo = next(b for b in messages[0]["buttons"] if b["title"] == "Undo")
    ref = undo["payload"].split('"undo_ref":"')[1].rstrip('"}')
    await run_action(ActionUndoLast(), make_tracker("302", "undo", entities={"undo_ref": ref}))
    assert await count(MoodEntry) == 0


async def test_three_low_moods_bring_a_soft_offer_of_a_peer(action_db: str) -> None:
    await consent(303)
    for _ in range(3):
        _, messages = await run_action(
            ActionSaveMood(), make_tracker("303", "mood_score", entities={"mood_score": "2"})
        )
    assert "kōrero with your peer worker" in texts(messages)


async def test_a_failed_commit_never_claims_it_saved(
    action_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await consent(304)

    async def broken(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr("actions.mood.add_mood", broken)
    _, messages = await run_action(
        ActionSaveMood(), make_tracker("304", "mood_score", entities={"mood_score": "5"})
    )
    assert texts(messages) == common.NOT_SAVED


async def test_mood_history_sends_a_png_chart(action_db: str) -> None:
    await consent(305)
    await run_action(
        ActionSaveMood(), make_tracker("305", "mood_score", entities={"mood_score": "4"})
    )
    _, messages = await run_action(ActionShowMoodHistory(), make_tracker("305", "mood_history"))
    chart = next(m for m in messages if m.get("custom"))
    assert chart["custom"]["type"] == "image_png" and chart["custom"]["data"].startswith("iVBOR")


PLAN_SLOTS = {
    "plan_area": "physical",
    "plan_what": "Walk",
    "plan_how_much": "10 minutes",
    "plan_when": "after lunch",
    "plan_days": "3",
    "plan_confidence": "8",
}


async def test_plan_is_saved_then_checked_in_with_encouragement(action_db: str) -> None:
    await consent(306)
    _, messages = await run_action(ActionSavePlan(), make_tracker("306", slots=PLAN_SLOTS))
    assert "Your plan: Walk, 10 minutes, after lunch, 3 days this week" in texts(messages)
    _, messages = await run_action(ActionRecordPlanCheckin(), make_tracker("306", "plan_not_yet"))
    assert any(b["title"] == "Adjust the goal" for b in messages[0]["buttons"])
    _, messages = await run_action(ActionRecordPlanCheckin(), make_tracker("306", "plan_done"))
    assert any(word in texts(messages) for word in ("Ka pai", "Awesome", "Nice one"))


async def test_someone_else_cannot_check_in_on_my_plan(action_db: str) -> None:
    await consent(307)
    await consent(308)
    await run_action(ActionSavePlan(), make_tracker("307", slots=PLAN_SLOTS))
    async with get_sessionmaker()() as session:
        plan_id = await session.scalar(select(ActionPlan.id))
    _, messages = await run_action(
        ActionRecordPlanCheckin(),
        make_tracker("308", "plan_done", entities={"plan_id": str(plan_id)}),
    )
    assert "How did it go" not in texts(messages)
    async with get_sessionmaker()() as session:
        from companion.db.models import PlanCheckin

        assert await session.scalar(select(func.count()).select_from(PlanCheckin)) == 0


async def test_weak_connection_offers_reconnecting_as_a_goal(action_db: str) -> None:
    await consent(309)
    slots = {"care_name": "Aunty Mere", "care_kind": "whanau", "care_closeness": "1"}
    _, messages = await run_action(ActionSaveCarePerson(), make_tracker("309", slots=slots))
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert any(p.startswith('/plan_create{"care_id"') for p in payloads)
    assert await count(CarePerson) == 1


async def test_resources_are_offered_and_followed_up_at_a_later_checkin(
    action_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await consent(310)
    slots = {"resource_need": "food", "region": "Wellington"}
    _, messages = await run_action(ActionOfferResources(), make_tracker("310", slots=slots))
    assert "community garden" in texts(messages)
    assert await count(Referral) >= 1
    monkeypatch.setattr(
        "actions.mood.REFERRAL_FOLLOW_UP_AFTER", __import__("datetime").timedelta(0)
    )
    _, messages = await run_action(
        ActionSaveMood(), make_tracker("310", "mood_score", entities={"mood_score": "7"})
    )
    assert "Did you get a chance to try it?" in texts(messages)


async def test_feedback_and_onboarding_are_stored(action_db: str) -> None:
    await consent(311)
    await run_action(
        ActionSaveFeedback(),
        make_tracker("311", slots={"feedback_rating": "4", "feedback_comment": "-"}),
    )
    profile = {
        "preferred_name": "Sam",
        "timezone": "Pacific/Chatham",
        "checkin_time": "19:30",
        "quiet_hours": "22:00-07:00",
    }
    _, messages = await run_action(ActionSaveOnboarding(), make_tracker("311", slots=profile))
    assert "All set, Sam!" in texts(messages) and "7:30pm" in texts(messages)
    async with get_sessionmaker()() as session:
        client = await session.scalar(select(Client).where(Client.chat_id == 311))
        feedback = await session.scalar(select(Feedback))
    assert client is not None and client.timezone == "Pacific/Chatham"
    assert feedback is not None and feedback.rating == 4 and feedback.comment is None
    from zoneinfo import ZoneInfo

    from companion.db.models import Nudge

    async with get_sessionmaker()() as session:
        first = await session.scalar(select(Nudge).where(Nudge.chat_id == 311))
    assert first is not None and first.kind == "checkin" and first.status == "pending"
    local = first.due_at.astimezone(ZoneInfo("Pacific/Chatham"))
    assert (local.hour, local.minute) == (19, 30)  # the daily check-in, at their local time


async def test_wellbeing_check_is_offered_two_weeks_after_consent(
    action_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime, timedelta, timezone

    await consent(312)
    async with get_sessionmaker()() as session, session.begin():
        client = await session.scalar(select(Client).where(Client.chat_id == 312))
        assert client is not None
        client.consented_at = datetime.now(timezone.utc) - timedelta(days=15)
    _, messages = await run_action(
        ActionSaveMood(), make_tracker("312", "mood_score", entities={"mood_score": "6"})
    )
    assert "five-question wellbeing check" in texts(messages)
    _, messages = await run_action(
        ActionSaveMood(), make_tracker("312", "mood_score", entities={"mood_score": "6"})
    )
    assert "five-question wellbeing check" not in texts(messages)


async def test_a_plan_gets_a_reminder_at_the_time_it_names_and_stopping_it_stops_them(
    action_db: str,
) -> None:
    from actions.plans import ActionStopPlan
    from companion.db.models import Nudge, NudgeSchedule

    await consent(309)
    _, messages = await run_action(ActionSavePlan(), make_tracker("309", slots=PLAN_SLOTS))
    assert "I'll remind you at 12pm" in texts(messages)  # "after lunch"
    async with get_sessionmaker()() as session:
        schedule = (await session.execute(select(NudgeSchedule))).scalar_one()
        queued = (await session.execute(select(Nudge))).scalar_one()
    assert (schedule.kind, schedule.local_time.hour, schedule.status) == ("goal", 12, "active")
    assert (queued.kind, queued.status, queued.plan_id) == ("goal", "pending", schedule.plan_id)
    await run_action(
        ActionStopPlan(),
        make_tracker("309", "plan_stop", entities={"plan_id": str(schedule.plan_id)}),
    )
    async with get_sessionmaker()() as session:
        assert (await session.execute(select(NudgeSchedule.status))).scalar_one() == "stopped"
        assert await session.scalar(select(func.count()).select_from(Nudge)) == 0
