"""Configuration from the environment and `.env`; every field is documented in `.env.example`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


class Settings(BaseSettings):
    """All settings of the bot, the action server and the operator tool."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str | None = None
    # Bot API calls per second for replies and alerts (Telegram allows about 30 messages a
    # second); 0 = no limiter, only for a local test server.
    telegram_max_rate: float = Field(default=30.0, ge=0)
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = 8443
    peer_alert_chat_id: int | None = None

    # Shared application database (SQLAlchemy async URL)
    data_dir: Path = Path(".data")
    database_url: str | None = None
    # Fernet key(s) for free-text fields at rest; comma-separated, the first encrypts.
    data_encryption_key: SecretStr | None = None

    # Privacy: days a safety record (that an alert was raised, not the words) is kept after
    # /forgetme; 0 deletes it with everything else unless its episode is still open.
    safety_record_retention_days: int = Field(default=0, ge=0)

    # Rasa
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout_seconds: float = Field(default=4.0, gt=0)
    rasa_port: int = 5005
    rasa_executable: Path = Path(".venv-rasa/bin/rasa")
    rasa_model_dir: Path = Path("models")
    rasa_tracker_url: str | None = None
    action_server_host: str = "127.0.0.1"
    action_server_port: int = 5055
    action_endpoint_url: str | None = None

    # Service
    default_timezone: str = "Pacific/Auckland"
    crisis_resources_file: Path = Path("data/crisis_resources.yml")
    community_resources_file: Path = Path("data/community_resources.yml")
    log_level: LogLevel = "INFO"

    # Escalation
    alert_resend_minutes: float = Field(default=5.0, gt=0)
    alert_max_sends: int = Field(default=4, ge=1)
    alert_tick_seconds: float = Field(default=10.0, gt=0)
    caring_reply_days: int = Field(default=7, ge=0)

    # Flood control: messages per window that reach the model for one client
    flood_limit: int = Field(default=15, ge=1)
    flood_window_seconds: float = Field(default=10.0, gt=0)
    # Chats whose updates are handled at the same time (each chat's own updates stay in order).
    concurrent_chats: int = Field(default=64, ge=1)

    # Nudges
    nudge_tick_seconds: float = Field(default=5.0, gt=0)
    nudge_late_minutes: float = Field(default=120.0, ge=0)
    nudge_rate_per_second: float = Field(default=25.0, ge=0, le=30)
    nudge_lease_seconds: float = Field(default=120.0, gt=0)
    nudge_followup_hours: float = Field(default=3.0, gt=0)
    nudge_batch: int = Field(default=500, ge=1)
    nudge_send_concurrency: int = Field(default=20, ge=1, le=200)
    redis_url: str | None = None
    replica_name: str | None = None

    def resolved_database_url(self) -> str:
        """The app database URL; an SQLite file in the data folder unless DATABASE_URL is set."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'companion.db'}"

    def resolved_tracker_url(self) -> str:
        """Rasa's tracker store URL: its own SQLite file unless RASA_TRACKER_URL is set."""
        if self.rasa_tracker_url:
            return self.rasa_tracker_url
        return f"sqlite:///{self.data_dir / 'rasa-tracker.db'}"

    def resolved_action_endpoint(self) -> str:
        """Where Rasa calls the action server."""
        if self.action_endpoint_url:
            return self.action_endpoint_url
        return f"http://127.0.0.1:{self.action_server_port}/webhook"

    def field_key(self) -> str | None:
        """The DATA_ENCRYPTION_KEY value, or None when free text is stored unencrypted."""
        if self.data_encryption_key is None:
            return None
        return self.data_encryption_key.get_secret_value().strip() or None

    def telegram_token(self) -> str | None:
        """The bot token, or None when the terminal chat should be used."""
        if self.telegram_bot_token is None:
            return None
        token = self.telegram_bot_token.get_secret_value().strip()
        return token or None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
