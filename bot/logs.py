"""Logging set-up shared by every process of the bot side."""

from __future__ import annotations

import logging
from pathlib import Path

from companion.settings import Settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(settings: Settings, log_file: Path | None = None) -> None:
    """Log at the configured level to stderr, or to a file while the terminal chat owns the screen.

    HTTP client loggers stay at WARNING whatever the level: their request lines hold the bot token.
    """
    handler: logging.Handler
    if log_file is None:
        handler = logging.StreamHandler()
    else:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for quiet in ("httpx", "httpcore", "alembic"):
        logging.getLogger(quiet).setLevel(logging.WARNING)
