"""Telegram handlers: thin adapters from updates to the Conversation pipeline."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram import InputFile, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.commands import PAYLOAD_BY_COMMAND
from bot.conversation import Conversation
from bot.nudge_control import NudgeControl
from bot.privacy_control import PrivacyControl
from bot.staff import (
    STAFF_COMMANDS,
    invite_token,
    redeem_invite,
    staff_callback,
    staff_command,
    worker_text,
)
from bot.telegram_render import send_replies
from companion.replies import Reply
from companion.safety.decision import decide
from companion.timekeeping import zone_for_location

log = logging.getLogger(__name__)

CONVERSATION_KEY = "conversation"
NUDGE_CONTROL_KEY = "nudge_control"
PRIVACY_KEY = "privacy"
# "typing..." is shown only when an answer takes longer than this: most answers come in well
# under it, and each chat action is a Bot API call counted against Telegram's 30 per second.
TYPING_AFTER_SECONDS = 0.8


def get_conversation(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    """The pipeline created in post_init."""
    conversation = context.bot_data[CONVERSATION_KEY]
    assert isinstance(conversation, Conversation)
    return conversation


def get_privacy(context: ContextTypes.DEFAULT_TYPE) -> PrivacyControl:
    """The /mydata and /forgetme controls created in post_init."""
    control = context.bot_data[PRIVACY_KEY]
    assert isinstance(control, PrivacyControl)
    return control


async def privacy_command(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> None:
    """/mydata sends the client's file; /forgetme asks before deleting anything."""
    chat = update.effective_chat
    if chat is None:
        return
    control = get_privacy(context)
    if name == "forgetme":
        await send_replies(context.bot, chat.id, [control.ask_forget()])
        return
    export = await control.my_data(chat.id)
    if isinstance(export, Reply):
        await send_replies(context.bot, chat.id, [export])
        return
    await context.bot.send_document(
        chat.id,
        InputFile(export.content, filename=export.filename),
        caption=export.caption,
        protect_content=True,
    )


def get_nudge_control(context: ContextTypes.DEFAULT_TYPE) -> NudgeControl:
    """The reminder controls created in post_init."""
    control = context.bot_data[NUDGE_CONTROL_KEY]
    assert isinstance(control, NudgeControl)
    return control


async def menu_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A slash command from the menu: start the matching intent in Rasa."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or message is None or not message.text:
        return
    name = message.text.split()[0].lstrip("/").split("@")[0].lower()
    token = invite_token(message.text) if name == "start" else None
    if token is not None:
        await redeem_invite(update, context, token)
        return
    if name in STAFF_COMMANDS:
        await staff_command(update, context, name)
        return
    if name in ("mydata", "forgetme"):
        await privacy_command(update, context, name)
        return
    if name == "reminders":
        reply = await get_nudge_control(context).status(chat.id)
        await send_replies(context.bot, chat.id, [reply])
        return
    payload = PAYLOAD_BY_COMMAND.get(name)
    if payload is None:
        await context.bot.send_message(
            chat.id, "I don't know that command (I'm a bot). Send /help to see what I can do."
        )
        return
    replies = await get_conversation(context).handle_payload(chat.id, payload)
    await send_replies(context.bot, chat.id, replies)


async def shared_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A shared location sets the time zone (only the zone is used; the place is not stored)."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or message is None or message.location is None:
        return
    zone = zone_for_location(message.location.latitude, message.location.longitude)
    if zone is None:
        await context.bot.send_message(
            chat.id,
            "I couldn't tell your time zone from that. Could you type it, like Pacific/Auckland?",
        )
        return
    replies = await get_conversation(context).handle_payload(
        chat.id, f'/inform{{"timezone":"{zone}"}}'
    )
    await send_replies(context.bot, chat.id, replies)


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A typed message: risk screen, then Rasa."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or not message.text:
        return
    if await worker_text(update, context):
        return
    typing = asyncio.create_task(_typing_if_slow(context, chat.id))
    try:
        replies = await get_conversation(context).handle_text(chat.id, message.text)
    finally:
        typing.cancel()
    await send_replies(context.bot, chat.id, replies)


async def _typing_if_slow(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    await asyncio.sleep(TYPING_AFTER_SECONDS)
    with contextlib.suppress(TelegramError):
        await context.bot.send_chat_action(chat_id, "typing")


async def button_tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tap on an inline button: its payload goes back into the conversation."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    if await staff_callback(update, context):
        return
    await query.answer()
    try:
        # Remove the keyboard so the same choice can't be sent twice.
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest:
        log.debug("keyboard already gone")
    privacy = context.bot_data.get(PRIVACY_KEY)
    if isinstance(privacy, PrivacyControl):
        answer = await privacy.handle_callback(chat.id, query.data or "")
        if answer is not None:
            await send_replies(context.bot, chat.id, [answer])
            return
    control = context.bot_data.get(NUDGE_CONTROL_KEY)
    if isinstance(control, NudgeControl):
        answer = await control.handle_callback(chat.id, query.data or "")
        if answer is not None:
            await send_replies(context.bot, chat.id, [answer])
            return
    replies = await get_conversation(context).handle_payload(chat.id, query.data or "")
    await send_replies(context.bot, chat.id, replies)


EDIT_REPLY = (
    "I'm a bot and I only answer new messages, not edits. "
    "Could you send that again as a new message?"
)
GROUP_REPLY = (
    "Kia ora! I'm a support bot for one-to-one chats only, so I'll leave this group. "
    "Message me privately if you'd like to talk."
)


async def edited_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message: risk still gets the safe path at once; anything else a kind note.

    Treating every edit as a new message would repeat Rasa turns and store entries twice.
    """
    chat = update.effective_chat
    message = update.edited_message
    if chat is None or message is None:
        return
    text = message.text or message.caption or ""
    if text and decide(text).escalate:
        replies = await get_conversation(context).handle_text(chat.id, text)
        await send_replies(context.bot, chat.id, replies)
        return
    await context.bot.send_message(chat.id, EDIT_REPLY)


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was added to a group: say it's for private chats, then leave (no client data)."""
    chat = update.effective_chat
    if chat is None:
        return
    try:
        await context.bot.send_message(chat.id, GROUP_REPLY)
        await context.bot.leave_chat(chat.id)
    except TelegramError:
        log.info("could not say goodbye to or leave a group chat")


async def unsupported_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and the like: a kind, clear answer."""
    chat = update.effective_chat
    if chat is None:
        return
    await context.bot.send_message(
        chat.id,
        "I'm a bot and I can only read text for now. Could you type it, or use the buttons?",
    )


async def log_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback of any handler failure (never the update itself: it holds client text)."""
    log.error("handler failed", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                "Sorry, something went wrong on my side (I'm a bot). Please try again.",
            )
        except Exception:
            log.exception("could not tell the client about the failure")
