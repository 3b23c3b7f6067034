"""`companion run`: migrations, model, Rasa and action server as children, then the bot."""

from __future__ import annotations

import logging
import time

from bot import terminal
from bot.logs import configure_logging
from bot.services import Service, ensure_model, start_actions, start_rasa, wait_until_ready
from companion.db.migrate import upgrade_database
from companion.settings import Settings

log = logging.getLogger(__name__)

READY_TIMEOUT_SECONDS = 300.0


def run_stack(settings: Settings) -> None:
    """Start everything, run the bot in the foreground, stop everything on Ctrl-C or exit."""
    upgrade_database(settings.resolved_database_url())
    model = ensure_model(settings)
    logs = settings.data_dir / "logs"
    print(f"Starting the action server and Rasa ({model.name}); logs in {logs}/ …", flush=True)
    started = time.monotonic()
    services: list[Service] = []
    try:
        services.append(start_actions(settings, settings.action_server_port, logs / "actions.log"))
        services.append(
            start_rasa(
                settings, model, settings.rasa_port, settings.action_server_port, logs / "rasa.log"
            )
        )
        wait_until_ready(services, READY_TIMEOUT_SECONDS)
        print(f"Ready in {time.monotonic() - started:.0f} s.", flush=True)
        bot_settings = settings.model_copy(
            update={"rasa_url": f"http://127.0.0.1:{settings.rasa_port}"}
        )
        if bot_settings.telegram_token():
            from bot.telegram_app import run_bot

            run_bot(bot_settings)
        else:
            chat_log = settings.data_dir / "logs" / "chat.log"
            print(f"No TELEGRAM_BOT_TOKEN set: opening the terminal chat (log: {chat_log}).")
            configure_logging(settings, chat_log)
            terminal.main(bot_settings)
    except KeyboardInterrupt:
        pass
    finally:
        print("Stopping Rasa and the action server…", flush=True)
        for service in reversed(services):
            service.stop()
