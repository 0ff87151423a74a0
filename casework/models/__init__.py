from .audit import AuditEntry
from .deadlines import Deadline
from .numbering import NumberSequence
from .organisation import Department, Jurisdiction, JurisdictionLevel
from .records import (
    CreditRecord,
    KeyArea,
    MeasureKind,
    MeasureStatus,
    PlatformLevel,
    PunishmentMeasure,
    RecordKind,
    RecordStatus,
    Severity,
)
from .subjects import Subject, SubjectKind
from .users import Role, User

__all__ = [
    "AuditEntry",
    "CreditRecord",
    "Deadline",
    "Department",
    "Jurisdiction",
    "JurisdictionLevel",
    "KeyArea",
    "MeasureKind",
    "MeasureStatus",
    "NumberSequence",
    "PlatformLevel",
    "PunishmentMeasure",
    "RecordKind",
    "RecordStatus",
    "Role",
    "Severity",
    "Subject",
    "SubjectKind",
    "User",
]
