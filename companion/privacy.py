"""The client's privacy requests in words: the /mydata file and what /forgetme says.

Pure: no database, no Telegram. Follows the Health Information Privacy Code 2020 (rule 6,
access; rule 9, keep no longer than needed) as a service would explain it to a client.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

EXPORT_NOTE = (
    "Everything this companion stores about you. 'conversation' is the chat history the bot's "
    "language model keeps; the other parts are the companion's own records. Telegram keeps its "
    "own copy of your chats, which this service can't see or delete."
)

FORGET_QUESTION = (
    "This deletes what I (a bot) store about you: your moods, goals, check-ins, reminders, "
    "wellbeing answers, feedback and our chat history. It also withdraws your OK for me to "
    "keep anything. It can't be undone. Do you want me to delete it?"
)
FORGET_YES = "privacy:forget:yes"
FORGET_NO = "privacy:forget:no"
FORGET_KEPT_ANSWER = "No worries, I've kept everything as it is."
NOTHING_STORED = (
    "I don't have anything stored about you (I'm a bot). If you want to start, send /start."
)
NOT_DONE = (
    "Sorry, I couldn't do that just now, so nothing has changed. Please try again in a little "
    "while. If you need to talk to someone now, free call or text 1737."
)


@dataclass(frozen=True)
class ForgetOutcome:
    """What deleting found, for the words the client reads."""

    deleted_anything: bool
    kept_open_episodes: int
    kept_safety_records: int
    retention_days: int
    history_deleted: bool


def export_document(
    records: dict[str, list[dict[str, Any]]],
    conversation: list[dict[str, Any]],
    now: datetime,
) -> bytes:
    """The /mydata file: JSON a person can read, and a program too."""
    document = {
        "about": EXPORT_NOTE,
        "exported_at": now.isoformat(),
        "records": records,
        "conversation": conversation,
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def export_caption(records: dict[str, list[dict[str, Any]]], events: int) -> str:
    """The short message sent with the file."""
    rows = sum(len(v) for v in records.values())
    return (
        f"Here's everything I store about you: {rows} records and {events} chat entries. "
        "Send /forgetme if you'd like me to delete it."
    )


def forget_answer(outcome: ForgetOutcome) -> str:
    """What the client is told after /forgetme, truthfully, including what stays and why."""
    if not outcome.history_deleted:
        return (
            "I've deleted your records, but I couldn't delete our chat history just now. "
            "I'll need you to send /forgetme again in a little while to finish it."
        )
    if not outcome.deleted_anything:
        return "Done. I had nothing stored about you, and I've kept nothing."
    lines = ["Done. I've deleted what I stored about you and I won't keep anything new."]
    if outcome.kept_open_episodes:
        lines.append(
            "One thing stays for now: the record that a peer worker was asked to check in on you, "
            "because that support is still open. Your words in it are deleted."
        )
    if outcome.kept_safety_records:
        lines.append(
            f"The service keeps a short record that a safety alert was raised (the date, not your "
            f"words) for {outcome.retention_days} days, as its safety rules require. Ask your peer "
            "worker or the service if you'd like to know more."
        )
    lines.append("If you'd like to use the companion again later, send /start.")
    return "\n\n".join(lines)
