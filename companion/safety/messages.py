"""Wording of what the client sees around risk (see the shared safety brief). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from companion.replies import Button, Reply
from companion.safety.resources import CrisisResource

SAFETY_ANSWER = "/safety_answer"
DIRECT_QUESTION = "I want to check I've understood you. Are you thinking about suicide?"


def _call_card(resources: Sequence[CrisisResource]) -> list[Reply]:
    """A contact card for the first line with a phone number: one tap to call it."""
    first = next((r for r in resources if r.phone), None)
    if first is None or first.phone is None:
        return []
    return [Reply(contact_phone=first.phone, contact_name=f"{first.name} {first.phone}")]


def render_safe_reply(
    resources: Sequence[CrisisResource], alerted: str | None, team_notified: bool = False
) -> list[Reply]:
    """The first crisis reply: thanks, concern, NZ lines, who was told (truthfully), open door."""
    lines = [
        "Thank you for telling me. I'm worried about how you're feeling and I want you to have "
        "support right now.",
        "",
    ]
    lines += [f"• {r.name}: {r.detail}" for r in resources]
    lines.append("")
    if alerted:
        lines.append(
            f"I'm a bot, so I've alerted {alerted} to get in touch with you as soon as they can."
        )
    elif team_notified:
        lines.append(
            "I'm a bot, and no peer worker is on duty right now. I've left a message for the peer "
            "support team, who will see it when they're next on. Please reach out to 1737 or 111 "
            "now."
        )
    else:
        lines.append(
            "I'm a bot, and no peer worker is on duty right now, so please reach out to 1737 "
            "or 111. A peer worker will see this when they're next on."
        )
    lines.append("I'm still here, you can keep typing.")
    return [Reply(text="\n".join(lines)), *_call_card(resources)]


def render_direct_question() -> Reply:
    """Asked when a message might mean risk: plainly, with one-tap answers."""
    return Reply(
        text=DIRECT_QUESTION,
        buttons=(
            Button("Yes", f'{SAFETY_ANSWER}{{"answer":"yes"}}'),
            Button("Not sure", f'{SAFETY_ANSWER}{{"answer":"unsure"}}'),
            Button("No", f'{SAFETY_ANSWER}{{"answer":"no"}}'),
        ),
    )


def render_answered_no() -> Reply:
    """When the client says no to the direct question: thank them and keep the door open."""
    return Reply(
        text=(
            "Thank you for telling me, I'm glad you did. It sounds like things are hard right now. "
            "If that changes, free call or text 1737 any time, or ask for your peer worker. "
            "I'm still here."
        )
    )


def render_person_request_reply(alerted: str | None, team_notified: bool) -> Reply:
    """After the client asks for a person (or accepts a soft referral): who will be in touch."""
    if alerted:
        text = (
            f"I've let {alerted} know you'd like to talk. They're a real person and will get in "
            "touch as soon as they can. I'm a bot, and I'm still here meanwhile."
        )
    elif team_notified:
        text = (
            "No peer worker is on duty right now, so I've left a message for the team. Someone "
            "will get back to you when they're next on. If you'd like to talk sooner, free call "
            "or text 1737."
        )
    else:
        text = (
            "I couldn't reach a peer worker just now (I'm a bot, sorry). Please try again later, "
            "or free call or text 1737 to talk with someone now."
        )
    return Reply(text=text)


def render_relay_safety_line() -> Reply:
    """During a handoff the bot stays quiet, except this line when a message shows risk."""
    return Reply(
        text="(Bot note: if you're in immediate danger call 111, or free call or text 1737.)"
    )


def render_fallback_reply() -> Reply:
    """What the client sees when Rasa or the action server can't answer."""
    return Reply(
        text=(
            "Sorry, I'm having trouble thinking right now (I'm a bot, and part of me is down). "
            "Please try again in a few minutes. If you need someone now, free call or text 1737."
        )
    )
