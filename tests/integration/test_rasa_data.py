"""Rasa's own checks of the training data, run with the Rasa environment."""

import os
import subprocess

from bot.services import PROJECT_ROOT


def test_rasa_data_validate_reports_no_warnings() -> None:
    result = subprocess.run(
        [
            str(PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"),
            "data",
            "validate",
            "--fail-on-warnings",
            "--data",
            "nlu",
            "stories",
            "--domain",
            "domain.yml",
            "--config",
            "config.yml",
        ],
        cwd=PROJECT_ROOT,
        env=dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
