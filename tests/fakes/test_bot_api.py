"""The fake Bot API against real python-telegram-bot."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fakes.bot_api import FakeBotApi

CHAT = 4242
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


def keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])


async def test_bot_calls_are_answered_and_recorded(fake: FakeBotApi) -> None:
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        me = await bot.get_me()
        first = await bot.send_message(CHAT, "hello", reply_markup=keyboard())
        second = await bot.send_message(str(CHAT), "again")
        photo = await bot.send_photo(CHAT, PNG, caption="a picture", reply_markup=keyboard())
        edited = await bot.edit_message_text("edited", chat_id=CHAT, message_id=first.message_id)
        doc = await bot.send_document(CHAT, b"a,b\n", filename="data.csv")
        unmarked = await bot.edit_message_reply_markup(CHAT, photo.message_id)
        assert await bot.send_chat_action(CHAT, "typing")
        assert (await bot.get_webhook_info()).url == ""

    assert me.is_bot and me.id == 123456 and me.username == fake.bot_user["username"]
    assert (first.message_id, second.message_id, photo.message_id) == (1, 2, 3)
    assert first.reply_markup == keyboard() and first.chat.type == "private"
    assert first.from_user is not None and first.from_user.id == me.id
    assert abs(first.date.timestamp() - time.time()) < 5
    assert photo.photo and photo.photo[-1].file_size == len(PNG) and photo.caption == "a picture"
    assert isinstance(edited, Message) and edited.text == "edited" and not edited.reply_markup
    assert photo.reply_markup == keyboard() and isinstance(unmarked, Message)
    assert unmarked.reply_markup is None and unmarked.caption == "a picture"
    assert doc.document and doc.document.file_name == "data.csv" and doc.document.file_size == 4

    [send, plain] = fake.calls("sendMessage", CHAT)
    assert send.params["text"] == "hello" and send.params["chat_id"] == CHAT
    assert send.params["reply_markup"] == keyboard().to_dict()
    assert plain.params["chat_id"] == CHAT  # sent as a string, recorded as an int
    [upload] = fake.calls("sendPhoto")
    assert upload.files == {"photo": PNG} and upload.params["caption"] == "a picture"
    # Multipart text fields carry JSON for structured values; the fake decodes them.
    assert upload.params["reply_markup"] == keyboard().to_dict()
    assert [m["message_id"] for m in fake.sent_messages(CHAT)] == [1, 2, 3, 4]
    # `async with bot` already calls getMe once.
    assert [c.method for c in fake.calls()] == [
        "getMe",
        "getMe",
        "sendMessage",
        "sendMessage",
        "sendPhoto",
        "editMessageText",
        "sendDocument",
        "editMessageReplyMarkup",
        "sendChatAction",
        "getWebhookInfo",
    ]


async def test_application_polls_updates_and_replies(fake: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("welcome", reply_markup=keyboard())

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_message.text
        await update.effective_message.reply_text(update.effective_message.text.upper())

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        await query.answer()
        await query.edit_message_text(f"you chose {query.data}")

    app = Application.builder().token(fake.token).base_url(fake.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        first = fake.push_text(CHAT, "/start")
        [welcome] = await asyncio.to_thread(fake.wait_for_call, "sendMessage", CHAT, timeout=5)
        assert welcome.params["text"] == "welcome"

        fake.push_callback(CHAT, "yes")
        [edit] = await asyncio.to_thread(fake.wait_for_call, "editMessageText", CHAT, timeout=5)
        assert edit.params["text"] == "you chose yes"
        assert edit.params["message_id"] == fake.sent_messages(CHAT)[0]["message_id"]
        assert fake.calls("answerCallbackQuery")

        fake.push_text(CHAT, "hi there")
        await asyncio.to_thread(
            fake.wait_for_call,
            "sendMessage",
            CHAT,
            timeout=5,
            predicate=lambda c: c.params["text"] == "HI THERE",
        )
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    # Stopping confirms the handled updates, so nothing would be delivered twice.
    assert fake.calls("getUpdates")[-1].params["offset"] == first + 3


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_injected_errors_raise_ptb_exceptions(fake: FakeBotApi) -> None:
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    fake.fail_next("sendMessage", 400, "Bad Request: chat not found")
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        with pytest.raises(RetryAfter, match="Retry in 1 seconds"):
            await bot.send_message(CHAT, "one")
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(CHAT, "two")
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(CHAT, "three")
        assert (await bot.send_message(CHAT, "four")).text == "four"
    assert len(fake.calls("sendMessage")) == 4 and len(fake.sent_messages()) == 1


async def test_unknown_token_is_unauthorized(fake: FakeBotApi) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=fake.base_url):
            pass
    assert fake.calls() == []


def test_long_poll_waits_for_a_pushed_update(fake: FakeBotApi) -> None:
    url = f"{fake.base_url}{fake.token}/getUpdates"
    started = time.monotonic()
    empty = httpx.post(url, json={"timeout": 0.3}).json()
    assert empty == {"ok": True, "result": []} and time.monotonic() - started >= 0.3

    with httpx.Client() as client:
        timer = threading.Timer(0.2, fake.push_text, (CHAT, "ping"))
        timer.start()
        started = time.monotonic()
        body = client.post(url, data={"timeout": "5"}).json()
        assert time.monotonic() - started < 2
        [update] = body["result"]
        assert update["message"]["text"] == "ping"
        # An offset past the update confirms it, as with the real API.
        offset = update["update_id"] + 1
        again = client.post(url, json={"offset": offset, "timeout": 0}).json()
    assert again["result"] == []


def test_rate_limit_and_delay(fake: FakeBotApi) -> None:
    limited = FakeBotApi(rate_limit_per_second=2).start()
    try:
        url = f"{limited.base_url}{limited.token}/sendMessage"
        codes = [httpx.post(url, json={"chat_id": 1, "text": "x"}).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        assert limited.calls()[-1].params == {"chat_id": 1, "text": "x"}
    finally:
        limited.stop()

    other = httpx.post(f"{fake.base_url}{fake.token}/setChatMenuButton", json={"chat_id": "7"})
    assert other.json() == {"ok": True, "result": True}
    assert fake.calls("setChatMenuButton", 7)[0].params == {"chat_id": 7}
    fake.delay_next("getMe", 0.5)
    started = time.monotonic()
    assert httpx.post(f"{fake.base_url}{fake.token}/getMe").json()["result"]["is_bot"]
    assert time.monotonic() - started >= 0.5
    with pytest.raises(TimeoutError, match="getMe"):
        fake.wait_for_call("sendMessage", timeout=0.1)
