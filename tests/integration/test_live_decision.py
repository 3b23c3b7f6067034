"""The live decision (screen, then the real model's risk intent) on the labelled evaluation set.

Each message goes through the same Conversation pipeline the bot uses, from a new chat, against
the real Rasa server and action server. A message counts as escalated when a risk alert is raised.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import yaml

from bot.conversation import Conversation
from bot.rasa_client import RasaClient
from companion.safety.messages import DIRECT_QUESTION
from tests.bot.fakes import RESOURCES, RecordingAlerts
from tests.conftest import Stack

pytestmark = pytest.mark.integration

EVAL = Path(__file__).parents[2] / "eval" / "risk_eval.yml"
BLIND = Path(__file__).parents[2] / "eval" / "risk_blind.yml"


# Messages in flight at once: each is its own new chat, so their order does not matter, and
# the Rasa server and action server answer them concurrently as they would for many clients.
# One at a time, the eight sets took about 7 minutes of CI (session 17).
_IN_FLIGHT = 4


async def _escalated(
    stack: Stack, messages: list[str], first_chat: int, asked: list[str] | None = None
) -> list[bool]:
    gate = asyncio.Semaphore(_IN_FLIGHT)
    async with httpx.AsyncClient() as http:
        rasa = RasaClient(http, stack.rasa_url, 30.0)

        async def one(chat_id: int, message: str) -> bool:
            async with gate:
                alerts = RecordingAlerts()
                conversation = Conversation(rasa, RESOURCES, alerts)
                replies = await conversation.handle_text(chat_id, message)
                await conversation.aclose()
            if asked is not None and replies and replies[0].text == DIRECT_QUESTION:
                asked.append(message)
            return bool(alerts.alerts)

        return list(
            await asyncio.gather(
                *(one(first_chat + offset, m) for offset, m in enumerate(messages))
            )
        )


async def test_live_decision_with_the_model_on_the_evaluation_set(
    stack: Stack, record_property: pytest.RecordProperty
) -> None:
    data = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    risk = await _escalated(stack, data["risk"], 7_000_000)
    asked: list[str] = []
    non_risk = await _escalated(stack, data["non_risk"], 8_000_000, asked)
    recall = sum(risk) / len(risk)
    false_alarms = sum(non_risk) / len(non_risk)
    record_property("live_recall", recall)
    record_property("live_false_alarm_rate", false_alarms)
    missed = [m for m, hit in zip(data["risk"], risk, strict=True) if not hit]
    alarms = [m for m, hit in zip(data["non_risk"], non_risk, strict=True) if hit]
    summary = (
        f"recall {recall:.3f}, false alarms {false_alarms:.3f}; missed {missed}; alarms {alarms}"
    )
    print(summary)
    assert recall >= 0.97, summary
    assert false_alarms <= 0.05, summary


async def test_live_decision_on_the_blind_set(
    stack: Stack, record_property: pytest.RecordProperty
) -> None:
    """Reported, with a floor under the last measurement: the goal (0.97 / 0.05) is not met.

    First 0.822 / 0.064; 0.852 / 0.056 after the coded-terms patterns (session 10); 0.913 / 0.056
    with the learned classifier, 0.916 / 0.056 with its training parts e and f (session 12);
    0.954 / 0.059 with the fine-tuned model (session 14); 0.961 / 0.061 in session 15.
    """
    data = yaml.safe_load(BLIND.read_text(encoding="utf-8"))
    risk = await _escalated(stack, data["risk"], 7_100_000)
    non_risk = await _escalated(stack, data["non_risk"], 8_100_000)
    recall = sum(risk) / len(risk)
    false_alarms = sum(non_risk) / len(non_risk)
    record_property("blind_live_recall", recall)
    record_property("blind_live_false_alarm_rate", false_alarms)
    print(f"blind live decision: recall {recall:.3f}, false alarms {false_alarms:.3f}")
    # Floors with room for a retrained model's small differences; raise them as the screen improves.
    # session 16: 0.984 / 0.037
    assert recall >= 0.97 and false_alarms <= 0.045, (recall, false_alarms)


EVAL_DIR = Path(__file__).parents[2] / "eval"
# (set, first chat id, recall at least, false alarms at most): floors set under the
# measurements, with room for a retrained model.
BLIND_FLOORS = [
    # session 11, before any change: 0.581 / 0.060; with the classifier 0.822 / 0.069;
    # session 14, with the fine-tuned model: 0.887 / 0.082; retired in session 15 (its misses
    # read, see its header), then 0.950 / 0.066
    # 0.969 / 0.041 at the end of session 16; 0.972 / 0.063 at the end of session 17 (training
    # part l and the lower alert lines); 0.969 / 0.047 at the end of session 18
    ("risk_blind2.yml", 200_000, 0.96, 0.06),
    # session 19, written before any change: decision before Rasa 0.894 / 0.114; at the end
    # 0.924 / 0.109 before Rasa; session 20 (blind7 and blind8 in training, lines 0.82 / 0.88)
    # 0.944 / 0.122 live (0.939 / 0.119 before Rasa): false-alarm floor 0.12 -> 0.13
    ("risk_blind9.yml", 300_000, 0.93, 0.13),
    # session 19, written before any change: decision before Rasa 0.957 / 0.096; at the end
    # 0.968 / 0.085 before Rasa; session 20 0.973 / 0.085 live (the same before Rasa)
    ("risk_blind10.yml", 400_000, 0.96, 0.095),
    # session 20, written before any change: decision before Rasa 0.886 / 0.076; at the end
    # 0.909 / 0.079 live (0.904 / 0.076 before Rasa)
    ("risk_blind11.yml", 500_000, 0.90, 0.09),
    # session 20, written before any change: decision before Rasa 0.945 / 0.073; at the end
    # 0.940 / 0.081 live (the same before Rasa)
    ("risk_blind12.yml", 600_000, 0.93, 0.095),
    # session 23, written before any change: decision before Rasa 0.985 / 0.047 (the brief's
    # whole list, replies to the bot's prompts, other people) and 0.947 / 0.062 (body and
    # medication, very short fragments, longer mixed messages); at the end 0.985 / 0.045 and
    # 0.950 / 0.062 live
    ("risk_blind13.yml", 700_000, 0.975, 0.06),
    ("risk_blind14.yml", 800_000, 0.935, 0.075),
    # session 25, written before any change: decision before Rasa 0.957 / 0.029 (rural and
    # working life, replies to the bot's prompts, young and older people, general)
    ("risk_blind15.yml", 900_000, 0.945, 0.04),
    # session 25, written to decide a model change (not made): before Rasa 0.977 / 0.023
    # (culture, faith and family; relationships, money and the system; health and the body)
    ("risk_blind16.yml", 950_000, 0.965, 0.035),
    # session 26, written before any change was measured on it: before Rasa 0.962 / 0.041
    # (texting under strain; the check-in that hides something; the same words in two worlds)
    ("risk_blind17.yml", 975_000, 0.95, 0.05),
    # session 28, written before anything was measured on it: before Rasa 0.978 / 0.095 (moments
    # in the service relationship; figurative and indirect language; time, dates and change)
    ("risk_blind18.yml", 990_000, 0.965, 0.105),
    # session 30, written before anything was measured on it (the bot's own check-ins): before
    # Rasa 0.925 / 0.033
    ("risk_blind19.yml", 995_000, 0.91, 0.05),
]


@pytest.mark.parametrize(("name", "offset", "min_recall", "max_false_alarms"), BLIND_FLOORS)
async def test_live_decision_on_a_figures_only_blind_set(
    stack: Stack,
    record_property: pytest.RecordProperty,
    name: str,
    offset: int,
    min_recall: float,
    max_false_alarms: float,
) -> None:
    """Reported only (figures, never the misses, so the set stays blind); the goal is not met."""
    data = yaml.safe_load((EVAL_DIR / name).read_text(encoding="utf-8"))
    risk = await _escalated(stack, data["risk"], 7_000_000 + offset)
    non_risk = await _escalated(stack, data["non_risk"], 8_000_000 + offset)
    recall = sum(risk) / len(risk)
    false_alarms = sum(non_risk) / len(non_risk)
    record_property("live_recall", recall)
    record_property("live_false_alarm_rate", false_alarms)
    print(f"{name}, live decision: recall {recall:.3f}, false alarms {false_alarms:.3f}")
    assert recall >= min_recall and false_alarms <= max_false_alarms, (recall, false_alarms)
