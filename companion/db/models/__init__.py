"""All models; importing this package registers every table on Base.metadata."""

from companion.db.models.base import Base
from companion.db.models.nudges import Nudge, NudgeSchedule
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
from companion.db.models.safety import (
    AlertDelivery,
    AuditEvent,
    CaringContact,
    Escalation,
    PeerInvite,
)
from companion.db.models.updates import ProcessedUpdate

__all__ = [
    "ActionPlan",
    "AlertDelivery",
    "AuditEvent",
    "Base",
    "CarePerson",
    "CaringContact",
    "Client",
    "Escalation",
    "Feedback",
    "MoodEntry",
    "Nudge",
    "NudgeSchedule",
    "PeerInvite",
    "PeerWorker",
    "PlanCheckin",
    "ProcessedUpdate",
    "Referral",
    "Who5Result",
]
