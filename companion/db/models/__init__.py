"""All models; importing this package registers every table on Base.metadata."""

from companion.db.models.base import Base
from companion.db.models.people import Client, PeerWorker
from companion.db.models.records import (
    ActionPlan,
    CarePerson,
    Feedback,
    MoodEntry,
    PlanCheckin,
    Referral,
    Who5Result,
)

__all__ = [
    "ActionPlan",
    "Base",
    "CarePerson",
    "Client",
    "Feedback",
    "MoodEntry",
    "PeerWorker",
    "PlanCheckin",
    "Referral",
    "Who5Result",
]
