"""Wording of the safe first reply to a risk message (see shared safety brief)."""

from __future__ import annotations

from collections.abc import Sequence

from companion.replies import Reply
from companion.safety.resources import CrisisResource


def render_safe_reply(resources: Sequence[CrisisResource], alerted: str | None) -> Reply:
    """The first crisis reply: thanks, concern, NZ lines, who was told (truthfully), open door."""
    lines = [
        "Thank you for telling me. I'm worried about how you're feeling and I want you to have "
        "support right now.",
        "",
    ]
    lines += [f"• {r.name}: {r.detail}" for r in resources]
    lines.append("")
    if alerted:
        lines.append(f"I'm a bot, so I've alerted {alerted} to get in touch with you.")
    else:
        lines.append(
            "I'm a bot, and no peer worker is on duty right now, so please reach out to 1737 "
            "or 111. A peer worker will see this when they're next on."
        )
    lines.append("I'm still here, you can keep typing.")
    return Reply(text="\n".join(lines))


def render_fallback_reply() -> Reply:
    """What the client sees when Rasa or the action server can't answer."""
    return Reply(
        text=(
            "Sorry, I'm having trouble thinking right now (I'm a bot, and part of me is down). "
            "Please try again in a few minutes. If you need someone now, free call or text 1737."
        )
    )
