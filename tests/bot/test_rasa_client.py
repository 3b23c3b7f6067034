import httpx
import pytest

from bot.rasa_client import RasaUnavailable
from companion.replies import Button, Reply
from tests.bot.fakes import rasa_answering


async def test_replies_and_buttons_come_back() -> None:
    rasa = rasa_answering(
        lambda body: httpx.Response(
            200, json=[{"text": "Kia ora", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
        )
    )
    assert await rasa.send_message("5", "hi") == [
        Reply(text="Kia ora", buttons=(Button("Yes", "/affirm"),))
    ]


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, json=[]),  # Rasa's answer when an action fails or times out
        httpx.Response(500, text="boom"),
        httpx.Response(200, text="not json"),
        httpx.Response(200, json={"error": "x"}),
    ],
)
async def test_every_failure_is_rasa_unavailable(response: httpx.Response) -> None:
    rasa = rasa_answering(lambda body: response)
    with pytest.raises(RasaUnavailable):
        await rasa.send_message("5", "hi")


async def test_timeouts_and_refused_connections_are_rasa_unavailable() -> None:
    def timeout(body: object) -> httpx.Response:
        raise httpx.ReadTimeout("slow")

    with pytest.raises(RasaUnavailable):
        await rasa_answering(timeout).send_message("5", "hi")


async def test_is_ready_is_false_when_nothing_listens() -> None:
    from bot.rasa_client import RasaClient
    from tests.conftest import free_port

    async with httpx.AsyncClient() as http:
        rasa = RasaClient(http, f"http://127.0.0.1:{free_port()}", 1.0)
        assert await rasa.is_ready() is False
