"""Who gets an alert: the client's own worker, else the on-duty roster, else the backup chat.

Pure: the bot loads the workers and calls these; the database and Telegram stay outside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Worker:
    """What routing needs to know about a peer worker."""

    id: int
    telegram_user_id: int
    name: str
    on_duty: bool


@dataclass(frozen=True)
class Recipient:
    """One chat an alert goes to. Workers' private chats get context; the backup chat doesn't."""

    chat_id: int
    worker: Worker | None

    @property
    def is_backup(self) -> bool:
        """The shared backup chat (no client text or identity goes there)."""
        return self.worker is None


def route_alert(
    stage: int,
    chosen: Worker | None,
    on_duty: Sequence[Worker],
    backup_chat_id: int | None,
) -> tuple[Recipient, ...]:
    """Recipients at a stage: 0 = first alert, 1+ = re-sent and widened to everyone reachable."""
    chosen_on_duty = chosen if chosen is not None and chosen.on_duty else None
    roster = tuple(w for w in on_duty if w.on_duty)
    backup = (Recipient(backup_chat_id, None),) if backup_chat_id is not None else ()
    if stage == 0:
        if chosen_on_duty is not None:
            return (Recipient(chosen_on_duty.telegram_user_id, chosen_on_duty),)
        if roster:
            return tuple(Recipient(w.telegram_user_id, w) for w in roster)
        return backup
    workers = ((chosen_on_duty,) if chosen_on_duty else ()) + tuple(
        w for w in roster if chosen_on_duty is None or w.id != chosen_on_duty.id
    )
    return tuple(Recipient(w.telegram_user_id, w) for w in workers) + backup


def who_was_told(recipients: Sequence[Recipient], chosen: Worker | None) -> str | None:
    """What the client may truthfully be told: a peer worker on duty was alerted, or None."""
    workers = [r.worker for r in recipients if r.worker is not None and r.worker.on_duty]
    if not workers:
        return None
    if chosen is not None and any(w.id == chosen.id for w in workers):
        return f"{chosen.name}, your peer worker,"
    if len(workers) == 1:
        return f"{workers[0].name}, the peer worker on duty,"
    return "the peer workers on duty"


def next_alert_time(
    now: datetime, sends: int, resend_after: timedelta, max_sends: int
) -> datetime | None:
    """When to re-send an unacknowledged alert, or None once it has been sent `max_sends` times."""
    if sends >= max_sends:
        return None
    return now + resend_after
