"""Re-date the open deadlines a calendar change reaches, in a few set-based statements.

A change of one day's working status can reach every open deadline of the
province (a million rows), yet their new dates depend only on (start, working
days, paused spans), of which there are a few hundred distinct combinations.
So the database is asked for those combinations, Python computes each one's
new date with the calendar (`calendars.arithmetic.due_date`, the arithmetic
the lodging uses), and everything else stays in SQL: the changed rows are
locked and copied into a temporary table with their old and new values, then
one UPDATE stores the dates, one INSERT … SELECT writes the running counts'
deltas and one the log row on each case. No row of the million passes through
Python but its id (the caller gets the changed deadlines back).

The legal date follows the calendar; a date a letter stated stays, flagged
`kept_stated_date` when it is the later one (issue 14 item 7: a calendar
change never moves what the subject was told earlier).
"""

import datetime
import json
from collections.abc import Iterable, Sequence

from django.db import connection, transaction

from calendars.arithmetic import due_date as compute_due_date
from calendars.current import current_calendar
from calendars.errors import CalendarError
from calendars.index import WorkdayIndex
from calendars import clock
from casework.errors import DomainError
from casework.models import AuditEntry, Deadline, OpenDeadlineTally, User
from casework.models.deadlines import DeadlineKind
from casework.models.tallies import NO_DEPARTMENT

_MAP = "deadline_recompute_map"
_MOVES = "deadline_recompute_moves"
_BATCH = 10_000


class RecomputedDeadlines(Sequence):
    """The deadlines a recompute changed, in id order, loaded from the database as they are read.

    A calendar change can move a million deadlines: holding them all as model
    instances would cost more than the recompute itself, and callers mostly count them.
    """

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(Deadline.objects.filter(pk__in=self.ids[i]).order_by("pk"))
        return Deadline.objects.get(pk=self.ids[i])

    def __iter__(self):
        for first in range(0, len(self.ids), 2000):
            yield from Deadline.objects.filter(pk__in=self.ids[first:first + 2000]).order_by("pk")


@transaction.atomic
def deadline_recompute_for_calendar_change(
    *,
    changed_dates: Iterable[datetime.date],
    acting_user: User | None,
    confirmed_years: Iterable[int] = (),
) -> RecomputedDeadlines:
    """Recompute the open deadlines the calendar change reaches; return those that changed.

    A deadline is reached when a date whose working status changed lies in
    its counting span (after the start, up to the due date), or when a year
    it counts through was confirmed (its provisional flag may clear). Paused
    deadlines have no due date; they are computed when they resume. Call it
    in the transaction that changed the calendar, so both commit together.
    """
    dates = sorted(set(changed_dates))
    years = sorted(set(confirmed_years))
    if not dates and not years:
        return RecomputedDeadlines([])
    reached, reach_params = _reach(dates, years)
    calendar = current_calendar(fresh=True)
    now = clock.now()
    with connection.cursor() as cursor:
        if _postgres():
            # The UPDATE hashes the moves (a million rows, ~60 MB) rather than spilling them in
            # batches to disk; for this transaction only, which this function's caller commits.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        _drop(cursor)
        try:
            combos = _combinations(cursor, reached, reach_params)
            if not combos:
                return _finish(cursor, dates, calendar, [])
            _write_map(cursor, combos, calendar)
            _lock_changed(cursor, reached, reach_params)
            cursor.execute(f"SELECT id FROM {_MOVES} ORDER BY id")
            ids = [pk for (pk,) in cursor.fetchall()]
            if ids:
                _store(cursor, now)
                _count(cursor)
                _log(cursor, dates=dates, years=years, acting_user=acting_user, now=now)
            return _finish(cursor, dates, calendar, ids)
        finally:
            _drop(cursor)


def _finish(cursor, dates, calendar, ids) -> RecomputedDeadlines:
    if dates:
        _recount_days_taken(dates, calendar)
    return RecomputedDeadlines(ids)


def _reach(dates: list[datetime.date], years: list[int]) -> tuple[str, list]:
    """The open, counting deadlines the change reaches, as a condition over alias d.

    Exactly, not a covering range: changed dates 14 February and 8 March do not
    reach a deadline counting from 16 February to 6 March.
    """
    parts, params = [], []
    for day in dates:  # a changed day d reaches a deadline when start < d <= due
        parts.append("(d.start_date < %s AND d.due_date >= %s)")
        params += [day, day]
    for year in years:  # a confirmed year reaches a provisional deadline counting through it
        parts.append("(d.provisional AND d.start_date <= %s AND d.due_date >= %s)")
        params += [datetime.date(year, 12, 31), datetime.date(year, 1, 1)]
    return f"d.met_at IS NULL AND d.due_date IS NOT NULL AND ({' OR '.join(parts)})", params


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _spans_text(column: str) -> str:
    # The paused spans compared as text: decoding a million empty JSON lists would cost more
    # than the dates. jsonb prints one canonical text; SQLite stores what json.dumps wrote.
    return f"{column}::text" if _postgres() else column


