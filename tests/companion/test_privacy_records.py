"""/mydata's export and /forgetme's deletion over every table, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta, timezone

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.field_crypto import FieldCipher, FieldKeyError, new_key, use_cipher
from companion.db.models import (
    ActionPlan,
    AlertDelivery,
    AuditEvent,
    Base,
    CarePerson,
    CaringContact,
    Client,
    Escalation,
    Feedback,
    MoodEntry,
    Nudge,
    NudgeSchedule,
    PeerWorker,
    PlanCheckin,
    Referral,
    Who5Result,
)
from companion.db.privacy import client_records, forget_client

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
CHAT = 7_100_001
OTHER = 7_100_002
NOTE = "felt wobbly after the tangi, walked to the awa"
CLIENT_COLUMNS = ("client_id", "chat_id", "client_chat_id")


@pytest.fixture(autouse=True)
def no_cipher() -> Iterator[None]:
    use_cipher(None)
    yield
    use_cipher(None)


async def seed(session: AsyncSession, chat_id: int, worker: PeerWorker) -> Client:
    """One row in every table that can hold something about a client."""
    client = Client(chat_id=chat_id, consented_at=NOW, created_at=NOW, preferred_name="Mere")
    session.add(client)
    await session.flush()
    owned = {"client_id": client.id, "created_at": NOW}
    person = CarePerson(name="Nan", kind="whanau", closeness=5, **owned)
    session.add(person)
    await session.flush()
    plan = ActionPlan(
        life_area="movement",
        what="walk to the awa",
        how_much="20 min",
        when_text="7pm",
        days_per_week=3,
        confidence=8,
        care_person_id=person.id,
        **owned,
    )
    session.add(plan)
    await session.flush()
    schedule = NudgeSchedule(
        client_id=client.id, kind="checkin", local_time=time(19), created_at=NOW
    )
    session.add(schedule)
    await session.flush()
    resolved_old = Escalation(
        chat_id=chat_id, kind="risk", level="high", reason="ideation", source="screen",
        trigger_text="old words", status="resolved", created_at=NOW - timedelta(days=400),
    )  # fmt: skip
    resolved_recent = Escalation(
        chat_id=chat_id, kind="risk", level="high", reason="ideation", source="screen",
        trigger_text="recent words", status="resolved", created_at=NOW - timedelta(days=10),
    )  # fmt: skip
    open_episode = Escalation(
        chat_id=chat_id, kind="risk", level="high", reason="plan", source="screen",
        trigger_text="open words", status="acknowledged", created_at=NOW - timedelta(hours=1),
    )  # fmt: skip
    session.add_all([resolved_old, resolved_recent, open_episode])
    await session.flush()
    session.add_all(
        [
            MoodEntry(score=4, note=NOTE, **owned),
            Who5Result(answers="3,3,2,2,1", raw=11, **owned),
            PlanCheckin(plan_id=plan.id, outcome="done", **owned),
            Referral(resource_key="walking_group", need="connection", **owned),
            Feedback(rating=5, comment="choice, thanks", **owned),
            Nudge(
                client_id=client.id,
                chat_id=chat_id,
                schedule_id=schedule.id,
                kind="checkin",
                due_at=NOW,
                status="pending",
                created_at=NOW,
            ),
            AlertDelivery(
                escalation_id=resolved_old.id,
                recipient_chat_id=worker.telegram_user_id,
                peer_worker_id=worker.id,
                stage=0,
                sent_at=NOW,
            ),
            CaringContact(
                escalation_id=resolved_recent.id,
                peer_worker_id=worker.id,
                chat_id=chat_id,
                text="Thinking of you, Mere",
                send_at=NOW + timedelta(days=3),
                status="scheduled",
                created_at=NOW,
            ),
            AuditEvent(
                at=NOW,
                action="alert_sent",
                client_chat_id=chat_id,
                escalation_id=resolved_recent.id,
                detail="stage 0",
            ),
            AuditEvent(at=NOW, action="data_exported", client_chat_id=chat_id),
        ]
    )
    await session.flush()
    return client


async def _worker(session: AsyncSession) -> PeerWorker:
    worker = PeerWorker(telegram_user_id=42, name="Ben", created_at=NOW)
    session.add(worker)
    await session.flush()
    return worker


def _client_tables() -> list[str]:
    return sorted(
        t.name
        for t in Base.metadata.sorted_tables
        if t.name == "clients" or any(c in t.columns for c in CLIENT_COLUMNS)
    )


async def test_mydata_holds_every_table_that_names_the_client(session: AsyncSession) -> None:
    worker = await _worker(session)
    await seed(session, CHAT, worker)
    await seed(session, OTHER, worker)
    records = await client_records(session, CHAT)
    # Every table that can name a client is in the file (a new table is covered by itself).
    assert sorted(records) == _client_tables()
    assert records["mood_entries"][0]["note"] == NOTE
    assert len(records["escalations"]) == 3
    assert all(r["chat_id"] == CHAT for r in records["escalations"])
    assert all(r["client_chat_id"] == CHAT for r in records["audit_events"])
    assert await client_records(session, 9_999) == {}


async def _count(session: AsyncSession, model: type[Base], **where: int) -> int:
    query = select(func.count()).select_from(model)
    for key, value in where.items():
        query = query.where(getattr(model, key) == value)
    return int(await session.scalar(query) or 0)


async def test_forgetme_deletes_everything_but_an_open_episode(session: AsyncSession) -> None:
    worker = await _worker(session)
    client = await seed(session, CHAT, worker)
    other = await seed(session, OTHER, worker)
    before = await client_records(session, OTHER)

    report = await forget_client(session, CHAT, NOW, retention=timedelta(0))
    await session.flush()

    left = await client_records(session, CHAT)
    assert sorted(left) == ["escalations"], left
    [kept] = left["escalations"]
    assert kept["status"] == "acknowledged" and kept["trigger_text"] is None
    assert report.kept_open_episodes == 1 and report.kept_safety_records == 0
    for model in (MoodEntry, Who5Result, ActionPlan, PlanCheckin, CarePerson, Feedback):
        assert await _count(session, model, client_id=client.id) == 0
    assert await _count(session, Nudge, chat_id=CHAT) == 0
    assert await _count(session, CaringContact, chat_id=CHAT) == 0
    assert await _count(session, AuditEvent, client_chat_id=CHAT) == 0
    # The deletion itself is audited without naming the client.
    forgotten = (
        await session.execute(select(AuditEvent).where(AuditEvent.action == "client_forgotten"))
    ).scalar_one()
    assert forgotten.client_chat_id is None
    # The other client is untouched.
    assert await client_records(session, OTHER) == before
    assert other.id != client.id


async def test_a_retention_rule_keeps_recent_safety_records_without_words(
    session: AsyncSession,
) -> None:
    worker = await _worker(session)
    await seed(session, CHAT, worker)
    report = await forget_client(session, CHAT, NOW, retention=timedelta(days=365))
    await session.flush()
    left = (await client_records(session, CHAT))["escalations"]
    assert sorted(r["status"] for r in left) == ["acknowledged", "resolved"]
    assert all(r["trigger_text"] is None for r in left)
    assert report.kept_safety_records == 1 and report.kept_open_episodes == 1
    # With records kept, the audit trail about them stays too (accountability for the alert).
    assert await _count(session, AuditEvent, client_chat_id=CHAT) == 1
    assert "clients" not in await client_records(session, CHAT)


async def _raw_values(session: AsyncSession) -> list[str]:
    rows = await session.execute(
        text(
            "SELECT note FROM mood_entries UNION ALL SELECT comment FROM feedback "
            "UNION ALL SELECT trigger_text FROM escalations UNION ALL SELECT text "
            "FROM caring_contacts"
        )
    )
    return [r[0] for r in rows.all() if r[0] is not None]


async def test_free_text_is_encrypted_at_rest_when_a_key_is_set(session: AsyncSession) -> None:
    use_cipher(FieldCipher.from_setting(new_key()))
    worker = await _worker(session)
    await seed(session, CHAT, worker)
    await session.commit()
    raw = await _raw_values(session)
    assert len(raw) == 6
    assert all(v.startswith("fernet:") for v in raw)
    assert not any(NOTE in v or "Mere" in v or "words" in v for v in raw)
    session.expunge_all()
    entry = (await session.execute(select(MoodEntry))).scalar_one()
    assert entry.note == NOTE  # read back through the cipher

    # Without the key the ciphertext is never shown as if it were the note.
    use_cipher(None)
    session.expunge_all()
    with pytest.raises(FieldKeyError):
        await session.execute(select(MoodEntry))
    # A wrong key fails the same way.
    use_cipher(FieldCipher.from_setting(new_key()))
    session.expunge_all()
    with pytest.raises(FieldKeyError):
        await session.execute(select(MoodEntry))


async def test_rows_written_before_the_key_read_back_and_can_be_encrypted(
    session: AsyncSession,
) -> None:
    from companion.db.at_rest import encrypt_plain_values

    worker = await _worker(session)
    await seed(session, CHAT, worker)
    await session.commit()
    assert NOTE in await _raw_values(session)  # no key: plain text, as before this feature
    old, new = new_key(), new_key()
    use_cipher(FieldCipher.from_setting(old))
    session.expunge_all()
    assert (await session.execute(select(MoodEntry))).scalar_one().note == NOTE
    assert await encrypt_plain_values(session) == 6
    await session.commit()
    assert all(v.startswith("fernet:") for v in await _raw_values(session))
    assert await encrypt_plain_values(session) == 0
    # Rotation: a new key first, the old one still opens what it wrote.
    use_cipher(FieldCipher.from_setting(f"{new},{old}"))
    session.expunge_all()
    assert (await session.execute(select(MoodEntry))).scalar_one().note == NOTE


def test_a_malformed_key_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="companion db new-key"):
        FieldCipher.from_setting("not-a-key")
    assert FieldCipher.from_setting("") is None
    assert FieldCipher.from_setting(None) is None
