"""Rasa's own tests against the trained model: conversation stories and the held-out NLU split."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from bot.services import PROJECT_ROOT, ensure_model
from companion.settings import Settings

pytestmark = pytest.mark.integration

RASA = str(PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa")
MACRO_F1_GOAL = 0.90


def run_rasa(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
    return subprocess.run(
        [RASA, *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def model() -> Path:
    return ensure_model(Settings(_env_file=None))  # type: ignore[call-arg]


def test_conversation_stories_pass_without_prediction_errors(model: Path, tmp_path: Path) -> None:
    result = run_rasa(
        "test", "core",
        "--stories", "tests/conversations",
        "--model", str(model),
        "--out", str(tmp_path),
        "--fail-on-prediction-errors",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = (tmp_path / "failed_test_stories.yml").read_text()
    assert "None of the test stories failed" in failed, failed[:3000]


def test_intent_macro_f1_on_the_held_out_split(model: Path, tmp_path: Path) -> None:
    result = run_rasa(
        "test",
        "nlu",
        "--nlu",
        "eval/nlu_holdout.yml",
        "--model",
        str(model),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "intent_report.json").read_text())
    macro_f1 = report["macro avg"]["f1-score"]
    weak = {k: round(v["f1-score"], 2) for k, v in report.items()
            if isinstance(v, dict) and "f1-score" in v and v["f1-score"] < 0.8}  # fmt: skip
    print(f"held-out intent macro F1 = {macro_f1:.3f}; intents under 0.8: {weak}")
    assert macro_f1 >= MACRO_F1_GOAL, weak
