"""What the supervisors' dashboard shows: SQL aggregates over stored due dates.

No loop over open cases in Python: the database groups the open deadlines by
(case kind, deadline kind, department, due date); Python then turns each
*distinct due date* (a few hundred at most) into "working days left / late"
with the calendar index. Scope: a supervisor sees the subjects of its
jurisdiction and everything below it (as `casework.permissions` does), an
administrator everything.
"""

import dataclasses
import datetime
from collections import Counter, defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection

from calendars.clock import BEIJING
from calendars.current import current_calendar
from calendars.index import WorkdayIndex
from casework.models import (
    Department,
    Jurisdiction,
    JurisdictionLevel,
    ObjectionCase,
    ObjectionStatus,
    RepairCase,
    RepairStatus,
    Role,
    Subject,
)
from casework.models.deadlines import CaseKindCode, DeadlineKind
from casework.services.tallies import tallied_open_cases, tallied_open_deadlines
from supervision.sources import (
    CASE_KINDS,
    deadlines_sql,
    jurisdictions_in_scope_sql,
    open_cases_queryset,
    scope_jurisdiction_ids,
)

NO_DEPARTMENT = "申请主体（补正材料）"
SUBJECT_LEVEL = "subject"
LATE_BUCKETS = (  # (key, label, min, max) in working days overdue
    ("0", "未满1个工作日", 0, 0),
    ("1-5", "1–5个工作日", 1, 5),
    ("6-10", "6–10个工作日", 6, 10),
    ("11-20", "11–20个工作日", 11, 20),
    ("21+", "20个工作日以上", 21, None),
)


def supervision_scope(user) -> str | None:
    """The jurisdiction path prefix `user` supervises; None means everything.

    Raises PermissionDenied for anyone but supervisors and administrators.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if user.is_superuser or user.role == Role.ADMINISTRATOR:
        return None
    if user.role == Role.SUPERVISOR and user.jurisdiction_id:
        return user.jurisdiction.path
    raise PermissionDenied


def as_date(value) -> datetime.date | None:
    """Raw SQL over a UNION gives dates as strings on SQLite."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _soon_days() -> int:
    return int(settings.SUPERVISION["soon_working_days"])


def late_bucket(late: int) -> str:
    for key, _label, low, high in LATE_BUCKETS:
        if late >= low and (high is None or late <= high):
            return key
    return LATE_BUCKETS[-1][0]


@dataclasses.dataclass(frozen=True, slots=True)
class DepartmentShown:
    """What the figures show of a department: its name and its jurisdiction's level."""

    name: str
    level: str


def _departments(ids) -> dict[int, DepartmentShown]:
    """The departments behind the figures, as plain values: a city's page names a hundred
    or more, and model instances (with their jurisdictions) cost more than the query."""
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    rows = Department.objects.filter(pk__in=ids).order_by().values_list("id", "name", "jurisdiction__level")
    return {pk: DepartmentShown(name, level) for pk, name, level in rows}


def _level_of(department: DepartmentShown | None) -> str:
    return department.level if department is not None else SUBJECT_LEVEL


def level_label(level: str) -> str:
    return "申请主体" if level == SUBJECT_LEVEL else JurisdictionLevel(level).label


def now_query(*, scope_path: str | None, soon_end: datetime.date,
              jurisdiction_ids: list[int] | None = None) -> tuple[str, list]:
    """The grouped open deadlines due up to `soon_end` (overdue and due soon)."""
    inner, params = deadlines_sql(
        where="d.met_at IS NULL AND d.due_date IS NOT NULL AND d.due_date <= %s",
        where_params=[soon_end], scope_path=scope_path, jurisdiction_ids=jurisdiction_ids,
    )
    sql = (f"SELECT u.case_kind, u.kind, u.department_id, u.due_date, COUNT(*) FROM ({inner}) u "
           f"GROUP BY u.case_kind, u.kind, u.department_id, u.due_date")
    return sql, params


def _covers_everything(scope_path: str | None) -> bool:
    """Whether the scope holds every jurisdiction (an administrator, the province's supervisors)."""
    return scope_path is None or not Jurisdiction.objects.exclude(path__startswith=scope_path).exists()


