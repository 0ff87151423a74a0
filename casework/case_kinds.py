"""What casework knows of each kind of case, in one place: its code, which statuses
are open, and which department answers for it as a whole.

Read by the deadline rules (`casework.deadline_parties`), the running counts
(`casework.services.tallies`), subject moves, and supervision's `CASE_KINDS`.
"""

import dataclasses

from django.db.models import Model

from casework.models import (
    OPEN_OBJECTION_STATUSES,
    OPEN_RECTIFICATION_STATUSES,
    OPEN_REPAIR_STATUSES,
    CaseKindCode,
    ObjectionCase,
    RectificationCase,
    RepairCase,
)


@dataclasses.dataclass(frozen=True)
class CaseModel:
    code: str
    model: type[Model]
    open_statuses: frozenset[str]
    # The department answering for the case as a whole. A rectification limit is the
    # government's to meet, but the supervisor office that ordered it answers for it.
    department_field: str

    def department_id(self, case) -> int:
        return getattr(case, f"{self.department_field}_id")


CASE_MODELS = {
    ObjectionCase: CaseModel(CaseKindCode.OBJECTION, ObjectionCase, frozenset(OPEN_OBJECTION_STATUSES),
                             "handling_department"),
    RepairCase: CaseModel(CaseKindCode.REPAIR, RepairCase, frozenset(OPEN_REPAIR_STATUSES), "determining_department"),
    RectificationCase: CaseModel(CaseKindCode.RECTIFICATION, RectificationCase,
                                 frozenset(OPEN_RECTIFICATION_STATUSES), "supervisor_office"),
}
