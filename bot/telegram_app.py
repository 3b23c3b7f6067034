"""Composition root of the Telegram bot: resources in post_init, handlers in one place."""

from __future__ import annotations

import logging
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import handlers
from bot.aiohttp_request import AiohttpRequest
from bot.commands import COMMANDS
from bot.conversation import Conversation
from bot.dedupe import DEDUPE_KEY, UpdateDeduplicator, drop_redelivered
from bot.escalation import EscalationService
from bot.nudge_control import NudgeControl
from bot.nudge_setup import NudgeRuntime, bot_api_base, start_nudges
from bot.privacy_control import PrivacyControl
from bot.rasa_client import RasaClient
from bot.staff import ESCALATION_KEY, TelegramStaffChannel
from bot.update_order import ChatOrderedProcessor
from companion.db.session import create_sessionmaker, open_engine
from companion.db.tracker import TrackerHistory
from companion.flood import FloodGate
from companion.safety.decision import prepare as prepare_risk_decision
from companion.safety.resources import load_crisis_resources
from companion.settings import Settings

log = logging.getLogger(__name__)

HTTP_CLIENT_KEY = "http_client"
NUDGES_KEY = "nudges"
ENGINE_KEY = "engine"


def build_application(settings: Settings) -> Application:  # type: ignore[type-arg]
    """The PTB application for these settings (token required)."""
    token = settings.telegram_token()
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(token)
        # overall_max_rate 0 leaves only the per-group limit (there are no groups: the bot
        # leaves them) and retry-after handling.
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.telegram_max_rate))
        .concurrent_updates(ChatOrderedProcessor(settings.concurrent_chats))
        # aiohttp costs a fraction of httpx's CPU per Bot API call (half the bot's CPU per turn
        # was httpx; see bot/aiohttp_request.py and docs/architecture.md).
        .request(AiohttpRequest(connections=settings.concurrent_chats))
        .get_updates_request(AiohttpRequest(connections=1))
    )
    base = bot_api_base(settings)
    if settings.telegram_base_url:
        builder = builder.base_url(base).base_file_url(base.replace("/bot", "/file/bot", 1))
    resources = load_crisis_resources(settings.crisis_resources_file)

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        prepare_risk_decision()  # reads the classifier's weights (~0.06 s)
        http = httpx.AsyncClient()
        rasa = RasaClient(http, settings.rasa_url, settings.rasa_timeout_seconds)
        engine = open_engine(settings)
        sessions = create_sessionmaker(engine)
        escalation = EscalationService(
            sessions,
            TelegramStaffChannel(app.bot),
            backup_chat_id=settings.peer_alert_chat_id,
            resend_after=timedelta(minutes=settings.alert_resend_minutes),
            max_sends=settings.alert_max_sends,
            caring_reply_days=settings.caring_reply_days,
        )
        app.bot_data[HTTP_CLIENT_KEY] = http
        app.bot_data[ENGINE_KEY] = engine
        app.bot_data[ESCALATION_KEY] = escalation
        app.bot_data[handlers.CONVERSATION_KEY] = Conversation(
            rasa,
            resources,
            escalation,
            FloodGate(settings.flood_limit, settings.flood_window_seconds),
        )
        app.bot_data[handlers.NUDGE_CONTROL_KEY] = NudgeControl(sessions)
        app.bot_data[handlers.PRIVACY_KEY] = PrivacyControl(
            sessions,
            TrackerHistory(settings.resolved_tracker_url()),
            settings.safety_record_retention_days,
        )
        app.bot_data[DEDUPE_KEY] = UpdateDeduplicator(sessions)
        app.bot_data[NUDGES_KEY] = await start_nudges(settings, sessions, token)
        if app.job_queue is not None:
            app.job_queue.run_repeating(
                escalation_tick, interval=settings.alert_tick_seconds, first=1.0
            )
            # One tick at a time per replica: a long burst is never run twice at once here.
            app.job_queue.run_repeating(
                nudge_tick,
                interval=settings.nudge_tick_seconds,
                first=2.0,
                job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
            )
        try:
            await app.bot.set_my_commands([BotCommand(c.name, c.description) for c in COMMANDS])
        except TelegramError:
            # The menu is a convenience: the bot still works without it.
            log.warning("could not set the command menu", exc_info=True)

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        http = app.bot_data.get(HTTP_CLIENT_KEY)
        if isinstance(http, httpx.AsyncClient):
            await http.aclose()
        engine = app.bot_data.get(ENGINE_KEY)
        if isinstance(engine, AsyncEngine):
            await engine.dispose()
        nudges = app.bot_data.get(NUDGES_KEY)
        if isinstance(nudges, NudgeRuntime):
            await nudges.aclose()

    app = builder.post_init(post_init).post_shutdown(post_shutdown).build()
    register_handlers(app)
    return app


async def escalation_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Re-send unacknowledged alerts and send due Caring Contacts (state is in the database)."""
    service = context.bot_data.get(ESCALATION_KEY)
    if not isinstance(service, EscalationService):
        return
    try:
        await service.tick()
    except Exception:
        # The database may be down; the next tick tries again.
        log.exception("escalation tick failed")


async def nudge_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send due nudges until none is left (rows and their state are in the database)."""
    nudges = context.bot_data.get(NUDGES_KEY)
    if not isinstance(nudges, NudgeRuntime):
        return
    try:
        # A stopping bot hands unsent rows back instead of finishing a capped burst.
        app = context.application
        report = await nudges.dispatcher.run_until_idle(keep_going=lambda: app.running)
    except Exception:
        # The database may be down; rows stay claimed until their lease lapses, then retried.
        log.exception("nudge tick failed")
        return
    if report.claimed:
        log.info(
            "nudges: %d sent, %d deferred, %d retried, %d handed back, skipped %s",
            report.sent,
            report.deferred,
            report.retried,
            report.handed_back,
            dict(report.skipped) or "none",
        )


def register_handlers(app: Application) -> None:  # type: ignore[type-arg]
    """All handlers; order matters: commands before free text, free text before the catch-all."""
    app.add_handler(TypeHandler(Update, drop_redelivered), group=-1)
    app.add_handler(
        MessageHandler(filters.ChatType.GROUPS & filters.UpdateType.MESSAGE, handlers.group_message)
    )
    app.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE, handlers.edited_message
        )
    )
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(private & filters.COMMAND, handlers.menu_command))
    app.add_handler(CallbackQueryHandler(handlers.button_tap))
    app.add_handler(MessageHandler(private & filters.LOCATION, handlers.shared_location))
    app.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, handlers.text_message)
    )
    app.add_handler(
        MessageHandler(
            private & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.unsupported_message
        )
    )
    app.add_error_handler(handlers.log_error)


def run_bot(settings: Settings) -> None:
    """Run the bot until stopped: webhook mode when TELEGRAM_WEBHOOK_URL is set, else polling."""
    app = build_application(settings)
    if settings.telegram_webhook_url:
        secret = settings.telegram_webhook_secret
        app.run_webhook(
            listen=settings.telegram_webhook_listen,
            port=settings.telegram_webhook_port,
            url_path="telegram",
            webhook_url=settings.telegram_webhook_url,
            secret_token=secret.get_secret_value() if secret else None,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
