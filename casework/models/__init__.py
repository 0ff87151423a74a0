from .audit import AuditEntry
from .deadlines import Deadline
from .numbering import NumberSequence
from .objections import (
    BEFORE_DECISION,
    OPEN_OBJECTION_STATUSES,
    EvidenceFile,
    MeasureLifting,
    MeasureLiftingStatus,
    NonAcceptanceReason,
    ObjectionCase,
    ObjectionChannel,
    ObjectionOutcome,
    ObjectionStatus,
    PlatformReport,
    PlatformReportStatus,
    RecordChange,
)
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
    "BEFORE_DECISION",
    "OPEN_OBJECTION_STATUSES",
    "EvidenceFile",
    "MeasureLifting",
    "MeasureLiftingStatus",
    "NonAcceptanceReason",
    "ObjectionCase",
    "ObjectionChannel",
    "ObjectionOutcome",
    "ObjectionStatus",
    "PlatformReport",
    "PlatformReportStatus",
    "RecordChange",
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
