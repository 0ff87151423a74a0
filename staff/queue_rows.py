"""The queue's rows as database queries: filtered, sorted and counted before paging.

A department may hold thousands of open tasks; each table here is one query
(a UNION over the case kinds) that the database filters, orders (most urgent
first, paused clocks last, then by case number) and slices, so only a page of
rows, or one chunk of an export, ever becomes Python objects (`staff.queue_views`
builds those).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework.backends import department_permission
from casework.models import Deadline, MeasureLifting, PlatformReport
from casework.models.deadlines import DeadlineKind
from staff.queue_filters import ROW_KINDS

# The columns every table's query selects, in this order (a UNION needs the same columns in each part):
# enough to sort and to find the page's rows; the rest is read for that page only (`deadline_facts`).
KEY_COLUMNS = ("due", "number", "pk", "kind_code", "case_pk")
# Most urgent first; paused clocks (no due date) after every dated row; then by case number.
ORDER = (F("due").asc(nulls_last=True), "number", "pk")

# The departments that answer for a case of each kind's platform reports.
REPORTING_DEPARTMENT = {"objection": "handling_department_id", "repair": "determining_department_id"}


class Keys:
    """A table's rows as KEY_COLUMNS tuples, sorted by the database: what the paginator and the export need.

    Counted part by part (one cheap COUNT per case kind, no due-date subqueries unless a due filter
    needs them) rather than by counting the sorted UNION."""

    def __init__(self, parts: list[QuerySet]):
        self.parts = parts
        first, *rest = parts or [None]
        self.query = None if first is None else (first.union(*rest, all=True) if rest else first).order_by(*ORDER)

    def count(self) -> int:
        # One COUNT over the parts' bare keys (UNION ALL, unsorted, no due-date columns unless a
        # due filter put them in WHERE): one statement per table instead of one per case kind.
        if not self.parts:
            return 0
        first, *rest = [part.values_list("pk") for part in self.parts]
        return (first.union(*rest, all=True) if rest else first).count()

    # No __len__: `list(keys)` would ask it first, one COUNT wasted on a table read whole (`all`).

    def all(self) -> list:
        """Every row, in one fetch: for the tables read whole (liftings, reports), which stay short."""
        return [] if self.query is None else list(self.query)

    def __getitem__(self, index):
        return [] if self.query is None else self.query[index]

    def __iter__(self):
        return iter(()) if self.query is None else self.query.iterator(chunk_size=500)


def _deadline(owner_model, owner_ref: str, kind: str) -> QuerySet:
    # The newest deadline of a kind wins (a returned rectification starts a new limit).
    return Deadline.objects.filter(
        owner_type=ContentType.objects.get_for_model(owner_model), owner_id=OuterRef(owner_ref), kind=kind
    ).order_by("-id")


def deadline_facts(owner_model, ids, kind: str) -> dict:
    """{owner id: (met_at, provisional)} of the newest deadline of `kind` of each owner in `ids`."""
    rows = Deadline.objects.filter(
        owner_type=ContentType.objects.get_for_model(owner_model), owner_id__in=list(ids), kind=kind
    ).order_by("id").values_list("owner_id", "met_at", "provisional")
    return {owner_id: (met, provisional) for owner_id, met, provisional in rows}  # oldest first: the newest wins


def _with_keys(rows: QuerySet, *, owner_model, owner_ref: str, due_kind: str, number, kind_code: str,
               case_pk, filters, today) -> QuerySet:
    """`rows` with the columns of KEY_COLUMNS, narrowed by the due-window filters.

    `number` and `case_pk` are expressions for the case's number and pk, or None where the
    rows are the cases themselves (their own `number` and `pk`)."""
    deadline = _deadline(owner_model, owner_ref, due_kind)
    own = {"number": number, "case_pk": case_pk}
    # `met` only where a due filter reads it: a subquery per row the unfiltered page does not need.
    met = {"met": Subquery(deadline.values("met_at")[:1])} if filters.narrows_due else {}
    rows = rows.order_by().annotate(
        due=Subquery(deadline.values("due_date")[:1]), **met,
        kind_code=Value(kind_code), **{name: value for name, value in own.items() if value is not None},
    )
    return filters.narrow_due(rows, today=today).values_list(*KEY_COLUMNS)


def _case_number(kind, ref: str):
    return Subquery(kind.model.objects.filter(pk=OuterRef(ref)).order_by().values("number")[:1])


def flows_of(kinds) -> dict:
    """{kind code: flow} of the case kinds that have a flow (a kind may be handled without one)."""
    flows = {}
    for kind in kinds:
        try:
            flows[kind.code] = kind.flow
        except LookupError:
            pass
    return flows


def waiting_kinds(user, kinds) -> dict[str, list]:
    """{"tasks"|"liftings"|"reports": the case kinds that have rows of that table waiting for the
    user's department}, in one small query.

    A department handles few of the case kinds (an objection office has no rectification tasks), and
    every kind's part of a table's UNION costs its building and compiling (a few subqueries each)
    whether or not it finds a row: only the kinds found here get a part. A kind found here may still
    show nothing once the filters apply; one not found has no row to show."""
    waiting = Task.objects.filter(
        flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED],
        owner_permission=department_permission(user.department_id),
    ).annotate(table=Value("tasks"), type_id=F("process__artifact_content_type_id")).values_list("table", "type_id")
    liftings = MeasureLifting.objects.filter(department_id=user.department_id, confirmed_at__isnull=True).annotate(
        table=Value("liftings"), type_id=F("case_type_id")).values_list("table", "type_id")
    # Reports are few (delivery is automatic): which department answers for one is left to report_keys.
    reports = PlatformReport.objects.filter(delivered_at__isnull=True, case_type__isnull=False).annotate(
        table=Value("reports"), type_id=F("case_type_id")).values_list("table", "type_id")
    found = set(waiting.order_by().union(liftings.order_by(), reports.order_by()))  # UNION: each pair once
    return {table: [kind for kind in kinds if (table, ContentType.objects.get_for_model(kind.model).pk) in found]
            for table in ("tasks", "liftings", "reports")}


def task_keys(user, *, kinds, filters, today) -> Keys:
    """The open human tasks offered to the user's department (or held by its people), as KEY_COLUMNS."""
    parts = []
    flows = flows_of(kinds)
    for kind in kinds:
        if not filters.shows(kind.code) or kind.code not in flows:
            continue
        tasks = Task.objects.filter(
            flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED],
            owner_permission=department_permission(user.department_id), process__flow_class=flows[kind.code],
        )
        if filters.narrows_cases:
            cases = filters.narrow_cases(kind, kind.model.objects.all())
            tasks = tasks.filter(process__artifact_object_id__in=cases.values("pk"))
        if filters.holder == "mine":
            tasks = tasks.filter(owner=user)
        elif filters.holder == "unclaimed":
            tasks = tasks.filter(owner__isnull=True)
        parts.append(_with_keys(
            tasks, owner_model=kind.model, owner_ref="process__artifact_object_id", due_kind=kind.due_kind,
            number=_case_number(kind, "process__artifact_object_id"), kind_code=kind.code,
            case_pk=F("process__artifact_object_id"),
            filters=filters, today=today,
        ))
    return Keys(parts)


