"""The `companion` command: run the stack, the bot, the chat, the action server; admin tasks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.logs import configure_logging
from companion.settings import Settings, get_settings


def cmd_run(settings: Settings, _args: argparse.Namespace) -> int:
    """Start Rasa, the action server and the bot together."""
    from bot.supervisor import run_stack

    run_stack(settings)
    return 0


def cmd_bot(settings: Settings, _args: argparse.Namespace) -> int:
    """Run only the Telegram bot (Rasa and the action server run elsewhere)."""
    if settings.telegram_token() is None:
        print("TELEGRAM_BOT_TOKEN is not set; use `companion chat` for the terminal chat.")
        return 2
    if settings.telegram_webhook_url and settings.telegram_webhook_secret is None:
        print("TELEGRAM_WEBHOOK_SECRET must be set in webhook mode.")
        return 2
    from bot.telegram_app import run_bot

    run_bot(settings)
    return 0


def cmd_chat(settings: Settings, _args: argparse.Namespace) -> int:
    """Chat as a client in the terminal, against a running Rasa server."""
    from bot import terminal

    configure_logging(settings, settings.data_dir / "logs" / "chat.log")
    terminal.main(settings)
    return 0


def cmd_actions(settings: Settings, args: argparse.Namespace) -> int:
    """Run the rasa-sdk action server."""
    import os

    from rasa_sdk.endpoint import run

    os.environ["SANIC_HOST"] = settings.action_server_host  # rasa-sdk reads the bind address here
    run("actions", port=args.port or settings.action_server_port, cors_origins=None)
    return 0


def cmd_db(settings: Settings, args: argparse.Namespace) -> int:
    """Database administration."""
    from companion.db.field_crypto import new_key
    from companion.db.migrate import upgrade_database

    if args.db_command == "upgrade":
        upgrade_database(settings.resolved_database_url())
        print("database is up to date")
    elif args.db_command == "new-key":
        print(new_key())
    elif args.db_command == "encrypt":
        from bot.admin import encrypt_plain_rows

        if settings.field_key() is None:
            print("DATA_ENCRYPTION_KEY is not set: nothing to encrypt with.")
            return 2
        print(f"{encrypt_plain_rows(settings)} free-text values encrypted")
    return 0


def cmd_model(settings: Settings, args: argparse.Namespace) -> int:
    """The trained models: Rasa's, and the learned risk classifier's shipped weights."""
    if args.model_command == "risk":
        from companion.safety.classifier_training import rebuild

        print(rebuild())
        return 0
    from bot.services import ensure_model

    print(ensure_model(settings))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="companion", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help=cmd_run.__doc__).set_defaults(func=cmd_run)
    sub.add_parser("bot", help=cmd_bot.__doc__).set_defaults(func=cmd_bot)
    sub.add_parser("chat", help=cmd_chat.__doc__).set_defaults(func=cmd_chat)
    actions = sub.add_parser("actions", help=cmd_actions.__doc__)
    actions.add_argument("--port", type=int, default=None)
    actions.set_defaults(func=cmd_actions)
    db = sub.add_parser("db", help=cmd_db.__doc__)
    db.add_argument(
        "db_command",
        choices=["upgrade", "new-key", "encrypt"],
        help="upgrade: apply migrations; new-key: print a DATA_ENCRYPTION_KEY; "
        "encrypt: encrypt free text written before the key was set",
    )
    db.set_defaults(func=cmd_db)
    model = sub.add_parser("model", help=cmd_model.__doc__)
    model.add_argument(
        "model_command",
        choices=["ensure", "risk"],
        help="ensure: train the Rasa model if its inputs changed; risk: retrain the learned risk "
        "classifier from data/risk_training and nlu/ and write data/risk_classifier.json.gz",
    )
    model.set_defaults(func=cmd_model)
    from bot.admin import add_admin_commands
    from bot.nudge_cli import add_nudge_commands

    add_admin_commands(sub)
    add_nudge_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the subcommand."""
    args = build_parser().parse_args(argv)
    settings = get_settings()
    configure_logging(settings)
    result: int = args.func(settings, args)
    return result


if __name__ == "__main__":
    sys.exit(main())