def _tallied_deadlines(soon_end: datetime.date) -> list[tuple]:
    """The province-wide open deadlines due up to `soon_end`, from the running counts
    (`casework.models.tallies`): a few thousand rows instead of every open deadline."""
    return [(c, k, d or None, due, n) for (c, k, d, due), n in tallied_open_deadlines(due_until=soon_end).items()]


def _open_cases_counted(scope_path: str | None, jurisdiction_ids: list[int] | None = None) -> Counter:
    """Open cases counted from the case rows, every case kind in one query (one round trip
    instead of one per kind): (case kind, answering department) -> n, for the subjects of
    the jurisdictions under `scope_path` (None: all), whose ids the caller may have read
    already (`jurisdiction_ids`). The same numbers as `casework.services.tallies.open_case_counts`."""
    parts, params = [], []
    if jurisdiction_ids is not None:
        scope = jurisdictions_in_scope_sql("s.jurisdiction_id", scope_path, jurisdiction_ids)
    else:
        scope = (f" AND s.jurisdiction_id IN (SELECT j.id FROM {_table(Jurisdiction)} j WHERE j.path LIKE %s)",
                 [f"{scope_path}%"])
    for code, kind in CASE_KINDS.items():
        model = kind.model
        department = connection.ops.quote_name(model._meta.get_field(kind.department_field).column)
        subject = connection.ops.quote_name(model._meta.get_field("subject").column)
        statuses = list(kind.open_statuses)
        where = f"status IN ({', '.join(['%s'] * len(statuses))})"
        params += [code, *statuses]
        if scope_path is not None:
            # The scope's few jurisdictions first, then their subjects: no join to every subject.
            in_scope, scope_params = scope
            where += f" AND {subject} IN (SELECT s.id FROM {_table(Subject)} s WHERE 1 = 1{in_scope})"
            params += scope_params
        parts.append(f"SELECT %s, {department}, COUNT(*) FROM {_table(model)} WHERE {where} GROUP BY {department}")
    return Counter({(code, department): n for code, department, n in _fetch(" UNION ALL ".join(parts), params)})


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _counter():
    return {"open": 0, "soon": 0, "overdue": 0, "late_max": 0, "late": dict.fromkeys(k for k, *_ in LATE_BUCKETS)}


def dashboard_now(*, scope_path: str | None, today: datetime.date,
                  calendar: WorkdayIndex | None = None) -> dict:
    """Open cases, deadlines due within N working days and overdue ones, grouped several ways."""
    cal = calendar or current_calendar()
    soon_end = cal.add_working_days(today, _soon_days())
    everything = _covers_everything(scope_path)
    ids = None
    if everything:
        rows = _tallied_deadlines(soon_end)
    else:
        # Read once for both queries below (None: no scope, every jurisdiction).
        ids = scope_jurisdiction_ids(scope_path) if scope_path is not None else None
        rows = _fetch(*now_query(scope_path=scope_path, soon_end=soon_end, jurisdiction_ids=ids))

    # Each row's state and lateness once per due date (a few hundred), then the counts
    # added to the four groupings directly: the rows can be thousands for a big scope.
    state_of: dict = {}
    total = _counter()
    by_case_kind = defaultdict(_counter)
    by_kind = defaultdict(_counter)
    by_department = defaultdict(_counter)
    for case_kind, kind, department_id, due, n in rows:
        got = state_of.get(due)
        if got is None:
            day = as_date(due)
            if day < today:
                late = cal.working_days_between(day, today)
                got = state_of[due] = ("overdue", late, late_bucket(late))
            else:
                got = state_of[due] = ("soon", None, None)
        state, late, key = got
        for bucket in (total, by_case_kind[case_kind], by_kind[kind], by_department[department_id]):
            bucket[state] += n
            if key is not None:
                bucket["late"][key] = (bucket["late"][key] or 0) + n
                if late > bucket["late_max"]:
                    bucket["late_max"] = late

    # Open cases, per case kind and the department answering for each.
    open_cases = tallied_open_cases() if everything else _open_cases_counted(scope_path, ids)
    for (code, department_id), n in open_cases.items():
        for bucket in (total, by_case_kind[code], by_department[department_id]):
            bucket["open"] += n

    departments = _departments(by_department)
    by_level = defaultdict(_counter)
    for department_id, counts in by_department.items():
        level = _level_of(departments.get(department_id))
        target = by_level[level]
        for state in ("open", "soon", "overdue"):
            target[state] += counts[state]
        target["late_max"] = max(target["late_max"], counts["late_max"])
        for key, n in counts["late"].items():
            if n:
                target["late"][key] = (target["late"][key] or 0) + n

    department_rows = sorted(
        ({"id": "none" if dep_id is None else dep_id,
          "name": departments[dep_id].name if dep_id in departments else NO_DEPARTMENT,
          "level": _level_of(departments.get(dep_id)), **counts}
         for dep_id, counts in by_department.items()),
        key=lambda r: (-r["overdue"], -r["soon"], -r["open"], r["name"]),
    )
    level_order = [JurisdictionLevel.PROVINCE, JurisdictionLevel.CITY, JurisdictionLevel.COUNTY, SUBJECT_LEVEL]
    return {
        "today": today,
        "soon_days": _soon_days(),
        "soon_end": soon_end,
        "total": total,
        "by_case_kind": [{"code": c, "label": CASE_KINDS[c].label, **by_case_kind[c]} for c in CASE_KINDS],
        "by_kind": [{"code": k.value, "label": k.label, **by_kind[k.value]}
                    for k in DeadlineKind if k.value in by_kind],
        "by_department": department_rows,
        "by_level": [{"code": str(lv), "label": level_label(lv), **by_level[lv]} for lv in level_order
                     if lv in by_level],
        "late_buckets": [{"key": k, "label": label, "n": total["late"][k] or 0} for k, label, *_ in LATE_BUCKETS],
    }


