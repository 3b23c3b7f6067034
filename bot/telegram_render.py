"""Render channel-independent replies as Telegram messages with inline keyboards."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from companion.replies import Button, Reply

log = logging.getLogger(__name__)

CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for callback_data


def layout_buttons(buttons: Sequence[Button]) -> list[list[Button]]:
    """Rows for an inline keyboard: number scales six to a row, short words two, else one."""
    if all(len(b.title) <= 3 for b in buttons):
        width = 6
    elif all(len(b.title) <= 14 for b in buttons):
        width = 2
    else:
        width = 1
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def inline_keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    """An inline keyboard whose taps send each button's payload back as callback data."""
    usable = [b for b in buttons if b.url or len(b.payload.encode()) <= CALLBACK_DATA_LIMIT]
    if len(usable) < len(buttons):
        log.error("dropped %d button(s) whose payload is over 64 bytes", len(buttons) - len(usable))
    if not usable:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.title, url=b.url)
                if b.url
                else InlineKeyboardButton(b.title, callback_data=b.payload)
                for b in row
            ]
            for row in layout_buttons(usable)
        ]
    )


def keyboard_json(buttons: Sequence[Button]) -> str | None:
    """The same keyboard as `inline_keyboard`, as the Bot API's JSON (no PTB objects built)."""
    usable = [b for b in buttons if b.url or len(b.payload.encode()) <= CALLBACK_DATA_LIMIT]
    if not usable:
        return None
    rows = [
        [
            {"text": b.title, "url": b.url}
            if b.url
            else {"text": b.title, "callback_data": b.payload}
            for b in row
        ]
        for row in layout_buttons(usable)
    ]
    return json.dumps({"inline_keyboard": rows}, ensure_ascii=False)


async def send_replies(bot: Bot, chat_id: int, replies: Sequence[Reply]) -> None:
    """Send each reply in order: image, then text with its keyboard."""
    for reply in replies:
        if reply.image_url:
            await bot.send_photo(chat_id, reply.image_url)
        if reply.image_png:
            await bot.send_photo(chat_id, reply.image_png, caption=reply.caption or None)
        if reply.text:
            await bot.send_message(chat_id, reply.text, reply_markup=inline_keyboard(reply.buttons))
        if reply.contact_phone:
            # Telegram has no tel: buttons; a contact card gives the client a one-tap call.
            await bot.send_contact(chat_id, reply.contact_phone, reply.contact_name or "Call")
