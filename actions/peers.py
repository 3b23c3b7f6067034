"""Choosing a peer worker: names and the intro each worker wrote."""

from __future__ import annotations

from actions.common import ClientAction, Event, Turn, button
from companion.db.care import available_peers, get_peer


class ActionListPeers(ClientAction):
    """Show the available peer workers; a button chooses one."""

    def name(self) -> str:
        return "action_list_peers"

    async def act(self, turn: Turn) -> list[Event]:
        peers = await available_peers(turn.session)
        if not peers:
            turn.say("There are no peer workers listed yet. The service will assign one for you.")
            return []
        current = turn.client.peer_worker_id
        lines = [f"• {p.name}{' (yours now)' if p.id == current else ''}: {p.intro}" for p in peers]
        turn.say(
            "These are the peer workers (real people). Who would you like to work with?\n"
            + "\n".join(lines),
            [button(p.name[:30], f'/peer_choose{{"peer_id":"{p.id}"}}') for p in peers[:8]],
        )
        return []


class ActionChoosePeer(ClientAction):
    """Record the client's choice of peer worker."""

    def name(self) -> str:
        return "action_choose_peer"

    async def act(self, turn: Turn) -> list[Event]:
        raw = turn.entity("peer_id") or ""
        peer = await get_peer(turn.session, int(raw)) if raw.isdigit() else None
        if peer is None:
            turn.say("Sorry, that peer worker isn't available. Send /peer to see who is.")
            return []
        turn.client.peer_worker_id = peer.id
        turn.say(f"Done, {peer.name} is now your peer worker.")
        return []
