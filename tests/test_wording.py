"""Every fixed reply a client can see: short, plain, honest that it is a bot, never stigmatising."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import actions
from actions.asks import QUESTIONS
from companion import mood

ROOT = Path(__file__).parents[1]
BANNED = ("commit suicide", "committed suicide", "successful attempt", "i am a person", "i'm human")
MAX_WORDS = 60
# Consent must explain enough to be informed; it is the one longer message.
LONGER_ALLOWED = {"utter_welcome"}


def domain_texts() -> Iterator[tuple[str, str]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    for name, variants in domain["responses"].items():
        for variant in variants:
            yield name, variant["text"]


def constant_texts() -> Iterator[tuple[str, str]]:
    for module_info in pkgutil.iter_modules(actions.__path__):
        module = importlib.import_module(f"actions.{module_info.name}")
        yield from _strings_in(module)
    yield from _strings_in(mood)
    for question in QUESTIONS:
        for wording in question.wordings:
            yield f"ask {question.slot}", wording


def _strings_in(module: object) -> Iterator[tuple[str, str]]:
    for name in dir(module):
        if not name.isupper():
            continue
        value = getattr(module, name)
        values = value.values() if isinstance(value, dict) else value
        if isinstance(values, str):
            values = [values]
        try:
            items = list(values)
        except TypeError:
            continue
        for item in items:
            if isinstance(item, str) and " " in item:
                yield f"{module.__name__}.{name}", item
            elif isinstance(item, tuple):
                for sub in item:
                    if isinstance(sub, str) and " " in sub:
                        yield f"{module.__name__}.{name}", sub


ALL_TEXTS = list(domain_texts()) + list(constant_texts())


@pytest.mark.parametrize(("where", "text"), ALL_TEXTS, ids=[w for w, _ in ALL_TEXTS])
def test_replies_are_short_and_never_stigmatising(where: str, text: str) -> None:
    if where not in LONGER_ALLOWED:
        assert len(text.split()) < MAX_WORDS, where
    lowered = text.lower()
    assert not any(phrase in lowered for phrase in BANNED), where


def test_there_are_enough_texts_to_check() -> None:
    assert len(ALL_TEXTS) > 80


def test_the_bot_says_it_is_a_bot_when_introducing_itself() -> None:
    texts = dict(domain_texts())
    for name in ("utter_welcome", "utter_iamabot", "utter_greet"):
        assert "bot" in texts[name].lower(), name
