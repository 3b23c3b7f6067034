"""The questions forms ask, one action per slot (`action_ask_<slot>`), with one-tap answers."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Button, Event, button
from companion.plans import LIFE_AREAS
from companion.who5 import ANSWERS, ITEMS
from companion.wording import pick


def inform_buttons(entity: str, choices: list[tuple[str, str]]) -> tuple[Button, ...]:
    """Buttons that answer with `/inform{"<entity>":"<value>"}`."""
    return tuple(button(title, f'/inform{{"{entity}":"{value}"}}') for title, value in choices)


def scale(entity: str, low: int, high: int) -> tuple[Button, ...]:
    """Number buttons from low to high."""
    return inform_buttons(entity, [(str(n), str(n)) for n in range(low, high + 1)])


@dataclass(frozen=True)
class Question:
    """What a form asks for one slot."""

    slot: str
    wordings: tuple[str, ...]
    buttons: tuple[Button, ...] = ()


WHO5_ANSWERS = inform_buttons("who5_value", [(label, str(value)) for value, label in ANSWERS])

QUESTIONS = (
    Question("preferred_name", ("What would you like me to call you?",)),
    Question(
        "timezone",
        (
            "Which time zone are you in? Tap one, type a place (like Chatham or Australia/Sydney), "
            "or share your location with the paperclip.",
        ),
        inform_buttons(
            "timezone",
            [("Aotearoa NZ", "Pacific/Auckland"), ("Chatham Islands", "Pacific/Chatham")],
        ),
    ),
    Question(
        "checkin_time",
        ("What time of day suits you for a quick check-in? Tap one or type a time like 7.30pm.",),
        inform_buttons(
            "checkin_time",
            [("9am", "09:00"), ("12pm", "12:00"), ("6pm", "18:00"), ("8pm", "20:00")],
        ),
    ),
    Question(
        "quiet_hours",
        ("When should I stay quiet and not send you anything?",),
        inform_buttons(
            "quiet_hours",
            [
                ("10pm to 7am", "22:00-07:00"),
                ("9pm to 8am", "21:00-08:00"),
                ("11pm to 9am", "23:00-09:00"),
                ("No quiet hours", "none"),
            ],
        ),
    ),
    Question("mood_note", ("Go ahead, what would you like to note? (Type 'skip' to leave it.)",)),
    *(
        Question(
            f"who5_{i}",
            (("Over the last two weeks: " if i == 1 else f"({i} of 5) ") + item + ".",),
            WHO5_ANSWERS,
        )
        for i, item in enumerate(ITEMS, 1)
    ),
    Question(
        "plan_area",
        ("Which part of life is this goal about?",),
        inform_buttons("plan_area", [(label, key) for key, label in LIFE_AREAS.items()]),
    ),
    Question(
        "plan_what",
        (
            "What would you like to do? Put it in your own words.",
            "What's the step you'd like to take? Put it in your own words.",
            "What do you want to do this week? Keep it in your words.",
        ),
    ),
    Question("plan_how_much", ("How much? For example 10 minutes, one phone call, two pages.",)),
    Question("plan_when", ("When will you do it? For example after lunch, Saturday morning.",)),
    Question("plan_days", ("How many days this week?",), scale("plan_days", 1, 7)),
    Question(
        "plan_confidence",
        ("How sure are you that you can do this, from 0 (not at all) to 10 (totally)?",),
        scale("plan_confidence", 0, 10),
    ),
    Question("care_name", ("Who (or what) would you like to add? A name, a group or a service.",)),
    Question(
        "care_kind",
        ("Who are they to you?",),
        inform_buttons(
            "care_kind",
            [
                ("Whānau", "whanau"),
                ("Friend", "friend"),
                ("Health service", "service"),
                ("Community group", "community"),
                ("Someone else", "other"),
            ],
        ),
    ),
    Question(
        "care_closeness",
        ("How connected do you feel to them at the moment?",),
        inform_buttons(
            "care_closeness",
            [
                ("1 Not at all", "1"),
                ("2 A little", "2"),
                ("3 Somewhat", "3"),
                ("4 Close", "4"),
                ("5 Very close", "5"),
            ],
        ),
    ),
    Question(
        "feedback_rating",
        ("How helpful has the peer support service been for you lately?",),
        inform_buttons(
            "feedback_rating",
            [
                ("1 Not at all", "1"),
                ("2 A little", "2"),
                ("3 Somewhat", "3"),
                ("4 Quite a bit", "4"),
                ("5 A lot", "5"),
            ],
        ),
    ),
    Question(
        "feedback_comment",
        ("Anything you'd like to add? Type it, or tap skip.",),
        (button("Skip", "/skip"),),
    ),
    Question(
        "importance_ruler",
        (
            "On a scale of 0 to 10, how important is making a change right now?",
            "If 0 is not at all and 10 is very, how much does this matter to you right now?",
            "How important is it to you to get going on this, 0 to 10?",
        ),
        inform_buttons("ruler_value", [(str(n), str(n)) for n in range(0, 11, 2)]),
    ),
)


class AskAction(Action, metaclass=ABCMeta):
    """Asks one form question; subclasses are made from QUESTIONS below (abstract itself)."""

    @property
    @abstractmethod
    def question(self) -> Question: ...

    def name(self) -> str:
        return f"action_ask_{self.question.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Event]:
        seed = f"{tracker.sender_id}:{len(tracker.events)}"
        dispatcher.utter_message(
            text=pick(self.question.wordings, seed), buttons=list(self.question.buttons)
        )
        return []


# One concrete class per question: the action server registers subclasses of Action.
ASK_ACTIONS = {
    q.slot: type(f"Ask_{q.slot}", (AskAction,), {"question": q, "__module__": __name__})
    for q in QUESTIONS
}
