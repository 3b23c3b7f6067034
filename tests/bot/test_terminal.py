import httpx

from bot.terminal import chat_loop
from tests.bot.fakes import RecordingAlerts, make_conversation, rasa_answering


async def test_terminal_chat_taps_buttons_by_number_and_shows_alerts() -> None:
    sent: list[str] = []

    def rasa(body: dict[str, str]) -> httpx.Response:
        sent.append(body["message"])
        if body["message"] == "/start":
            return httpx.Response(
                200,
                json=[
                    {"text": "Welcome", "buttons": [{"title": "Yes", "payload": "/consent_yes"}]}
                ],
            )
        return httpx.Response(200, json=[{"text": f"got {body['message']}"}])

    lines = iter(["1", "hello", "i want to end my life", "/quit"])

    async def read_line(prompt: str) -> str | None:
        return next(lines, None)

    out: list[str] = []
    alerts = RecordingAlerts(alerted="a peer worker")
    await chat_loop(make_conversation(rasa_answering(rasa), alerts), read_line, out.append)
    assert sent == ["/start", "/consent_yes", "hello"]
    assert any("[1] Yes" in line for line in out)
    assert any("1737" in line for line in out)
    assert len(alerts.alerts) == 1
