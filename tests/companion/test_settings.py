from pathlib import Path

import pytest

from companion.settings import Settings


def test_defaults_are_embedded_sqlite_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None, data_dir=Path("/tmp/x"))  # type: ignore[call-arg]
    assert settings.resolved_database_url() == "sqlite+aiosqlite:////tmp/x/companion.db"
    assert settings.resolved_tracker_url() == "sqlite:////tmp/x/rasa-tracker.db"
    assert settings.telegram_token() is None


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u@h/db")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.resolved_database_url() == "postgresql+asyncpg://u@h/db"
    assert settings.telegram_token() == "123:abc"
    assert "123:abc" not in repr(settings)


def test_blank_token_means_terminal_chat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "  ")
    assert Settings(_env_file=None).telegram_token() is None  # type: ignore[call-arg]


def test_env_example_documents_every_setting() -> None:
    example = (Path(__file__).parents[2] / ".env.example").read_text()
    documented = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in example.splitlines()
        if "=" in line and not line.startswith("##")
    }
    expected = {name.upper() for name in Settings.model_fields}
    assert expected <= documented, f"missing from .env.example: {sorted(expected - documented)}"