# --- drill-down ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Filters:
    state: str = "overdue"  # open / soon / overdue
    case_kind: str = ""
    kind: str = ""
    department: str = ""  # an id, or "none" for the subject's materials
    level: str = ""
    late: str = ""  # a LATE_BUCKETS key

    def describe(self) -> str:
        parts = [{"open": "未办结案件", "soon": "即将到期", "overdue": "已逾期"}.get(self.state, self.state)]
        if self.case_kind in CASE_KINDS:
            parts.append(CASE_KINDS[self.case_kind].label)
        if self.kind in DeadlineKind.values:
            parts.append(DeadlineKind(self.kind).label)
        if self.level:
            parts.append(level_label(self.level) if self.level in (*JurisdictionLevel.values, SUBJECT_LEVEL)
                         else self.level)
        for key, label, *_ in LATE_BUCKETS:
            if key == self.late:
                parts.append(f"逾期{label}")
        return " · ".join(str(part) for part in parts)  # labels are lazy: join wants str


def _department_ids_at_level(level: str) -> list[int]:
    return list(Department.objects.filter(jurisdiction__level=level).values_list("id", flat=True))


def dashboard_list(*, scope_path: str | None, today: datetime.date, filters: Filters, limit: int = 500,
                   calendar: WorkdayIndex | None = None) -> dict:
    """The cases behind one number of `dashboard_now`, most urgent first."""
    cal = calendar or current_calendar()
    if filters.state == "open":
        return _open_case_list(scope_path=scope_path, filters=filters, limit=limit)
    where, params = ["d.met_at IS NULL", "d.due_date IS NOT NULL"], []
    if filters.state == "soon":
        where.append("d.due_date >= %s AND d.due_date <= %s")
        params += [today, cal.add_working_days(today, _soon_days())]
    else:
        where.append("d.due_date < %s")
        params.append(today)
    if filters.kind in DeadlineKind.values:
        where.append("d.kind = %s")
        params.append(filters.kind)
    inner, inner_params = deadlines_sql(where=" AND ".join(where), where_params=params, scope_path=scope_path)
    outer, outer_params = [], []
    if filters.case_kind in CASE_KINDS:
        outer.append("u.case_kind = %s")
        outer_params.append(filters.case_kind)
    if filters.department == "none" or filters.level == SUBJECT_LEVEL:
        outer.append("u.department_id IS NULL")
    elif filters.department.isdigit():
        outer.append("u.department_id = %s")
        outer_params.append(int(filters.department))
    if filters.level in JurisdictionLevel.values:
        ids = _department_ids_at_level(filters.level) or [0]
        outer.append(f"u.department_id IN ({', '.join(['%s'] * len(ids))})")
        outer_params += ids
    if filters.late and filters.state == "overdue":
        due_dates = [as_date(r[0]) for r in _fetch(f"SELECT DISTINCT u.due_date FROM ({inner}) u", inner_params)]
        chosen = [d for d in due_dates if late_bucket(cal.working_days_between(d, today)) == filters.late] or [None]
        outer.append(f"u.due_date IN ({', '.join(['%s'] * len(chosen))})")
        outer_params += chosen
    where_outer = f"WHERE {' AND '.join(outer)}" if outer else ""
    base = f"FROM ({inner}) u {where_outer}"
    count = _fetch(f"SELECT COUNT(*) {base}", inner_params + outer_params)[0][0]
    rows = _fetch(
        f"SELECT u.case_kind, u.case_id, u.deadline_id, u.kind, u.department_id, u.due_date {base} "
        f"ORDER BY u.due_date, u.deadline_id LIMIT {int(limit)}",
        inner_params + outer_params,
    )
    cases = {code: ck.model.objects.select_related("subject").in_bulk([r[1] for r in rows if r[0] == code])
             for code, ck in CASE_KINDS.items()}
    departments = _departments({r[4] for r in rows})
    items = []
    for case_kind, case_id, deadline_id, kind, department_id, due in rows:
        due = as_date(due)
        case = cases[case_kind].get(case_id)
        days = cal.working_days_between(today, due)
        items.append({
            "case": case, "case_kind": CASE_KINDS[case_kind].label, "url_name": CASE_KINDS[case_kind].url_name(),
            "deadline_id": deadline_id, "department_id": department_id, "kind": DeadlineKind(kind).label, "department": departments[department_id].name
            if department_id in departments else NO_DEPARTMENT,
            "due": due, "days_left": days if due >= today else None, "days_late": -days if due < today else None,
        })
    return {"title": filters.describe(), "count": count, "items": items, "limit": limit, "deadlines": True}


