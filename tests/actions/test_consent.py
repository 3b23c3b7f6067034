import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import OperationalError

from actions import consent
from actions.consent import ActionRecordConsent
from actions.database import get_sessionmaker
from companion.db.clients import get_client
from tests.actions.conftest import make_tracker


async def test_consent_creates_the_client_and_says_so(action_db: str) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionRecordConsent().run(dispatcher, make_tracker("9001", "consent_yes"), {})
    assert events == []
    assert [m["text"] for m in dispatcher.messages] == [consent.SAVED]
    async with get_sessionmaker()() as session:
        client = await get_client(session, 9001)
    assert client is not None and client.timezone == "Pacific/Auckland"


async def test_database_failure_is_never_reported_as_saved(
    action_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database is down"))

    monkeypatch.setattr(consent, "record_consent", broken)
    dispatcher = CollectingDispatcher()
    await ActionRecordConsent().run(dispatcher, make_tracker("9002", "consent_yes"), {})
    assert [m["text"] for m in dispatcher.messages] == [consent.NOT_SAVED]


async def test_non_chat_senders_are_not_stored(action_db: str) -> None:
    dispatcher = CollectingDispatcher()
    await ActionRecordConsent().run(dispatcher, make_tracker("not-a-chat", "consent_yes"), {})
    assert [m["text"] for m in dispatcher.messages] == [consent.NOT_SAVED]