def supervised_keys(user, *, kinds, filters, today) -> Keys:
    """The open cases a supervisor or administrator may see, as KEY_COLUMNS (pk is the case's)."""
    parts = []
    for kind in kinds:
        if not filters.shows(kind.code):
            continue
        cases = filters.narrow_cases(kind, kind.visible_to(user).filter(status__in=kind.open_statuses))
        parts.append(_with_keys(
            cases, owner_model=kind.model, owner_ref="pk", due_kind=kind.due_kind, number=None,
            kind_code=kind.code, case_pk=F("pk"), filters=filters, today=today,
        ))
    return Keys(parts)


def _case_link(kind, filters, *, department_field=None, user=None) -> Q:
    """Rows (liftings, reports) of one case kind whose case matches the search and status (and, with
    `department_field`, belongs to the user's department): one condition for that kind's part of the UNION."""
    q = Q(case_type=ContentType.objects.get_for_model(kind.model))
    if filters.narrows_cases or department_field:
        cases = filters.narrow_cases(kind, kind.model.objects.all())
        if department_field:
            cases = cases.filter(**{department_field[kind.code]: user.department_id})
        q &= Q(case_id__in=cases.values("pk"))
    return q


def _by_case_kind(rows: QuerySet, *, kinds, owner_model, due_kind, filters, today, department_field=None,
                  user=None) -> Keys:
    parts = [
        _with_keys(rows.filter(_case_link(kind, filters, department_field=department_field, user=user)),
                   owner_model=owner_model, owner_ref="pk", due_kind=due_kind, number=_case_number(kind, "case_id"),
                   kind_code=kind.code, case_pk=F("case_id"), filters=filters, today=today)
        # Under the lifting or report filter these rows are what is shown, whatever their case's kind.
        for kind in kinds
        if (filters.kind in ROW_KINDS or filters.shows(kind.code))
        and (department_field is None or kind.code in department_field)
    ]
    return Keys(parts)


def lifting_keys(user, *, kinds, filters, today) -> Keys:
    """The measures the user's department must lift or adjust, not yet confirmed, as KEY_COLUMNS."""
    if not filters.shows("lifting"):
        return Keys([])
    liftings = MeasureLifting.objects.filter(department_id=user.department_id, confirmed_at__isnull=True)
    return _by_case_kind(liftings, kinds=kinds, owner_model=MeasureLifting, due_kind=DeadlineKind.MEASURE_LIFTING,
                         filters=filters, today=today)


def report_keys(user, *, kinds, filters, today) -> Keys:
    """Reports not yet acknowledged of the cases the department answers for (objections it handles,
    repairs it decided), as KEY_COLUMNS."""
    if not filters.shows("report"):
        return Keys([])
    reports = PlatformReport.objects.filter(delivered_at__isnull=True)
    return _by_case_kind(reports, kinds=kinds, owner_model=PlatformReport, due_kind=DeadlineKind.PROVINCIAL_REPORT,
                         filters=filters, today=today, department_field=REPORTING_DEPARTMENT, user=user)

