"""Where the supervisors' figures come from: the case kinds they watch and their deadlines.

Each deadline carries its case kind, case, the department that must act and the
subject's jurisdiction (stored by `casework.services.deadlines.deadline_create`),
so the dashboard, the drill-down lists, the reports and the benchmark all read
the deadline table alone. A new case kind plugs in by adding its case model to
`CASE_KINDS` (and its owner rule to `casework.deadline_parties`).
"""

import dataclasses

from django.db import connection
from django.db.models import Model, QuerySet

from casework.models import (
    OPEN_RECTIFICATION_STATUSES,
    OPEN_REPAIR_STATUSES,
    Deadline,
    Jurisdiction,
    ObjectionCase,
    RectificationCase,
    RepairCase,
)
from casework.models.deadlines import DeadlineKind
from casework.models.objections import OPEN_OBJECTION_STATUSES


@dataclasses.dataclass(frozen=True)
class CaseKind:
    """A kind of case the supervisors watch."""

    code: str
    label: str
    model: type[Model]
    open_statuses: tuple[str, ...]
    department_field: str  # the department answering for the case as a whole
    received_field: str  # a DateField: the day the case came in
    closed_field: str  # a DateTimeField: when it ended
    case_url_name: str = "work:objections:case"  # the staff case page

    def url_name(self) -> str:
        return self.case_url_name


CASE_KINDS = {
    "objection": CaseKind(
        code="objection", label="异议", model=ObjectionCase, open_statuses=tuple(OPEN_OBJECTION_STATUSES),
        department_field="handling_department", received_field="received_on", closed_field="closed_at",
    ),
    "repair": CaseKind(
        code="repair", label="信用修复", model=RepairCase, open_statuses=tuple(OPEN_REPAIR_STATUSES),
        department_field="determining_department", received_field="received_on", closed_field="closed_at",
        case_url_name="work:repairs:case",
    ),
    # The government must rectify, but the supervisor office that ordered it answers for the case.
    "rectification": CaseKind(
        code="rectification", label="整改", model=RectificationCase,
        open_statuses=tuple(OPEN_RECTIFICATION_STATUSES), department_field="supervisor_office",
        received_field="ordered_on", closed_field="closed_at", case_url_name="work:rectifications:case",
    ),
}


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def subject_acts(deadline: Deadline) -> bool:
    """Whether the subject must meet `deadline` although a department answers for it (a
    rectification limit): the subject's officers get the reminders, and the department,
    once it is overdue, the escalations."""
    return deadline.kind == DeadlineKind.RECTIFICATION


def case_of(deadline: Deadline) -> Model:
    return CASE_KINDS[deadline.case_kind].model.objects.get(pk=deadline.case_id)


def deadlines_sql(*, where: str, where_params: list, scope_path: str | None) -> tuple[str, list]:
    """Deadline rows as (case_kind, case_id, deadline_id, kind, department_id, start_date,
    due_date, met_at, met_on, working_days_taken), filtered by `where` (over alias d) and the scope, as a
    subquery to select from (alias it yourself).

    One table: `deadline_create` stored each deadline's case, acting department and
    subject's jurisdiction, so no branch per owner kind and no join. The scope is the
    (few dozen) jurisdictions under the supervisor's, not a join to every subject.
    met_on is the stored Beijing date of met_at, so period filters use an index.
    """
    params = list(where_params)
    scope = ""
    if scope_path is not None:
        scope = f" AND d.jurisdiction_id IN (SELECT id FROM {_t(Jurisdiction)} WHERE path LIKE %s)"
        params.append(scope_path + "%")
    sql = (
        "SELECT d.case_kind AS case_kind, d.case_id AS case_id, d.id AS deadline_id, d.kind AS kind, "
        "d.acting_department_id AS department_id, d.start_date AS start_date, d.due_date AS due_date, "
        "d.met_at AS met_at, d.met_on AS met_on, d.met_working_days AS working_days_taken "
        f"FROM {_t(Deadline)} d WHERE ({where}){scope}"
    )
    return sql, params


def open_cases_queryset(case_kind: CaseKind, *, scope_path: str | None) -> QuerySet:
    qs = case_kind.model.objects.filter(status__in=case_kind.open_statuses)
    if scope_path is not None:
        qs = qs.filter(subject__jurisdiction__path__startswith=scope_path)
    return qs
