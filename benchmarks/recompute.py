"""Benchmark the recompute after a calendar override against one hand-written SQL UPDATE.

    DATABASE_URL=postgres://postgres@127.0.0.1:55433/credit_h4 \\
        .venv/bin/python benchmarks/recompute.py [--deadlines 1000000] [--rounds 2] [--keep] [--breakdown]

PostgreSQL only (the figure the issue asks for is a province's million open
deadlines on its server). Works in the database DATABASE_URL names, creating
and migrating it if needed, and drops its big tables' rows at the end unless
`--keep` is given.

The rows: `--deadlines` open reply-type deadlines written with one
`INSERT … SELECT generate_series` (no services: this is data for timing),
starting on the working days from 26 October to 13 November 2026, 15, 20 or 30
working days long, their due dates computed by the calendar in force; one in
five was stated in a letter, one in fifty had its clock paused for a few days.
They belong to synthetic cases (the owner is a generic relation without a
foreign key, and neither side reads the case rows). A copy is kept in a
template table and restored before each side runs, with the running counts
rebuilt and VACUUM ANALYZE, so both sides start from the same rows.

The change: an administrator declares Saturday 14 November 2026 a working day
(调休上班), which every one of those deadlines counts through: each due date
moves one working day earlier, except where a letter stated the old date (kept,
flagged).

The two sides, each timed from the override's transaction up to its commit:
- the project: `calendar_override_set` and `deadline_recompute_for_calendar_change`,
  as the calendar page runs them (log rows on each case, running counts);
- hand-written SQL: the same override, then the distinct (start, working days,
  paused spans) of the reached deadlines read back, their new dates computed
  with the same working-day index in Python, copied into a temporary table, and
  one `UPDATE … FROM` applying them with the letter rule in a CASE. No log rows
  and no running counts: the floor the project's recompute is measured against.

Rounds are interleaved (the order alternates), best of `--rounds` on both sides.
After each run a checksum over (id, due date, calculated date, kept flag,
provisional flag) of every row must equal the other side's; it exits 1 if not.
The last line is `recompute_vs_sql: <ratio>`.

`--breakdown` prints, after each project run, its statements of 100 ms or more with their
times (a Django execute wrapper: a dozen statements, so it adds nothing measurable), the
commit's time (where PostgreSQL runs deferred foreign-key checks) and the size of the log
rows written.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# benchmarks/calendar.py would shadow the standard library's `calendar`: keep this folder off sys.path.
sys.path[:] = [p for p in sys.path if Path(p or os.getcwd()).resolve() != HERE]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402

CHANGED = datetime.date(2026, 11, 14)  # a Saturday, declared a working day
FIRST_START, LAST_START = datetime.date(2026, 10, 26), datetime.date(2026, 11, 13)
LENGTHS = (15, 20, 30)
TEMPLATE = "bench_recompute_template"


def setup_django() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("recompute.py needs PostgreSQL: DATABASE_URL=postgres://…/<your database>")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    import psycopg
    from django.conf import settings

    django.setup()
    db = settings.DATABASES["default"]
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(n: int) -> None:
    """Write n open deadlines with bulk SQL, then keep a copy in the template table."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from calendars.current import current_calendar
    from casework.models import Department, Jurisdiction, JurisdictionLevel, ObjectionCase

    without_overrides()  # the rows' dates are those of the calendar before the change
    cal = current_calendar(fresh=True)
    starts = [FIRST_START + datetime.timedelta(days=i) for i in range((LAST_START - FIRST_START).days + 1)]
    starts = [s for s in starts if cal.is_working_day(s)]
    pause = lambda s: [[(s + datetime.timedelta(days=2)).isoformat(), (s + datetime.timedelta(days=5)).isoformat()]]  # noqa: E731
    with transaction.atomic(), connection.cursor() as cur:
        province, _ = Jurisdiction.objects.get_or_create(
            code="220000", defaults={"name": "吉林省", "level": JurisdictionLevel.PROVINCE, "path": "220000/"})
        departments = [Department.objects.get_or_create(name=f"基准部门{i}", jurisdiction=province,
                                                        defaults={"is_determining": True})[0] for i in range(20)]
        # (start, working days, paused) -> due date, from the calendar as it is before the change.
        cur.execute("CREATE TEMPORARY TABLE bench_due (k int PRIMARY KEY, start date, n int, paused jsonb, due date)")
        combos = [(s, length, p) for s in starts for length in LENGTHS for p in (False, True)]
        with cur.cursor.copy("COPY bench_due (k, start, n, paused, due) FROM STDIN") as copy:
            for k, (s, length, p) in enumerate(combos):
                spans = pause(s) if p else []
                copy.write_row((k, s, length, json.dumps(spans), _due(cal, s, length, spans)))
        plain = len(starts) * len(LENGTHS)
        ct = ContentType.objects.get_for_model(ObjectionCase).pk
        cur.execute(
            "INSERT INTO casework_deadline (owner_type_id, owner_id, kind, case_kind, case_id, acting_department_id,"
            " jurisdiction_id, start_date, working_days, paused_spans, calculated_due_date, due_date, provisional,"
            " stated_in_letter, stated_due_date, kept_stated_date, created_at, updated_at) "
            "SELECT %s, g, 'reply', 'objection', g, (%s::bigint[])[1 + g %% %s], %s, b.start, b.n, b.paused, b.due,"
            " b.due, false, g %% 5 = 1, CASE WHEN g %% 5 = 1 THEN b.due END, false, now(), now() "
            "FROM generate_series(1, %s) g"
            # Unpaused combos sit at even k, paused ones (every 50th deadline) at odd k (see `combos`).
            " JOIN bench_due b ON b.k = 2 * (g %% %s) + CASE WHEN g %% 50 = 0 THEN 1 ELSE 0 END",
            [ct, [d.pk for d in departments], len(departments), province.pk, n, plain])
        cur.execute(f"DROP TABLE IF EXISTS {TEMPLATE}")
        cur.execute(f"CREATE TABLE {TEMPLATE} AS SELECT * FROM casework_deadline")


