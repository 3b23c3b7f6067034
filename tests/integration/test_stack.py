"""The real trained model and real action server: what the client sees, and what is stored."""

from __future__ import annotations

import httpx
import pytest

from bot.rasa_client import RasaClient
from companion.db.clients import get_client
from companion.db.session import create_engine, create_sessionmaker
from tests.conftest import Stack

pytestmark = pytest.mark.integration


async def send(stack: Stack, sender: str, text: str) -> list[str]:
    async with httpx.AsyncClient() as http:
        replies = await RasaClient(http, stack.rasa_url, 30.0).send_message(sender, text)
    return [r.text for r in replies]


async def test_hi_gets_a_greeting_from_the_model(stack: Stack) -> None:
    texts = await send(stack, "101", "hi")
    assert any("Kia ora" in t or "Hi there" in t for t in texts), texts


async def test_start_asks_for_consent_with_buttons(stack: Stack) -> None:
    async with httpx.AsyncClient() as http:
        replies = await RasaClient(http, stack.rasa_url, 30.0).send_message("102", "/start")
    assert "bot" in replies[0].text and "Telegram" in replies[0].text
    assert [b.payload for b in replies[0].buttons] == ["/consent_yes", "/consent_no"]


async def test_consent_button_writes_the_client_row_through_the_action_server(
    stack: Stack,
) -> None:
    texts = await send(stack, "103", "/consent_yes")
    assert any("noted your OK" in t for t in texts), texts
    engine = create_engine(stack.settings.resolved_database_url())
    async with create_sessionmaker(engine)() as session:
        client = await get_client(session, 103)
    await engine.dispose()
    assert client is not None


async def test_declining_consent_stores_nothing(stack: Stack) -> None:
    texts = await send(stack, "104", "/consent_no")
    assert any("won't save anything" in t for t in texts), texts
    engine = create_engine(stack.settings.resolved_database_url())
    async with create_sessionmaker(engine)() as session:
        assert await get_client(session, 104) is None
    await engine.dispose()


async def test_asking_if_it_is_a_bot_gets_an_honest_answer(stack: Stack) -> None:
    texts = await send(stack, "105", "am I talking to a real person?")
    assert any("I'm a bot, not a person" in t for t in texts), texts
