"""Keep the running counts of `casework.models.tallies` in step with cases and deadlines.

Called by the case and deadline services inside their transactions; each call
inserts delta rows and never updates a shared row (see the models' docstring
for why). `tallies_fold` compacts the deltas; `tallies_rebuild` recounts from
the cases and deadlines themselves (after a migration, or if a check ever
finds a difference); `tallies_differences` is that check.
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, Sum

from casework.case_kinds import CASE_MODELS
from casework.models import Deadline, OpenCaseTally, OpenDeadlineTally
from casework.models.tallies import NO_DEPARTMENT


def _case_key(case, status) -> tuple | None:
    kind = CASE_MODELS[type(case)]
    return (kind.code, kind.department_id(case)) if status in kind.open_statuses else None


def deadline_key(deadline: Deadline) -> tuple | None:
    """What `deadline` counts towards now, or None (met, or its clock stands still)."""
    if deadline.met_at is not None or deadline.due_date is None:
        return None
    return (deadline.case_kind, deadline.kind, deadline.acting_department_id or NO_DEPARTMENT, deadline.due_date)


def _case_row(key, n):
    return OpenCaseTally(case_kind=key[0], department_key=key[1], n=n)


def _deadline_row(key, n):
    return OpenDeadlineTally(case_kind=key[0], kind=key[1], department_key=key[2], due_date=key[3], n=n)


def _record(model, make, moves: list[tuple[tuple | None, tuple | None]]) -> None:
    deltas = Counter()
    for before, after in moves:
        if before != after:
            if before is not None:
                deltas[before] -= 1
            if after is not None:
                deltas[after] += 1
    rows = [make(key, n) for key, n in deltas.items() if n]
    if rows:
        model.objects.bulk_create(rows)


def case_tally(case, *, before: str | None, after: str) -> None:
    """`case` went from status `before` (None: it is new) to `after`."""
    old = None if before is None else _case_key(case, before)
    _record(OpenCaseTally, _case_row, [(old, _case_key(case, after))])


def deadline_tally(moves: list[tuple[tuple | None, tuple | None]]) -> None:
    """Deadlines moved from key `before` to key `after` (keys from `deadline_key`)."""
    _record(OpenDeadlineTally, _deadline_row, moves)


def open_case_counts(*, scope_path: str | None = None) -> Counter:
    """Open cases counted from the case rows: (case kind, answering department) -> n,
    for subjects whose jurisdiction path starts with `scope_path` (None: all)."""
    counts = Counter()
    for model, kind in CASE_MODELS.items():
        cases = model.objects.filter(status__in=kind.open_statuses)
        if scope_path is not None:
            cases = cases.filter(subject__jurisdiction__path__startswith=scope_path)
        for department, n in (cases.order_by().values_list(f"{kind.department_field}_id").annotate(n=Count("*"))):
            counts[(kind.code, department)] += n
    return counts


def _counted_deadlines() -> Counter:
    rows = (Deadline.objects.filter(met_at__isnull=True, due_date__isnull=False).order_by()
            .values_list("case_kind", "kind", "acting_department_id", "due_date").annotate(n=Count("*")))
    return Counter({(c, k, d or NO_DEPARTMENT, due): n for c, k, d, due, n in rows})


def _summed(model, key_fields, **filters) -> Counter:
    rows = model.objects.filter(**filters).order_by().values_list(*key_fields).annotate(total=Sum("n"))
    return Counter({tuple(r[:-1]): r[-1] for r in rows if r[-1]})


def tallied_open_cases() -> Counter:
    """Open cases from the running counts: (case kind, answering department) -> n."""
    return _summed(OpenCaseTally, CASE_KEY)


def tallied_open_deadlines(*, due_until) -> Counter:
    """Open deadlines due up to `due_until` from the running counts:
    (case kind, deadline kind, acting department or NO_DEPARTMENT, due date) -> n."""
    return _summed(OpenDeadlineTally, DEADLINE_KEY, due_date__lte=due_until)


CASE_KEY = ("case_kind", "department_key")
DEADLINE_KEY = ("case_kind", "kind", "department_key", "due_date")


def tallies_differences() -> dict:
    """Where the running counts differ from a recount (empty when they agree)."""
    out = {}
    for name, summed, counted in (
        ("cases", tallied_open_cases(), open_case_counts()),
        ("deadlines", _summed(OpenDeadlineTally, DEADLINE_KEY), _counted_deadlines()),
    ):
        diff = {k: (summed.get(k, 0), counted.get(k, 0)) for k in set(summed) | set(counted)
                if summed.get(k, 0) != counted.get(k, 0)}
        if diff:
            out[name] = diff
    return out


@transaction.atomic
def tallies_rebuild() -> None:
    """Recount from the cases and deadlines, replacing every running count."""
    OpenCaseTally.objects.all().delete()
    OpenDeadlineTally.objects.all().delete()
    OpenCaseTally.objects.bulk_create([_case_row(k, n) for k, n in open_case_counts().items()], batch_size=5000)
    OpenDeadlineTally.objects.bulk_create(
        [_deadline_row(k, n) for k, n in _counted_deadlines().items()], batch_size=5000)


def _fold(model, make, key_fields) -> int:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in key_fields)
    with connection.cursor() as cursor:
        # DELETE … RETURNING removes exactly the rows it sums: a delta committed
        # meanwhile is neither lost nor counted twice (PostgreSQL, SQLite ≥ 3.35).
        cursor.execute(f"DELETE FROM {table} RETURNING {columns}, n")
        deleted = cursor.fetchall()
    sums = Counter()
    for *key, n in deleted:
        sums[tuple(key)] += n
    model.objects.bulk_create([make(k, n) for k, n in sums.items() if n], batch_size=5000)
    return len(deleted)


@transaction.atomic
def tallies_fold() -> int:
    """Fold the delta rows into one row per key; return how many rows were folded."""
    return _fold(OpenCaseTally, _case_row, CASE_KEY) + _fold(OpenDeadlineTally, _deadline_row, DEADLINE_KEY)
