"""Where deadlines come from: one source per (deadline owner, case kind).

A deadline's owner is generic (owner_type/owner_id): an objection case owns
its reply and materials deadlines, a provincial report and a measure lifting
own theirs and point back to their case. Each `DeadlineSource` says, in SQL,
how to get from its deadline rows to the case, the subject's jurisdiction
(what scopes a supervisor) and the department that must act. The dashboard,
the drill-down lists, the reports and the benchmark all read the same
UNION ALL of these sources, so a new case kind (rectification, repair) plugs
in by adding its sources to `SOURCES` and its case model to `CASE_KINDS`.

Aliases every source provides: d (deadline), c (case); with a scope also
s (subject) and j (the subject's jurisdiction).
"""

import dataclasses
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model, QuerySet

from casework.models import (
    OPEN_RECTIFICATION_STATUSES,
    OPEN_REPAIR_STATUSES,
    Deadline,
    Jurisdiction,
    MeasureLifting,
    ObjectionCase,
    PlatformReport,
    RectificationCase,
    RepairCase,
    Subject,
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


@dataclasses.dataclass(frozen=True)
class DeadlineSource:
    case_kind: str
    owner_model: type[Model]
    joins: Callable[[], str]  # FROM deadline d … JOIN c … (s and j are added by `branch_sql`)
    department_sql: str  # SQL expression: the department that must act (NULL: the subject must)
    # The same in Python for one deadline: (case, department or None).
    resolve: Callable[[Deadline, Model], tuple[Model, Model | None]]
    # Whether the subject must meet the deadline although a department answers for
    # it (a rectification limit): the subject's officers get the reminders, and
    # the department, once it is overdue, the escalations.
    subject_acts: Callable[[Deadline], bool] = lambda deadline: False

    @property
    def case_model(self) -> type[Model]:
        return CASE_KINDS[self.case_kind].model


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _case_joins(case_model) -> Callable[[], str]:
    return lambda: f"{_t(Deadline)} d JOIN {_t(case_model)} c ON c.id = d.owner_id"


def _report_joins(case_model) -> Callable[[], str]:
    def joins() -> str:
        ct = ContentType.objects.get_for_model(case_model).pk
        return (
            f"{_t(Deadline)} d JOIN {_t(PlatformReport)} r ON r.id = d.owner_id "
            f"JOIN {_t(case_model)} c ON c.id = r.case_id AND r.case_type_id = {int(ct)}"
        )

    return joins


def _lifting_joins(case_model) -> Callable[[], str]:
    def joins() -> str:
        ct = ContentType.objects.get_for_model(case_model).pk
        return (
            f"{_t(Deadline)} d JOIN {_t(MeasureLifting)} l ON l.id = d.owner_id "
            f"JOIN {_t(case_model)} c ON c.id = l.case_id AND l.case_type_id = {int(ct)}"
        )

    return joins


def _answering(field: str):
    """resolve() for a case's own deadlines: materials are the subject's, the rest `field`'s."""
    def resolve(deadline, case):
        if deadline.kind == DeadlineKind.MATERIALS:
            return case, None
        return case, getattr(case, field)

    return resolve


def _answering_sql(column: str) -> str:
    return f"CASE WHEN d.kind = '{DeadlineKind.MATERIALS.value}' THEN NULL ELSE {column} END"


SOURCES = (
    # Materials are the subject's to supply: no department answers for them.
    DeadlineSource("objection", ObjectionCase, _case_joins(ObjectionCase),
                   _answering_sql("c.handling_department_id"), _answering("handling_department")),
    DeadlineSource("objection", PlatformReport, _report_joins(ObjectionCase), "c.handling_department_id",
                   lambda deadline, report: (report.case, report.case.handling_department)),
    DeadlineSource("objection", MeasureLifting, _lifting_joins(ObjectionCase), "l.department_id",
                   lambda deadline, lifting: (lifting.case, lifting.department)),
    # A repair's review, and its report, are the determining department's.
    DeadlineSource("repair", RepairCase, _case_joins(RepairCase),
                   _answering_sql("c.determining_department_id"), _answering("determining_department")),
    DeadlineSource("repair", PlatformReport, _report_joins(RepairCase), "c.determining_department_id",
                   lambda deadline, report: (report.case, report.case.determining_department)),
    DeadlineSource("repair", MeasureLifting, _lifting_joins(RepairCase), "l.department_id",
                   lambda deadline, lifting: (lifting.case, lifting.department)),
    # A rectification limit is the government's to meet; overdue, it is escalated
    # to the supervisor office that ordered it, which answers for the case.
    DeadlineSource("rectification", RectificationCase, _case_joins(RectificationCase), "c.supervisor_office_id",
                   lambda deadline, case: (case, case.supervisor_office),
                   subject_acts=lambda deadline: deadline.kind == DeadlineKind.RECTIFICATION),
)


def source_for(deadline: Deadline) -> DeadlineSource | None:
    """The source of `deadline`; a report's or a lifting's is told by the kind of its case."""
    model = deadline.owner_type.model_class()
    candidates = [s for s in SOURCES if s.owner_model is model]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    case_type = getattr(deadline.owner, "case_type", None)
    case_model = case_type.model_class() if case_type is not None else None
    return next((s for s in candidates if s.case_model is case_model), None)


def branch_sql(source: DeadlineSource, *, where: str, where_params: list, scope_path: str | None) -> tuple[str, list]:
    """One source's deadline rows as (case_kind, case_id, deadline_id, kind, department_id,
    start_date, due_date, met_at, met_on), filtered by `where` (over alias d) and the scope.

    met_on is the stored Beijing date of met_at (`deadline_meet` writes both), so
    period filters and groupings use an indexed column, not a per-row time-zone
    conversion."""
    params: list = [ContentType.objects.get_for_model(source.owner_model).pk, *where_params]
    scope_joins = scope = ""
    if scope_path is not None:  # everything in scope needs no join to the subject
        scope_joins = (f" JOIN {_t(Subject)} s ON s.id = c.subject_id "
                       f"JOIN {_t(Jurisdiction)} j ON j.id = s.jurisdiction_id")
        scope = " AND j.path LIKE %s"
        params.append(scope_path + "%")
    sql = (
        f"SELECT '{source.case_kind}' AS case_kind, c.id AS case_id, d.id AS deadline_id, d.kind AS kind, "
        f"{source.department_sql} AS department_id, d.start_date AS start_date, d.due_date AS due_date, "
        f"d.met_at AS met_at, d.met_on AS met_on "
        f"FROM {source.joins()}{scope_joins} "
        f"WHERE d.owner_type_id = %s AND ({where}){scope}"
    )
    return sql, params


def deadlines_sql(*, where: str, where_params: list, scope_path: str | None) -> tuple[str, list]:
    """Every source's rows, UNION ALL, as a subquery to select from (alias it yourself).

    `where` is applied inside each branch (each filters one owner type), so each can
    use the partial indexes on (owner_type, due_date) for open deadlines and
    (owner_type, met_on) for met ones.
    """
    parts, params = [], []
    for source in SOURCES:
        sql, p = branch_sql(source, where=where, where_params=where_params, scope_path=scope_path)
        parts.append(sql)
        params += p
    return " UNION ALL ".join(parts), params


def open_cases_queryset(case_kind: CaseKind, *, scope_path: str | None) -> QuerySet:
    qs = case_kind.model.objects.filter(status__in=case_kind.open_statuses)
    if scope_path is not None:
        qs = qs.filter(subject__jurisdiction__path__startswith=scope_path)
    return qs
