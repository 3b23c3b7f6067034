"""Time zones and local times the client gives us: parsing and validation, no I/O."""

from __future__ import annotations

import re
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

NZ_ZONES = {
    "auckland": "Pacific/Auckland",
    "nz": "Pacific/Auckland",
    "new zealand": "Pacific/Auckland",
    "aotearoa": "Pacific/Auckland",
    "wellington": "Pacific/Auckland",
    "christchurch": "Pacific/Auckland",
    "chatham": "Pacific/Chatham",
    "chatham islands": "Pacific/Chatham",
    "rekohu": "Pacific/Chatham",
}

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$", re.I)


def parse_timezone(text: str) -> str | None:
    """An IANA zone name from what the client typed ("Chatham", "Australia/Sydney"), or None."""
    cleaned = text.strip()
    if cleaned.lower() in NZ_ZONES:
        return NZ_ZONES[cleaned.lower()]
    if "/" in cleaned:
        try:
            ZoneInfo(cleaned)
        except (ZoneInfoNotFoundError, ValueError):
            lowered = {z.lower(): z for z in available_timezones()}
            return lowered.get(cleaned.lower())
        return cleaned
    return None


def zone_for_location(latitude: float, longitude: float) -> str | None:
    """The zone of a shared location in New Zealand (mainland or Chatham Islands), else None."""
    if -44.7 <= latitude <= -43.3 and (longitude <= -175.8 and longitude >= -177.2):
        return "Pacific/Chatham"
    if -47.9 <= latitude <= -33.8 and 165.8 <= longitude <= 179.0:
        return "Pacific/Auckland"
    return None


def parse_local_time(text: str) -> time | None:
    """A time of day from "7pm", "7.30 am", "19:00" or "9"; None when it isn't one."""
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").lower().replace(".", "")
    if minute > 59:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif hour > 23:
        return None
    return time(hour, minute)


def format_local_time(value: time) -> str:
    """A friendly time like 7:30pm."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def parse_quiet_hours(text: str) -> tuple[time, time] | str | None:
    """("22:00", "07:00") from "22:00-07:00" or "10pm to 7am"; "none" for no quiet hours."""
    cleaned = text.strip().lower()
    if cleaned in {"none", "no", "no quiet hours", "nope", "never"}:
        return "none"
    parts = re.split(r"\s*(?:-|–|to|until|till)\s*", cleaned)
    if len(parts) != 2:
        return None
    start, end = parse_local_time(parts[0]), parse_local_time(parts[1])
    if start is None or end is None or start == end:
        return None
    return start, end