def _due(cal, start, n, spans):
    from calendars.arithmetic import due_date

    paused = [(datetime.date.fromisoformat(a), datetime.date.fromisoformat(b)) for a, b in spans]
    return due_date(start=start, working_days=n, paused=paused, calendar=cal).date


def without_overrides() -> None:
    from django.db import transaction

    from calendars.current import bump_version, forget_calendar
    from calendars.models import CalendarOverride

    with transaction.atomic():
        CalendarOverride.objects.all().delete()
        bump_version()
    forget_calendar()


def restore() -> float:
    """Every side starts from the same rows: the template's deadlines, no override, counts rebuilt."""
    from django.db import connection, transaction

    from calendars.current import forget_calendar
    from casework.services.tallies import tallies_rebuild

    began = time.perf_counter()
    without_overrides()
    with transaction.atomic(), connection.cursor() as cur:
        clear("casework_deadline", "casework_auditentry")
        cur.execute(f"INSERT INTO casework_deadline SELECT * FROM {TEMPLATE}")
        tallies_rebuild()
    forget_calendar()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE casework_deadline")
        cur.execute("VACUUM ANALYZE casework_auditentry")
    return time.perf_counter() - began


def clear(*tables: str) -> None:
    """Empty the benchmark's own tables between runs.

    The audit table refuses TRUNCATE by trigger (its rows are append-only); this
    database holds nothing but the rows the benchmark itself wrote, so the
    triggers are set aside for this one statement (replica mode, superuser).
    """
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def checksum() -> tuple[str, int]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT md5(string_agg(concat_ws(':', id, due_date, calculated_due_date, kept_stated_date,"
                    " provisional), ',' ORDER BY id)), count(*) FROM casework_deadline")
        return cur.fetchone()


def run_project(admin, *, breakdown: list | None = None) -> tuple[float, int]:
    """The project's side; with `breakdown`, each statement of 100 ms or more, and the commit,
    are appended to it as (seconds, the statement's first words)."""
    from contextlib import nullcontext

    from django.db import connection, transaction

    from calendars.models import DayKind
    from calendars.services import calendar_override_set
    from casework.services.deadline_recompute import deadline_recompute_for_calendar_change

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if time.perf_counter() - began >= 0.1:
                breakdown.append((time.perf_counter() - began, " ".join(sql.split()[:6])))

    began = time.perf_counter()
    with transaction.atomic():
        with connection.execute_wrapper(timed) if breakdown is not None else nullcontext():
            change = calendar_override_set(on=CHANGED, kind=DayKind.WORKING, reason="调休上班", acting_user=admin)
            moved = deadline_recompute_for_calendar_change(
                changed_dates=change.dates, confirmed_years=change.confirmed_years, acting_user=admin)
        committing = time.perf_counter()
    if breakdown is not None:
        breakdown.append((time.perf_counter() - committing, "COMMIT (the deferred key checks run here)"))
    return time.perf_counter() - began, len(moved)


def print_breakdown(breakdown: list) -> None:
    """Where the project's time went, and what its log rows weigh."""
    from django.db import connection

    print("  the project's statements of 100 ms or more, in order:")
    for seconds, what in breakdown:
        print(f"    {seconds:6.2f} s  {what}")
    with connection.cursor() as cur:
        cur.execute("SELECT count(*), pg_table_size('casework_auditentry'), pg_indexes_size('casework_auditentry'),"
                    " avg(pg_column_size(a.*)) FROM casework_auditentry a")
        rows, table, indexes, width = cur.fetchone()
    print(f"  audit rows: {rows:,}, {table / 2**20:,.0f} MB of table and {indexes / 2**20:,.0f} MB of indexes, "
          f"{width or 0:.0f} bytes a row")


def run_sql(admin) -> tuple[float, int]:
    from django.db import connection, transaction

    from calendars.current import current_calendar
    from calendars.models import DayKind
    from calendars.services import calendar_override_set

    began = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        change = calendar_override_set(on=CHANGED, kind=DayKind.WORKING, reason="调休上班", acting_user=admin)
        lo, hi = min(change.dates), max(change.dates)
        cal = current_calendar(fresh=True)
        reached = "d.met_at IS NULL AND d.due_date IS NOT NULL AND d.start_date < %s AND d.due_date >= %s"
        cur.execute(f"SELECT DISTINCT start_date, working_days, paused_spans::text FROM casework_deadline d "
                    f"WHERE {reached}", [hi, lo])
        combos = cur.fetchall()
        cur.execute("CREATE TEMPORARY TABLE bench_map (start date, n int, paused text, due date, provisional bool,"
                    " PRIMARY KEY (start, n, paused)) ON COMMIT DROP")
        with cur.cursor.copy("COPY bench_map FROM STDIN") as copy:
            for start, n, paused in combos:
                spans = json.loads(paused)
                due = _due(cal, start, n, spans)
                provisional = bool(cal.provisional_years_in(min(due, start + datetime.timedelta(days=1)), due))
                copy.write_row((start, n, paused, due, provisional))
        cur.execute(
            "UPDATE casework_deadline d SET calculated_due_date = m.due, provisional = m.provisional,"
            # The legal date follows the calendar; the stated one stays (casework.services.deadlines).
            " due_date = m.due,"
            " kept_stated_date = d.stated_in_letter AND m.due < d.stated_due_date, updated_at = now() "
            f"FROM bench_map m WHERE {reached} AND d.start_date = m.start AND d.working_days = m.n"
            " AND d.paused_spans::text = m.paused", [hi, lo])
        updated = cur.rowcount
    return time.perf_counter() - began, updated


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deadlines", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the generated rows (and the template) afterwards")
    parser.add_argument("--breakdown", action="store_true",
                        help="print the project's statements of 100 ms or more, its commit, and its log rows' size")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from casework.models import Role, User

    began = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", [TEMPLATE])
        have = cur.fetchone()[0]
        if have:
            cur.execute(f"SELECT count(*) FROM {TEMPLATE}")
            have = cur.fetchone()[0] == args.deadlines
    if not have:
        clear("casework_deadline", "casework_auditentry")
        generate(args.deadlines)
    print(f"{args.deadlines:,} open deadlines ready in {time.perf_counter() - began:.1f} s "
          f"({'kept from an earlier run' if have else 'generated'})")
    admin, _ = User.objects.get_or_create(username="bench-recompute-admin", defaults={"role": Role.ADMINISTRATOR})

    times = {"project": [], "sql": []}
    sums = {}
    ok = True
    for r in range(args.rounds):
        for side in (("project", "sql") if r % 2 == 0 else ("sql", "project")):
            restored = restore()
            load = os.getloadavg()[0]
            breakdown = [] if args.breakdown and side == "project" else None
            seconds, rows = run_project(admin, breakdown=breakdown) if side == "project" else run_sql(admin)
            digest, count = checksum()
            times[side].append(seconds)
            print(f"round {r + 1} {side:>7}: {seconds:6.2f} s, {rows:,} rows changed/updated "
                  f"(load {load:.2f} before, {os.getloadavg()[0]:.2f} after; restore {restored:.1f} s) "
                  f"checksum {digest[:12]} over {count:,}")
            if side == "project":
                from casework.models import AuditEntry
                from casework.services.tallies import tallies_differences

                logged = AuditEntry.objects.filter(action="deadline_recomputed").count()
                in_step = tallies_differences() == {}
                print(f"                 {logged:,} log rows, running counts in step: {in_step}")
                if breakdown is not None:
                    print_breakdown(breakdown)
                ok &= logged == rows and in_step
            sums.setdefault(side, set()).add(digest)
    same = len(sums["project"] | sums["sql"]) == 1
    ok &= same
    best_project, best_sql = min(times["project"]), min(times["sql"])
    ratio = best_project / best_sql
    print(f"checksums identical row by row: {same}")
    print(f"project recompute: best {best_project:.2f} s of {args.rounds}; hand-written SQL UPDATE: best "
          f"{best_sql:.2f} s of {args.rounds}; goal ≤ 30 s and within 3×: "
          f"{'met' if best_project <= 30 and ratio <= 3 else 'NOT met'}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.keep:
        clear("casework_deadline", "casework_auditentry", "casework_opendeadlinetally")
        without_overrides()
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {TEMPLATE}")
    print(f"recompute_vs_sql: {ratio:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
