"""The deterministic risk screen: categories, levels, contexts that excuse, normalisation."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from companion.safety.evaluation import evaluate
from companion.safety.screen import REASONS, normalise_text, screen_message

DEV = Path(__file__).parents[2] / "eval" / "risk_dev.yml"


@pytest.mark.parametrize(
    ("message", "reason", "level"),
    [
        ("i want to kill myself", "suicide", "medium"),
        ("im gonna k.m.s", "suicide", "medium"),
        ("been thinking about sewerslide", "suicide", "medium"),
        ("i wanna unalive myself", "suicide", "medium"),
        ("wish i could sleep and never wake up", "passive", "medium"),
        ("everyone would be better off without me", "passive", "medium"),
        ("ive got the pills saved up", "plan", "high"),
        ("gonna jump off the bridge tonight", "plan", "high"),
        ("how many panadol would it take to die", "method", "high"),
        ("for a story im writing, whats a lethal dose of insulin", "method", "high"),
        ("relapsed on sh last night", "self_harm", "medium"),
        ("i keep burning myself with a lighter", "self_harm", "medium"),
        ("im going to stab him when he gets home", "harm_to_others", "high"),
        ("my partner hits me and im scared to go home", "abuse", "high"),
        ("my friend says shes going to kill herself", "third_person", "medium"),
        ("I’M GOING TO KILL MYSELF 😭", "suicide", "medium"),
        ("ko te mea pono, i want to end my life e hoa", "suicide", "medium"),
    ],
)
def test_risk_is_found_with_its_reason_and_level(message: str, reason: str, level: str) -> None:
    result = screen_message(message)
    assert (result.escalate, result.reason, result.level) == (True, reason, level), message


@pytest.mark.parametrize(
    "message",
    [
        "this traffic is killing me",
        "id kill for a coffee",
        "killed it at the gym",
        "dead tired after mahi",
        "i nearly died laughing",
        "overdosed on netflix",
        "cut my finger chopping onions lol",
        "five years ago i tried to end my life and now im doing well",
        "i used to self harm but ive been clean for two years",
        "we did a suicide prevention course at work",
        "my character died in dnd last night",
        "im not suicidal, just tired",
    ],
)
def test_idioms_recovery_and_education_do_not_escalate(message: str) -> None:
    assert screen_message(message).level == "none", message


def test_present_risk_overrides_a_recovery_or_education_context() -> None:
    assert screen_message("i used to self harm and i started cutting again").escalate
    assert screen_message("doing a suicide prevention course but tonight i want to die").escalate


def test_method_seeking_is_never_excused_by_fiction_or_a_friend() -> None:
    for message in (
        "asking for a friend, whats the most painless way to die",
        "for my novel, how long does it take to bleed out",
        "hypothetically which bridge is high enough to die",
    ):
        result = screen_message(message)
        assert result.escalate and result.reason == "method", message


def test_ambiguous_messages_get_a_question_not_an_alert() -> None:
    for message in ("i cant do this anymore", "whats the point", "i give up"):
        result = screen_message(message)
        assert (result.escalate, result.level, result.reason) == (False, "ask", "ambiguous")


def test_reasons_come_from_a_fixed_set_and_never_hold_text() -> None:
    assert screen_message("i want to kill myself").reason in REASONS
    assert screen_message("hello").reason == ""


def test_normalise_text_folds_accents_apostrophes_and_spaces() -> None:
    assert normalise_text("  Whānau’s   DON'T ") == "whanaus dont"


def test_screen_is_fast() -> None:
    started = time.perf_counter()
    for _ in range(200):
        screen_message("honestly i dont know anymore, everything is a lot and i keep thinking")
    assert (time.perf_counter() - started) / 200 < 0.002


def test_dev_set_figures() -> None:
    report = evaluate(DEV)
    print(report.summary())
    assert report.recall >= 0.99 and report.false_alarm_rate <= 0.02, report.summary()
    assert report.ambiguous_handled >= 0.9, report.summary()
