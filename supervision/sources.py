"""Where the supervisors' figures come from: the case kinds they watch and their deadlines.

Each deadline carries its case kind, case, the department that must act and the
subject's jurisdiction (stored by `casework.services.deadlines.deadline_create`),
so the dashboard, the drill-down lists, the reports and the benchmark all read
the deadline table alone. The case kinds are casework's declaration
(`casework.case_kinds.CASE_MODELS`); a new kind plugs in there (and its owner
rule in `casework.deadline_parties`).
"""

import dataclasses

from django.db import connection
from django.db.models import Model, QuerySet

from casework.case_kinds import CASE_MODELS, CaseModel
from casework.models import CaseKindCode, Deadline, Jurisdiction
from casework.models.deadlines import DeadlineKind


@dataclasses.dataclass(frozen=True)
class CaseKind:
    """A kind of case the supervisors watch: casework's declaration of it
    (`casework.case_kinds`: model, label, open statuses, department, received and
    closed fields), and the staff page its drill-down rows link to."""

    case_model: CaseModel
    case_url_name: str

    def __getattr__(self, name):
        return getattr(self.case_model, name)

    @property
    def code(self) -> str:
        return str(self.case_model.code)

    def url_name(self) -> str:
        return self.case_url_name


# The staff case page of each kind (a URL name: supervision does not import the staff site).
_CASE_URL_NAMES = {
    CaseKindCode.OBJECTION: "work:objections:case",
    CaseKindCode.REPAIR: "work:repairs:case",
    CaseKindCode.RECTIFICATION: "work:rectifications:case",
    CaseKindCode.COMPLAINT: "work:complaints:case",
    CaseKindCode.APPEAL: "work:appeals:case",
}
# The kinds supervisors watch: those with a staff case page to drill down to.
CASE_KINDS = {str(kind.code): CaseKind(kind, _CASE_URL_NAMES[kind.code])
              for kind in CASE_MODELS.values() if kind.code in _CASE_URL_NAMES}


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def subject_acts(deadline: Deadline) -> bool:
    """Whether the subject must meet `deadline` although a department answers for it (a
    rectification limit): the subject's officers get the reminders, and the department,
    once it is overdue, the escalations."""
    return deadline.kind == DeadlineKind.RECTIFICATION


def case_of(deadline: Deadline) -> Model:
    return CASE_KINDS[deadline.case_kind].model.objects.get(pk=deadline.case_id)


def deadlines_sql(*, where: str, where_params: list, scope_path: str | None,
                  jurisdiction_ids: list[int] | None = None) -> tuple[str, list]:
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
        scope, scope_params = jurisdictions_in_scope_sql("d.jurisdiction_id", scope_path, jurisdiction_ids)
        params += scope_params
    sql = (
        "SELECT d.case_kind AS case_kind, d.case_id AS case_id, d.id AS deadline_id, d.kind AS kind, "
        "d.acting_department_id AS department_id, d.start_date AS start_date, d.due_date AS due_date, "
        "d.met_at AS met_at, d.met_on AS met_on, d.met_working_days AS working_days_taken "
        f"FROM {_t(Deadline)} d WHERE ({where}){scope}"
    )
    return sql, params


def scope_jurisdiction_ids(scope_path: str) -> list[int]:
    """The ids of the jurisdictions at or under `scope_path` (a few dozen at most)."""
    return list(Jurisdiction.objects.filter(path__startswith=scope_path).order_by("id").values_list("id", flat=True))


def jurisdictions_in_scope_sql(column: str, scope_path: str, ids: list[int] | None = None) -> tuple[str, list]:
    """" AND <column> IN (ids…)": the scope's jurisdictions read first (unless the caller
    already has their `ids`) and given as values.

    With the values in the statement, PostgreSQL plans with the scope's real size and
    reaches the deadlines through the (jurisdiction, date) indexes; a subquery
    (`IN (SELECT id … WHERE path LIKE …)`) leaves it guessing and scanning by date alone.
    """
    if ids is None:
        ids = scope_jurisdiction_ids(scope_path)
    if not ids:
        return " AND 1 = 0", []
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", ids


def open_cases_queryset(case_kind: CaseKind, *, scope_path: str | None) -> QuerySet:
    qs = case_kind.model.objects.filter(status__in=case_kind.open_statuses)
    if scope_path is not None:
        qs = qs.filter(subject__jurisdiction__path__startswith=scope_path)
    return qs
