"""Whom a deadline concerns: its case, the department that must act, the subject's jurisdiction.

A deadline's owner is generic: a case owns its reply, review, materials and
rectification limits; a provincial report and a measure lifting own theirs and
point back to their case. `deadline_create` asks this module once and stores
the answer on the deadline, so the supervisors' dashboard, drill-down lists,
reports and reminders read one table instead of joining every owner kind to
its case and subject (at a million cases those joins cost over a second).
"""

import dataclasses

from django.db.models import Model

from casework.case_kinds import CASE_MODELS
from casework.models import MeasureLifting, PlatformReport
from casework.models.deadlines import DeadlineKind

# Time limits the subject itself must meet although a department answers for the case.
SUBJECT_SUPPLIES = {DeadlineKind.MATERIALS}


@dataclasses.dataclass(frozen=True)
class DeadlineParties:
    case_kind: str
    case: Model
    department_id: int | None  # None: the subject must act
    jurisdiction_id: int


def deadline_parties(*, owner: Model, kind: str) -> DeadlineParties:
    if isinstance(owner, MeasureLifting):
        case, department_id = owner.case, owner.department_id
    elif isinstance(owner, PlatformReport):
        case = owner.case
        department_id = CASE_MODELS[type(case)].department_id(case)
    elif type(owner) in CASE_MODELS:
        case = owner
        department_id = None if kind in SUBJECT_SUPPLIES else CASE_MODELS[type(case)].department_id(case)
    else:
        raise TypeError(f"{type(owner).__name__} does not own deadlines")
    return DeadlineParties(
        case_kind=CASE_MODELS[type(case)].code, case=case, department_id=department_id,
        jurisdiction_id=case.subject.jurisdiction_id,
    )
