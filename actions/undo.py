"""Undo: the client takes back a mistaken entry (from its Undo button, or by saying so)."""

from __future__ import annotations

from datetime import timedelta

from actions.common import ClientAction, Event, Turn
from companion.db.undo import DESCRIPTIONS, delete_entry, latest_entry, parse_undo_ref

UNDO_WINDOW = timedelta(hours=24)


class ActionUndoLast(ClientAction):
    """Delete the entry named by the button, or the latest one from the last 24 hours."""

    def name(self) -> str:
        return "action_undo_last"

    async def act(self, turn: Turn) -> list[Event]:
        ref = turn.entity("undo_ref")
        target = (
            parse_undo_ref(ref)
            if ref
            else await latest_entry(turn.session, turn.client.id, turn.now - UNDO_WINDOW)
        )
        if target is None or not await delete_entry(turn.session, turn.client.id, *target):
            turn.say("There's nothing recent for me to undo.")
            return []
        turn.say(f"Done, I've removed that {DESCRIPTIONS[target[0]]}.")
        return []
