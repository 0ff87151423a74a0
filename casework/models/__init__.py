from .appeals import OPEN_APPEAL_STATUSES, AppealOutcome, AppealStatus, RepairAppeal
from .audit import AuditEntry
from .complaints import OPEN_COMPLAINT_STATUSES, ComplaintCase, ComplaintEvidence, ComplaintStatus
from .deadlines import CaseKindCode, Deadline
from .extensions import CaseExtension
from .numbering import NumberSequence
from .objections import (
    BEFORE_DECISION,
    OPEN_OBJECTION_STATUSES,
    EvidenceFile,
    MeasureLifting,
    MeasureLiftingAction,
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
from .rectifications import (
    OPEN_RECTIFICATION_STATUSES,
    AccountabilityEntry,
    RectificationCase,
    RectificationReturn,
    RectificationStatus,
    RectificationSubmission,
    SubmissionKind,
)
from .repairs import (
    BEFORE_REPAIR_DECISION,
    OPEN_REPAIR_STATUSES,
    RepairCase,
    RepairMeasureDecision,
    RepairStatus,
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

from .tallies import OpenCaseTally, OpenDeadlineTally

__all__ = [
    "OPEN_APPEAL_STATUSES",
    "AppealOutcome",
    "AppealStatus",
    "RepairAppeal",
    "OPEN_COMPLAINT_STATUSES",
    "ComplaintCase",
    "ComplaintEvidence",
    "ComplaintStatus",
    "OPEN_RECTIFICATION_STATUSES",
    "AccountabilityEntry",
    "RectificationCase",
    "RectificationReturn",
    "RectificationStatus",
    "RectificationSubmission",
    "SubmissionKind",
    "BEFORE_REPAIR_DECISION",
    "OPEN_REPAIR_STATUSES",
    "RepairCase",
    "RepairMeasureDecision",
    "RepairStatus",
    "MeasureLiftingAction",
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
    "CaseKindCode",
    "CaseExtension",
    "Deadline",
    "OpenCaseTally",
    "OpenDeadlineTally",
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