def _open_case_list(*, scope_path, filters: Filters, limit: int) -> dict:
    items, count = [], 0
    for code, case_kind in CASE_KINDS.items():
        if filters.case_kind and filters.case_kind != code:
            continue
        qs = open_cases_queryset(case_kind, scope_path=scope_path)
        dep = f"{case_kind.department_field}_id"
        if filters.department.isdigit():
            qs = qs.filter(**{dep: int(filters.department)})
        elif filters.department == "none":
            qs = qs.none()
        if filters.level in JurisdictionLevel.values:
            qs = qs.filter(**{f"{case_kind.department_field}__jurisdiction__level": filters.level})
        count += qs.count()
        for case in qs.select_related("subject", case_kind.department_field).order_by(
                case_kind.received_field, "pk")[:limit]:
            items.append({"case": case, "case_kind": case_kind.label, "url_name": case_kind.url_name(),
                          "department": getattr(case, case_kind.department_field).name,
                          "status": case.get_status_display(), "received": getattr(case, case_kind.received_field)})
    return {"title": filters.describe(), "count": count, "items": items[:limit], "limit": limit, "deadlines": False}


# --- over a period -------------------------------------------------------------

def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, day after end 00:00) in Beijing, as aware datetimes."""
    first = datetime.datetime.combine(start, datetime.time(), tzinfo=BEIJING)
    last = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tzinfo=BEIJING)
    return first, last


def _median(weighted: dict[int, int]) -> float | None:
    total = sum(weighted.values())
    if not total:
        return None
    values = sorted(weighted.items())

    def nth(k):  # 0-based k-th smallest
        seen = 0
        for value, n in values:
            seen += n
            if k < seen:
                return value
        return values[-1][0]

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


# The case kinds a subject may withdraw, and the status it ends in. A withdrawal closes the
# case's deadlines too, but nobody answered: it is neither an on-time nor a late completion.
WITHDRAWN = {
    CaseKindCode.OBJECTION.value: (ObjectionCase, ObjectionStatus.WITHDRAWN),
    CaseKindCode.REPAIR.value: (RepairCase, RepairStatus.WITHDRAWN),
}


def _not_withdrawn_sql() -> tuple[str, list]:
    """A condition over alias d: the deadline's case was not withdrawn.

    NOT EXISTS on the case's primary key: one lookup per deadline of the period in
    scope, where `NOT IN (SELECT … withdrawn)` hashed every withdrawn case of the province.
    """
    parts, params = [], []
    for code, (model, status) in WITHDRAWN.items():
        parts.append(f"NOT EXISTS (SELECT 1 FROM {_table(model)} w WHERE d.case_kind = %s AND w.id = d.case_id "
                     f"AND w.status = %s)")
        params += [code, status.value]
    return " AND ".join(parts), params


def _rate(on_time: int, late: int) -> float | None:
    return round(100 * on_time / (on_time + late), 1) if on_time + late else None


def dashboard_period(*, scope_path: str | None, start: datetime.date, end: datetime.date) -> dict:
    """Deadlines met in [start, end] (Beijing dates): on time / late, on-time rate, and the
    median working days from receipt to the written reply, per month and per department.

    Deadlines of withdrawn cases are left out (`WITHDRAWN`): a withdrawal is no
    completion. Working days to reply count from the day after receipt to the day the reply
    deadline was met, paused spans included (the time the subject took to
    supply materials is part of what the subject waited). `deadline_meet` stores them.
    """
    kept, kept_params = _not_withdrawn_sql()
    inner, params = deadlines_sql(where=f"d.met_on IS NOT NULL AND d.met_on >= %s AND d.met_on <= %s AND {kept}",
                                  where_params=[start, end, *kept_params], scope_path=scope_path)
    # One pass over the period's deadlines gives both figures, grouped by month in SQL:
    # on time or late, and for replies the working days taken (stored when the deadline
    # was met), so a quarter of a million-case database comes back as a few thousand rows.
    month_sql, month_params = connection.ops.date_trunc_sql("month", "u.met_on", ())
    rows = _fetch(
        f"SELECT u.department_id, {month_sql}, CASE WHEN u.met_on <= u.due_date THEN 1 ELSE 0 END, "
        f"CASE WHEN u.kind = %s THEN u.working_days_taken END, COUNT(*) FROM ({inner}) u GROUP BY 1, 2, 3, 4",
        [*month_params, DeadlineKind.REPLY.value, *params],
    )
    # Two groupings (month, department) kept as flat counters, the total summed from the months
    # afterwards: a city's quarter comes back as a thousand rows or more.
    month_of: dict = {}
    counted = {"month": defaultdict(lambda: [0, 0]), "department": defaultdict(lambda: [0, 0])}
    spans = {"month": defaultdict(Counter), "department": defaultdict(Counter)}
    for department_id, month_start, on_time, span, n in rows:
        month = month_of.get(month_start)
        if month is None:
            month = month_of[month_start] = f"{as_date(month_start):%Y-%m}"
        late = 0 if on_time else 1
        counted["month"][month][late] += n
        counted["department"][department_id][late] += n
        if span is not None:  # a reply deadline
            spans["month"][month][span] += n
            spans["department"][department_id][span] += n

    def accs(by):
        return {key: {"on_time": on, "late": late, "days": spans[by][key]} for key, (on, late) in counted[by].items()}

    months, departments_acc = accs("month"), accs("department")
    total_days = Counter()
    for days in spans["month"].values():
        total_days.update(days)
    total = {"on_time": sum(a["on_time"] for a in months.values()), "late": sum(a["late"] for a in months.values()),
             "days": total_days}

    def row(acc, **extra):
        return {**extra, "on_time": acc["on_time"], "late": acc["late"], "closed": acc["on_time"] + acc["late"],
                "rate": _rate(acc["on_time"], acc["late"]), "median_reply_days": _median(acc["days"]),
                "replies": sum(acc["days"].values())}

    departments = _departments(departments_acc)
    return {
        "start": start,
        "end": end,
        "total": row(total),
        "months": [row(months[m], month=m) for m in sorted(months)],
        "departments": sorted(
            (row(acc, id="none" if dep_id is None else dep_id,
                 name=departments[dep_id].name if dep_id in departments else NO_DEPARTMENT)
             for dep_id, acc in departments_acc.items()),
            key=lambda r: (r["rate"] if r["rate"] is not None else 101, r["name"]),
        ),
    }


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
