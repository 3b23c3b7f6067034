"""Wording of the alerts peer workers read. Pure; no client text ever goes to the backup chat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

REASON_WORDS = {
    "suicide": "thoughts of suicide",
    "passive": "wishing not to be alive",
    "plan": "a plan, timing or means",
    "method": "asking about methods",
    "self_harm": "self-harm",
    "harm_to_others": "thoughts of harming someone",
    "abuse": "abuse or not being safe at home",
    "third_person": "someone else at risk",
    "ambiguous": "an unclear message about not coping",
    "answered_yes": "said yes when asked about suicide",
    "rasa_intent": "risk recognised by the language model",
    "learned": "risk recognised by the learned screen (indirect wording)",
    "asked": "asked to talk with a person",
    "low_moods": "several low moods in a row",
    "who5_low": "a low WHO-5 wellbeing score",
}
KIND_TITLES = {
    "risk": "⚠️ RISK ALERT",
    "request": "🙋 Request for a person",
    "referral": "🌱 Soft referral (not urgent)",
}


@dataclass(frozen=True)
class AlertContext:
    """What the client consented to share with their peer worker."""

    preferred_name: str | None
    consented: bool
    moods: Sequence[tuple[datetime, int]] = field(default_factory=tuple)
    goals: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class AlertFacts:
    """The episode as the alert describes it."""

    episode_id: int
    kind: str
    level: str
    reason: str
    created_at: datetime
    send_number: int


def describe_reason(reason: str) -> str:
    """Plain words for a screen or request reason."""
    return REASON_WORDS.get(reason, reason.replace("_", " "))


def _heading(facts: AlertFacts) -> str:
    title = KIND_TITLES.get(facts.kind, "Alert")
    again = (
        f" (sent again, {facts.send_number}×, not yet acknowledged)"
        if facts.send_number > 1
        else ""
    )
    level = f" · {facts.level} priority" if facts.kind == "risk" else ""
    return f"{title} #{facts.episode_id}{level}{again}\nWhy: {describe_reason(facts.reason)}"


def render_worker_alert(facts: AlertFacts, trigger_text: str | None, ctx: AlertContext) -> str:
    """The alert in a worker's private chat: the trigger and what the client agreed to share."""
    lines = [_heading(facts)]
    if ctx.consented:
        lines.append(f"Client: {ctx.preferred_name or 'no name given'}")
    else:
        lines.append("Client: not enrolled (has not consented; nothing else is stored).")
    if trigger_text:
        lines.append(f"Their message: “{trigger_text[:700]}”")
    if ctx.consented and ctx.moods:
        moods = ", ".join(f"{score}/10 ({when:%d %b})" for when, score in ctx.moods)
        lines.append(f"Recent moods: {moods}")
    if ctx.consented and ctx.goals:
        lines.append("Goals: " + "; ".join(g[:60] for g in ctx.goals[:3]))
    if facts.kind == "risk":
        lines.append("The client has been given 1737 and 111 and told a worker was alerted if so.")
    lines.append("Tap Take over to talk with them here through the bot.")
    return "\n".join(lines)


def render_team_alert(facts: AlertFacts) -> str:
    """The alert in the shared backup chat: no client text, name or chat id (need to know)."""
    return (
        f"{_heading(facts)}\n"
        "No peer worker on duty has acknowledged it. A registered peer worker can tap "
        "Acknowledge or Take over to see the details in their private chat with the bot."
    )


def render_acknowledged_note(worker_name: str, action: str) -> str:
    """What replaces the buttons on an alert once someone has acted on it."""
    return f"✅ {action} by {worker_name}."
