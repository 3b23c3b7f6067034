from typing import Any

from bot.telegram_app import build_application
from companion.settings import Settings
from tests.bot.fakes import RecordingAlerts, echo_rasa, make_conversation
from tests.bot.offline_telegram import (
    build_offline_app,
    callback_update,
    private_message,
    to_update,
)


async def test_text_message_is_answered_through_the_pipeline() -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    async with app:
        await app.process_update(to_update(private_message("kia ora"), app))
    assert seen == [{"sender": "5", "message": "kia ora"}]
    assert request.sent_texts() == ["echo: kia ora"]


async def test_start_command_sends_the_start_intent() -> None:
    seen: list[dict[str, Any]] = []
    app, _ = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    async with app:
        await app.process_update(to_update(private_message("/start"), app))
    assert seen == [{"sender": "5", "message": "/start"}]


async def test_button_tap_answers_the_query_removes_keyboard_and_sends_payload() -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    tap = callback_update("/consent_yes")
    async with app:
        await app.process_update(to_update(tap, app))
    methods = [m for m, _ in request.calls]
    assert "answerCallbackQuery" in methods and "editMessageReplyMarkup" in methods
    assert seen == [{"sender": "5", "message": "/consent_yes"}]


async def test_risk_message_reply_and_alert_over_telegram() -> None:
    alerts = RecordingAlerts(alerted="Aroha")
    app, request = build_offline_app(make_conversation(alerts=alerts))
    async with app:
        await app.process_update(
            to_update(private_message("i dont want to be alive, i want to die"), app)
        )
    assert "1737" in request.sent_texts()[0]
    assert len(alerts.alerts) == 1


async def test_sticker_gets_a_kind_text_only_answer() -> None:
    app, request = build_offline_app(make_conversation())
    update = private_message("x")
    del update["message"]["text"]
    update["message"]["sticker"] = {
        "file_id": "s",
        "file_unique_id": "u",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }
    async with app:
        await app.process_update(to_update(update, app))
    assert "only read text" in request.sent_texts()[0]


def test_base_url_points_at_a_self_hosted_bot_api() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123:abc",
        telegram_base_url="http://127.0.0.1:8081/bot",
    )
    app = build_application(settings)
    assert app.bot.base_url == "http://127.0.0.1:8081/bot123:abc"


def test_chats_run_concurrently_and_replies_are_paced_to_telegrams_limit() -> None:
    from telegram.ext import AIORateLimiter

    from bot.update_order import ChatOrderedProcessor

    settings = Settings(_env_file=None, telegram_bot_token="123:abc")  # type: ignore[call-arg]
    app = build_application(settings)
    assert isinstance(app.update_processor, ChatOrderedProcessor)
    limiter = app.bot.rate_limiter
    assert isinstance(limiter, AIORateLimiter)
    assert limiter._base_limiter is not None and limiter._base_limiter.max_rate == 30
    unpaced = Settings(_env_file=None, telegram_bot_token="1:a", telegram_max_rate=0)  # type: ignore[call-arg]
    limiter = build_application(unpaced).bot.rate_limiter
    assert isinstance(limiter, AIORateLimiter) and limiter._base_limiter is None


async def test_menu_commands_map_to_intents_and_unknown_ones_get_help() -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    async with app:
        await app.process_update(to_update(private_message("/mood", update_id=1), app))
        await app.process_update(to_update(private_message("/goals", update_id=2), app))
        await app.process_update(to_update(private_message("/frobnicate", update_id=3), app))
    assert [s["message"] for s in seen] == ["/mood_checkin", "/plan_list"]
    assert "I don't know that command" in request.sent_texts()[-1]


async def test_shared_location_sets_only_the_time_zone() -> None:
    seen: list[dict[str, Any]] = []
    app, _ = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    update = private_message("x")
    del update["message"]["text"]
    update["message"]["location"] = {"latitude": -43.95, "longitude": -176.56}
    async with app:
        await app.process_update(to_update(update, app))
    assert seen == [{"sender": "5", "message": '/inform{"timezone":"Pacific/Chatham"}'}]


async def test_risk_reply_comes_with_a_contact_card_to_call_1737() -> None:
    app, request = build_offline_app(make_conversation())
    async with app:
        await app.process_update(to_update(private_message("i want to kill myself"), app))
    contacts = [p for m, p in request.calls if m == "sendContact"]
    assert contacts and contacts[0]["phone_number"] == "1737"


def _edited(text: str, update_id: int = 9) -> dict[str, Any]:
    data = private_message(text, update_id=update_id)
    data["edited_message"] = data.pop("message") | {"edit_date": 1}
    return data


async def test_an_edit_gets_a_kind_note_and_no_second_turn() -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    async with app:
        await app.process_update(to_update(_edited("feeling a 6 today"), app))
    assert seen == []  # not stored or answered twice
    assert "only answer new messages" in request.sent_texts()[0]


async def test_an_edit_that_discloses_risk_gets_the_safe_reply_and_an_alert() -> None:
    alerts = RecordingAlerts(alerted="Aroha")
    app, request = build_offline_app(make_conversation(alerts=alerts))
    async with app:
        await app.process_update(to_update(_edited("actually i want to kill myself"), app))
    assert "1737" in request.sent_texts()[0]
    assert len(alerts.alerts) == 1


async def test_in_a_group_the_bot_says_it_is_for_private_chats_and_leaves() -> None:
    seen: list[dict[str, Any]] = []
    app, request = build_offline_app(make_conversation(rasa=echo_rasa(seen)))
    data = private_message("hi everyone", chat_id=-1001, update_id=11)
    data["message"]["chat"] = {"id": -1001, "type": "group", "title": "Whānau"}
    async with app:
        await app.process_update(to_update(data, app))
    assert seen == []
    assert "one-to-one chats only" in request.sent_texts()[0]
    assert "leaveChat" in [method for method, _ in request.calls]


async def test_typing_is_shown_only_when_the_answer_is_slow(monkeypatch: Any) -> None:
    """A quick answer costs one Bot API call, not two; a slow one still shows "typing..."."""
    import asyncio

    import httpx

    from bot import handlers
    from tests.bot.fakes import rasa_answering

    monkeypatch.setattr(handlers, "TYPING_AFTER_SECONDS", 0.05)
    app, request = build_offline_app(make_conversation(rasa=echo_rasa()))
    async with app:
        await app.process_update(to_update(private_message("quick"), app))
    assert [m for m, _ in request.calls if m == "sendChatAction"] == []

    async def slow(payload: dict[str, Any]) -> httpx.Response:
        await asyncio.sleep(0.2)
        return httpx.Response(200, json=[{"recipient_id": "5", "text": "slow answer"}])

    app, request = build_offline_app(make_conversation(rasa=rasa_answering(slow)))  # type: ignore[arg-type]
    async with app:
        await app.process_update(to_update(private_message("slow"), app))
    methods = [m for m, _ in request.calls]
    assert methods.index("sendChatAction") < methods.index("sendMessage")
