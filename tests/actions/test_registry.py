"""The domain and the action server agree on every custom action."""

from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

ROOT = Path(__file__).parents[2]


def test_every_domain_action_is_served_and_every_served_action_is_declared() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    assert set(domain["actions"]) == set(executor.actions)
