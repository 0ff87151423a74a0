"""Each kind of case, declared once: what every room needs to know of it.

Its code and label, its model and open statuses, the department answering for it,
the dates it came in and ended, the deadline a queue row shows, and the readers that
find, scope and describe a case of the kind. The deadline rules
(`casework.deadline_parties`), the running counts (`casework.services.tallies`),
subject moves, supervision's figures (`supervision.sources`) and the staff pages
(`staff.kinds`) read this table; a kind's flow names its model itself
(`workflows.flows`), and its actions are declared in `workflows.actions`.
"""

import dataclasses
from collections.abc import Callable

from django.db.models import Model
from django.utils.module_loading import import_string

from casework.models import (
    OPEN_APPEAL_STATUSES,
    OPEN_COMPLAINT_STATUSES,
    OPEN_OBJECTION_STATUSES,
    OPEN_RECTIFICATION_STATUSES,
    OPEN_REPAIR_STATUSES,
    CaseKindCode,
    ComplaintCase,
    ObjectionCase,
    RectificationCase,
    RepairAppeal,
    RepairCase,
)
from casework.models.deadlines import DeadlineKind


def _later(dotted: str) -> Callable:
    """`dotted`, imported on first call: the selectors and permissions import the
    services, which read this table, so they cannot be imported while it is built."""
    def call(*args, **kwargs):
        return import_string(dotted)(*args, **kwargs)

    call.__name__ = call.__qualname__ = dotted.rsplit(".", 1)[1]
    call.__doc__ = f"{dotted}, imported on first call."
    return call


@dataclasses.dataclass(frozen=True)
class CaseModel:
    code: str
    model: type[Model]
    open_statuses: frozenset[str]
    # The department answering for the case as a whole. A rectification limit is the
    # government's to meet, but the supervisor office that ordered it answers for it.
    department_field: str
    received_field: str  # a DateField: the day the case came in
    due_kind: str  # the deadline a queue row shows
    visible_to: Callable  # (user, queryset=None) -> the cases of the kind the user may see
    get_for_user: Callable  # (*, user, number) -> a case the user may see, or None
    detail: Callable  # (case, *, today) -> everything a case page shows
    closed_field: str = "closed_at"  # a DateTimeField: when it ended

    @property
    def label(self) -> str:
        return str(CaseKindCode(self.code).label)

    def department_id(self, case) -> int:
        return getattr(case, f"{self.department_field}_id")


def _declare(code, model, open_statuses, department_field, received_field, due_kind, name) -> CaseModel:
    return CaseModel(
        code, model, frozenset(open_statuses), department_field, received_field, due_kind,
        visible_to=_later(f"casework.permissions.{name}s_visible_to"),
        get_for_user=_later(f"casework.selectors.{name}_get_for_user"),
        detail=_later(f"casework.selectors.{name}_detail"),
    )


CASE_MODELS = {
    ObjectionCase: _declare(CaseKindCode.OBJECTION, ObjectionCase, OPEN_OBJECTION_STATUSES, "handling_department",
                            "received_on", DeadlineKind.REPLY, "objection"),
    RepairCase: _declare(CaseKindCode.REPAIR, RepairCase, OPEN_REPAIR_STATUSES, "determining_department",
                         "received_on", DeadlineKind.REPAIR_REVIEW, "repair"),
    RectificationCase: _declare(CaseKindCode.RECTIFICATION, RectificationCase, OPEN_RECTIFICATION_STATUSES,
                                "supervisor_office", "ordered_on", DeadlineKind.RECTIFICATION, "rectification"),
    # Its readers are casework.complaint_selectors: what a complaint page shows is not another kind's.
    ComplaintCase: CaseModel(
        CaseKindCode.COMPLAINT, ComplaintCase, frozenset(OPEN_COMPLAINT_STATUSES), "handling_office", "received_on",
        DeadlineKind.COMPLAINT_ACCEPTANCE, visible_to=_later("casework.permissions.complaints_visible_to"),
        get_for_user=_later("casework.complaint_selectors.complaint_get_for_user"),
        detail=_later("casework.complaint_selectors.complaint_detail"),
    ),
    # Heard by the joint-conference office above the department that decided the repair.
    RepairAppeal: CaseModel(
        CaseKindCode.APPEAL, RepairAppeal, frozenset(OPEN_APPEAL_STATUSES), "handling_office", "received_on",
        DeadlineKind.APPEAL_DECISION, visible_to=_later("casework.permissions.appeals_visible_to"),
        get_for_user=_later("casework.appeal_selectors.appeal_get_for_user"),
        detail=_later("casework.appeal_selectors.appeal_detail"),
    ),
}
CASE_KINDS_BY_CODE = {str(kind.code): kind for kind in CASE_MODELS.values()}
