"""docker-compose.yml can't be run here (no Docker engine), so it is checked instead."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"


def load_compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(data, dict)
    return data


def test_services_images_and_rasa_version() -> None:
    services = load_compose()["services"]
    assert set(services) >= {"postgres", "rasa", "actions", "bot"}
    assert services["rasa"]["image"] == "rasa/rasa:3.6.21-full"
    assert services["postgres"]["image"].startswith("postgres:")


def test_servers_have_healthchecks_and_dependents_wait_for_them() -> None:
    services = load_compose()["services"]
    for name in ("postgres", "rasa", "actions"):
        assert "healthcheck" in services[name], name
    for name, service in services.items():
        for dependency, condition in (service.get("depends_on") or {}).items():
            assert dependency in services, (name, dependency)
            if condition.get("condition") == "service_healthy":
                assert "healthcheck" in services[dependency], (name, dependency)


def test_named_volumes_are_declared() -> None:
    compose = load_compose()
    declared = set(compose.get("volumes") or {})
    for service in compose["services"].values():
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0]
            if not source.startswith((".", "/")):
                assert source in declared, source


def test_every_variable_is_documented_in_env_example() -> None:
    used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", COMPOSE.read_text()))
    example = (ROOT / ".env.example").read_text()
    missing = {name for name in used if not re.search(rf"^#?\s*{name}=", example, re.M)}
    assert not missing, f"document in .env.example: {sorted(missing)}"


def test_app_services_use_the_files_that_exist() -> None:
    for path in ("Dockerfile", "endpoints.yml", "credentials.yml", "deploy/postgres-init.sql"):
        assert (ROOT / path).is_file(), path


def compose_config(tmp_path: Path, env_file: str) -> subprocess.CompletedProcess[str]:
    """`docker-compose config -q` on a copy in a temporary folder, so no .env is needed here."""
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose (Debian package) not installed; structural checks above ran")
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    (tmp_path / ".env").write_text(env_file)
    return subprocess.run(
        [binary, "config", "-q"],
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "POSTGRES_PASSWORD"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    result = compose_config(tmp_path, "POSTGRES_PASSWORD=check-only\n")
    assert result.returncode == 0, result.stderr


def test_docker_compose_refuses_to_start_without_a_database_password(tmp_path: Path) -> None:
    result = compose_config(tmp_path, "TELEGRAM_BOT_TOKEN=\n")
    assert result.returncode != 0 and "POSTGRES_PASSWORD" in result.stderr


def test_scale_profile_runs_webhook_bot_replicas_and_rasa_replicas_with_a_shared_lock_store() -> (
    None
):
    services = load_compose()["services"]
    scaled = {name for name, s in services.items() if "scale" in (s.get("profiles") or [])}
    assert scaled == {"redis", "rasa-scaled", "bot-web", "lb"}
    bots, rasa = services["bot-web"], services["rasa-scaled"]
    assert bots["deploy"]["replicas"] >= 2 and rasa["deploy"]["replicas"] >= 2
    env = bots["environment"]
    assert env["REDIS_URL"].startswith("redis://redis")  # one send budget for every replica
    assert "TELEGRAM_WEBHOOK_URL" in env and "TELEGRAM_WEBHOOK_URL" in bots["command"][-1]
    assert env["RASA_URL"] == "http://lb:5005"
    assert env["DATABASE_URL"].startswith("postgresql")
    endpoints = yaml.safe_load((ROOT / "deploy" / "endpoints-scale.yml").read_text())
    assert endpoints["lock_store"]["type"] == "redis"
    assert endpoints["tracker_store"]["type"] == "SQL"
    mounted = {v.split(":")[0] for v in rasa["volumes"]}
    assert "./deploy/endpoints-scale.yml" in mounted
    nginx = (ROOT / "deploy" / "nginx-scale.conf").read_text()
    assert "bot-web:8443" in nginx and "rasa-scaled:5005" in nginx
    # the single poller and the scaled webhook bots are never meant to run together
    assert "profiles" not in services["bot"]
