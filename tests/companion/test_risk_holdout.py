"""The live risk decision measured on the held-out evaluation set (eval/risk_holdout.yml).

The set was written apart from the screen and is never used to tune it (eval/risk_dev.yml is).
`make eval` prints the same figures with every miss; this test holds the line in CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from companion.safety.evaluation import evaluate

HOLDOUT = Path(__file__).parents[2] / "eval" / "risk_holdout.yml"


def test_the_holdout_set_is_big_enough_and_has_no_duplicates() -> None:
    data = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))
    assert len(data["risk"]) >= 300 and len(data["non_risk"]) >= 300
    everything = [m.lower().strip() for key in data for m in data[key]]
    assert len(everything) == len(set(everything))


def test_live_decision_recall_and_false_alarms_on_the_holdout_set(
    record_property: pytest.RecordProperty,
) -> None:
    report = evaluate(HOLDOUT)
    record_property("recall", report.recall)
    record_property("false_alarm_rate", report.false_alarm_rate)
    print(report.summary())
    assert report.recall >= 0.97, report.summary()
    assert report.false_alarm_rate <= 0.05, report.summary()
    assert report.ambiguous_handled >= 0.9, report.summary()