def _date_text(column: str) -> str:
    # ISO on both: SQLite stores dates as ISO text; psycopg requires PostgreSQL's ISO DateStyle.
    return f"CAST({column} AS text)"


def _bool_text(expression: str) -> str:
    return f"CASE WHEN {expression} THEN 'true' ELSE 'false' END"


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])


def _combinations(cursor, reached: str, params: list) -> list[tuple]:
    """The distinct (start, working days, paused spans) of the reached deadlines."""
    cursor.execute(f"SELECT DISTINCT d.start_date, d.working_days, {_spans_text('d.paused_spans')} "
                   f"FROM {_table(Deadline)} d WHERE {reached}", params)
    return cursor.fetchall()


def _write_map(cursor, combos: list[tuple], calendar: WorkdayIndex) -> None:
    """Each combination with its new legal date and provisional flag, into a temporary table."""
    rows = []
    for start, working_days, spans_text in combos:
        start = _as_date(start)
        spans = [(datetime.date.fromisoformat(a), datetime.date.fromisoformat(b) if b else None)
                 for a, b in json.loads(spans_text)]
        try:
            result = compute_due_date(start=start, working_days=working_days, paused=spans, calendar=calendar)
        except CalendarError as exc:
            raise DomainError(exc.messages) from None
        rows.append((start, working_days, spans_text, result.date, result.provisional))
    cursor.execute(f"CREATE TEMPORARY TABLE {_MAP} (start_date date, working_days integer, paused text, "
                   f"due_date date, provisional boolean, PRIMARY KEY (start_date, working_days, paused))")
    for first in range(0, len(rows), _BATCH):
        cursor.executemany(f"INSERT INTO {_MAP} VALUES (%s, %s, %s, %s, %s)", rows[first:first + _BATCH])
    if _postgres():
        cursor.execute(f"ANALYZE {_MAP}")  # temporary tables get no statistics otherwise


_KEPT = "(d.stated_in_letter AND d.stated_due_date IS NOT NULL AND m.due_date < d.stated_due_date)"


def _joined(reached: str) -> str:
    """The reached deadlines joined to their combination's new values, those whose values change."""
    return (
        f"m.start_date = d.start_date AND m.working_days = d.working_days "
        f"AND m.paused = {_spans_text('d.paused_spans')} AND {reached} "
        f"AND (d.due_date <> m.due_date OR d.calculated_due_date IS NULL OR d.calculated_due_date <> m.due_date "
        f"OR d.provisional <> m.provisional OR d.kept_stated_date <> {_KEPT})"
    )


def _lock_changed(cursor, reached: str, params: list) -> None:
    """Lock the reached deadlines whose values change and copy them, old and new values, aside.

    The lock (FOR UPDATE, on PostgreSQL; SQLite's writer already holds the whole
    database) is taken by the same statement that reads the old values, so a
    deadline met or paused meanwhile is read as it is once locked (and left out).
    """
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_MOVES} (id bigint PRIMARY KEY, owner_type_id integer, owner_id bigint, "
        f"case_kind varchar(16), kind varchar(32), department_key bigint, start_date date, working_days integer, "
        f"old_due date, due_date date, provisional boolean, kept boolean, stated_due_date date)")
    cursor.execute(
        f"INSERT INTO {_MOVES} SELECT d.id, d.owner_type_id, d.owner_id, d.case_kind, d.kind, "
        f"COALESCE(d.acting_department_id, {NO_DEPARTMENT}), d.start_date, d.working_days, d.due_date, m.due_date, "
        f"m.provisional, {_KEPT}, d.stated_due_date "
        f"FROM {_table(Deadline)} d JOIN {_MAP} m ON {_joined(reached)}"
        + (" FOR UPDATE OF d" if connection.features.has_select_for_update_of else ""),
        params)
    if _postgres():
        cursor.execute(f"ANALYZE {_MOVES}")


def _store(cursor, now: datetime.datetime) -> None:
    """One UPDATE of the rows just locked, with the values copied aside with them: locked,
    the rows cannot have changed since, and only those rows (a deadline another transaction
    lodged meanwhile has no count delta or log row here). Joined by id, one hash probe per
    row, rather than re-matching each row's combination and then finding it in the moves."""
    cursor.execute(
        f"UPDATE {_table(Deadline)} AS d SET due_date = m.due_date, calculated_due_date = m.due_date, "
        f"provisional = m.provisional, kept_stated_date = m.kept, updated_at = %s "
        f"FROM {_MOVES} m WHERE d.id = m.id", [now])


