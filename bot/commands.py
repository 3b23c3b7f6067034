"""Telegram commands and the Rasa intent each one starts (one list: handlers and the menu)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """A slash command shown in Telegram's menu."""

    name: str
    payload: str
    description: str


COMMANDS = (
    Command("start", "/start", "Start, or read what I store and give your OK"),
    Command("help", "/help", "What I can do"),
    Command("mood", "/mood_checkin", "Mood check-in"),
    Command("history", "/mood_history", "Your mood over the last 30 days"),
    Command("goals", "/plan_list", "Your goals (action plans)"),
    Command("newgoal", "/plan_create", "Make a new goal"),
    Command("summary", "/weekly_summary", "How your week is going"),
    Command("wellbeing", "/who5_start", "Five-question wellbeing check"),
    Command("caremap", "/caremap_show", "Your people and supports"),
    Command("resources", "/resources_find", "Find local groups and services"),
    Command("peer", "/peer_choose", "See or choose your peer worker"),
    Command("settings", "/settings_change", "Name, time zone, check-in time, quiet hours"),
    Command("feedback", "/feedback_give", "Rate the service"),
    Command("undo", "/undo", "Take back your last entry"),
    Command("reminders", "", "See, pause or stop your reminders"),
    Command("mydata", "", "A file of everything I store about you"),
    Command("forgetme", "", "Delete what I store and withdraw your OK"),
)
# Commands the bot answers itself; the others start an intent in Rasa.
PAYLOAD_BY_COMMAND = {c.name: c.payload for c in COMMANDS if c.payload}
