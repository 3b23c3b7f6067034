"""Peer workers on Telegram: alert buttons, duty, handoff relay, Caring Contacts, invites.

Every staff command and button is checked against the peer_workers table; anyone else is
refused and the attempt is audited.
"""

from __future__ import annotations

import logging
import re

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.escalation import EscalationService, SendResult
from companion.db.peers import INVITE_PREFIX

log = logging.getLogger(__name__)

ESCALATION_KEY = "escalation"
STAFF_COMMANDS = frozenset(
    {"staff", "duty", "onduty", "offduty", "intro", "handback", "resolve", "caring"}
)
_ALERT_CALLBACK = re.compile(r"^esc:(ack|take|back|res):(\d{1,12})$")
_DUTY_CALLBACK = re.compile(r"^duty:(on|off)$")
STAFF_HELP = (
    "Peer worker commands:\n"
    "/duty — go on or off duty\n"
    "/intro <text> — the short intro clients see when they choose a peer worker\n"
    "/handback — give the client you're talking with back to the bot\n"
    "/resolve — close the episode you're in\n"
    "/caring <episode> <days,days> <message> — schedule Caring Contacts after resolving, "
    "e.g. /caring 12 3,10,21 Thinking of you, here if you want a kōrero."
)


class TelegramStaffChannel:
    """StaffChannel over the Bot API. Alerts can't be forwarded (protect_content)."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send_alert(self, chat_id: int, text: str, episode_id: int) -> int | None:
        """The alert with its three buttons."""
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Acknowledge", callback_data=f"esc:ack:{episode_id}"),
                    InlineKeyboardButton("Take over", callback_data=f"esc:take:{episode_id}"),
                ],
                [InlineKeyboardButton("Resolve", callback_data=f"esc:res:{episode_id}")],
            ]
        )
        try:
            message = await self._bot.send_message(
                chat_id, text, reply_markup=keyboard, protect_content=True
            )
        except TelegramError:
            log.exception("alert #%s not delivered", episode_id)
            return None
        return message.message_id

    async def close_alert(self, chat_id: int, message_id: int, note: str) -> None:
        """Remove the buttons from an alert someone else took, and say who."""
        try:
            await self._bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        except BadRequest:
            log.debug("alert buttons already gone")
        await self._bot.send_message(chat_id, note, reply_to_message_id=message_id)

    async def send_text(self, chat_id: int, text: str) -> SendResult:
        """A plain message; 'blocked' when the person has blocked the bot."""
        try:
            await self._bot.send_message(chat_id, text, protect_content=True)
        except Forbidden:
            return "blocked"
        except TelegramError:
            log.exception("message to a chat could not be sent")
            return "failed"
        return "sent"


def get_escalation(context: ContextTypes.DEFAULT_TYPE) -> EscalationService:
    """The escalation service created in post_init."""
    service = context.bot_data[ESCALATION_KEY]
    assert isinstance(service, EscalationService)
    return service


async def is_staff(context: ContextTypes.DEFAULT_TYPE, user_id: int) -> bool:
    """True for an active registered peer worker (False if the database can't say)."""
    if ESCALATION_KEY not in context.bot_data:
        return False  # no staff side configured (offline tests)
    try:
        return await get_escalation(context).staff_worker(user_id) is not None
    except Exception:
        log.exception("could not check staff status")
        return False


async def staff_command(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> None:
    """A staff command, from a worker (done) or anyone else (refused and audited)."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None or message.text is None:
        return
    service = get_escalation(context)
    if not await is_staff(context, user.id):
        await service.refuse(user.id, f"/{name}")
        await context.bot.send_message(chat.id, "Sorry, that command is only for peer workers.")
        return
    args = message.text.split(maxsplit=1)[1] if " " in message.text.strip() else ""
    reply = await _run_staff_command(service, user.id, name, args.strip())
    if reply:
        markup = _duty_keyboard() if name == "duty" else None
        await context.bot.send_message(chat.id, reply, reply_markup=markup)


def _duty_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("On duty", callback_data="duty:on"),
                InlineKeyboardButton("Off duty", callback_data="duty:off"),
            ]
        ]
    )


async def _run_staff_command(service: EscalationService, user_id: int, name: str, args: str) -> str:
    if name == "staff":
        return STAFF_HELP
    if name == "duty":
        worker = await service.staff_worker(user_id)
        state = "on duty" if worker is not None and worker.on_duty else "off duty"
        return f"You're {state} now. Tap to change."
    if name in ("onduty", "offduty"):
        return await service.set_duty(user_id, name == "onduty")
    if name == "intro":
        if not args:
            return "Send /intro followed by a sentence or two about you."
        return await service.set_intro(user_id, args)
    if name in ("handback", "resolve"):
        episode = await service.current_handoff(user_id)
        if episode is None:
            return "You aren't talking with a client right now. Use the buttons on the alert."
        return await service.staff_action(user_id, "back" if name == "handback" else "res", episode)
    if name == "caring":
        return await _schedule_caring(service, user_id, args)
    return STAFF_HELP


async def _schedule_caring(service: EscalationService, user_id: int, args: str) -> str:
    parts = args.split(maxsplit=2)
    usage = "Usage: /caring <episode> <days,days> <message>, e.g. /caring 12 3,10 Thinking of you."
    if len(parts) < 3 or not parts[0].isdigit():
        return usage
    try:
        days = [float(d) for d in parts[1].split(",") if d]
    except ValueError:
        return usage
    if not days or len(days) > 8 or any(not 0 < d <= 90 for d in days):
        return "Days must be between 0 and 90, at most 8 of them. " + usage
    return await service.schedule_caring(user_id, int(parts[0]), days, parts[2])


async def staff_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Handle an alert or duty button; False when the data isn't a staff button at all."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or query.data is None:
        return False
    alert = _ALERT_CALLBACK.match(query.data)
    duty = _DUTY_CALLBACK.match(query.data)
    if not alert and not duty and not query.data.startswith(("esc:", "duty:")):
        return False
    service = get_escalation(context)
    if not await is_staff(context, user.id) or not (alert or duty):
        await service.refuse(user.id, f"button {query.data[:40]}")
        await query.answer("Sorry, these buttons are only for peer workers.", show_alert=True)
        return True
    if duty:
        text = await service.set_duty(user.id, duty.group(1) == "on")
        await query.answer()
        await context.bot.send_message(user.id, text)
        return True
    assert alert is not None
    reply = await service.staff_action(user.id, alert.group(1), int(alert.group(2)))
    await query.answer(reply[:190])
    await context.bot.send_message(user.id, reply)
    return True


async def worker_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """A worker's message in their private chat: relayed during a handoff; True if handled."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return False
    if not await is_staff(context, user.id):
        return False
    reply = await get_escalation(context).relay_from_worker(user.id, message.text)
    if reply is None:
        reply = "You aren't talking with a client right now (I'm the bot). /staff lists commands."
    if reply:
        await context.bot.send_message(user.id, reply)
    return True


async def redeem_invite(update: Update, context: ContextTypes.DEFAULT_TYPE, token: str) -> None:
    """/start invite_<token>: register the sender as a peer worker if the invite is valid."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    worker = await get_escalation(context).redeem(user.id, token)
    if worker is None:
        await context.bot.send_message(
            chat.id, "Sorry, that invite link isn't valid any more. Please ask for a new one."
        )
        return
    await context.bot.send_message(
        chat.id,
        f"Kia ora {worker.name}, you're registered as a peer worker. " + STAFF_HELP,
        reply_markup=_duty_keyboard(),
    )


def invite_token(text: str) -> str | None:
    """The token of a `/start invite_<token>` deep link, if that's what this is."""
    parts = text.split(maxsplit=1)
    if len(parts) == 2 and parts[1].startswith(INVITE_PREFIX):
        token = parts[1][len(INVITE_PREFIX) :].strip()
        return token if re.fullmatch(r"[A-Za-z0-9_-]{8,64}", token) else None
    return None