def _count(cursor) -> None:
    """The running counts' deltas (`casework.services.tallies`): each moved deadline leaves its
    old due date's count and joins its new one's; a move that nets to nothing writes no row.
    The moves are grouped once first (a million moves share a few hundred keys), so the
    delta rows are summed from the groups, not from two passes over the moves."""
    key = "case_kind, kind, department_key"
    cursor.execute(
        f"WITH g AS (SELECT {key}, old_due, due_date, COUNT(*) AS n FROM {_MOVES} GROUP BY {key}, old_due, due_date) "
        f"INSERT INTO {_table(OpenDeadlineTally)} (case_kind, kind, department_key, due_date, n) "
        f"SELECT {key}, due_date, SUM(n) FROM ("
        f"SELECT {key}, old_due AS due_date, -n AS n FROM g "
        f"UNION ALL SELECT {key}, due_date, n FROM g) t "
        f"GROUP BY {key}, due_date HAVING SUM(n) <> 0")


def _log(cursor, *, dates, years, acting_user, now) -> None:
    """One `deadline_recomputed` row on each changed deadline's case, in id order.

    What `audit_write` would write with `casework.services.deadlines._details` and
    the recompute's extras (the same keys and order), built in SQL from the moves.
    """
    shown = "、".join(f"{d:%Y-%m-%d}" for d in dates[:5]) + ("等" if len(dates) > 5 else "")
    cause = "工作日历调整" + (f"（{shown}）" if dates else "")
    if years:
        cause += "；" + "、".join(f"{y}年" for y in years) + "放假安排已确认"
    actor_id = acting_user.pk if acting_user is not None and acting_user.is_authenticated else None
    common = json.dumps({"changed_dates": [d.isoformat() for d in dates[:50]], "confirmed_years": years})[1:]
    label_cases, label_params = [], []
    for kind in DeadlineKind:
        label_cases.append("WHEN %s THEN %s")
        label_params += [kind.value, f"{kind.label}期限"]
    old, new, stated = _date_text("m.old_due"), _date_text("m.due_date"), _date_text("m.stated_due_date")
    reason = (
        f"%s || (CASE m.kind {' '.join(label_cases)} ELSE m.kind END) || "
        f"(CASE WHEN m.old_due <> m.due_date THEN '法定到期日由' || {old} || '改为' || {new} "
        f"ELSE '法定到期日' || {new} || '不变' END) || "
        f"(CASE WHEN m.kept THEN '，早于函件已告知的' || {stated} || '；函件所述日期对申请主体继续有效' ELSE '' END) || "
        f"(CASE WHEN m.provisional THEN '（暂定）' ELSE '' END)"
    )
    details = (
        "'{\"deadline\": ' || CAST(m.id AS text) || ', \"kind\": \"' || m.kind || '\", \"working_days\": ' || "
        f"CAST(m.working_days AS text) || ', \"start_date\": \"' || {_date_text('m.start_date')} || "
        f"'\", \"due_date\": \"' || {new} || '\", \"provisional\": ' || {_bool_text('m.provisional')} || "
        f"', \"previous_due_date\": \"' || {old} || '\", \"calculated_due_date\": \"' || {new} || "
        f"'\", \"kept_stated_date\": ' || {_bool_text('m.kept')} || ', ' || %s"
    )
    if _postgres():
        details = f"CAST({details} AS jsonb)"
    cursor.execute(
        f"INSERT INTO {_table(AuditEntry)} (target_type_id, target_id, actor_id, action, from_state, to_state, "
        f"reason, details, at) SELECT m.owner_type_id, m.owner_id, %s, 'deadline_recomputed', {old}, {new}, "
        f"{reason}, {details}, %s FROM {_MOVES} m ORDER BY m.id",
        [actor_id, f"{cause}：", *label_params, common, now])


def _drop(cursor) -> None:
    for table in (_MOVES, _MAP):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _recount_days_taken(dates: list[datetime.date], calendar: WorkdayIndex) -> None:
    """Met deadlines whose span holds a changed date: their working days taken change too."""
    met = [d for d in Deadline.objects.filter(met_on__isnull=False, start_date__lt=dates[-1], met_on__gte=dates[0])
           if any(d.start_date < day <= d.met_on for day in dates)]
    for deadline in met:
        deadline.met_working_days = calendar.working_days_between(
            deadline.start_date, max(deadline.met_on, deadline.start_date))
    Deadline.objects.bulk_update(met, ["met_working_days"], batch_size=1000)
