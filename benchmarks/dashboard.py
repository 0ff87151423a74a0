"""Benchmark the supervisors' dashboard against a hand-written SQL aggregate of the same numbers.

    .venv/bin/python benchmarks/dashboard.py [--cases 100000] [--requests 40] [--seed 7]
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/dashboard.py [--keep]   # 1,000,000 cases by default

Generates objection cases with bulk_create (bypassing the services: this is
data for timing, not for the rules) in a throwaway database: a SQLite file in
a temporary folder, or, when DATABASE_URL is given, a database of its own
(<name>_dashboard_<pid>) that Django creates beside the named one and drops
at the end. About 30% of the
cases are open, their reply deadlines spread around today (overdue, due soon,
later); the rest were replied to, on time or late, over the past year.

Since bulk_create bypasses the services, it then recounts the running counts the
services keep (`casework.services.tallies.tallies_rebuild`) and runs VACUUM ANALYZE
on PostgreSQL (what autovacuum does on a live server: index-only scans need the
visibility map). `--keep` keeps the PostgreSQL database (<name>_dashboard_kept)
and reuses it on the next run, to time again without generating again.

Then, for every scope (an administrator; supervisors of the province, of a city,
220100, and of a county, 220101), it checks that the dashboard's numbers equal
those of hand-written SQL of the same scope, department by department (open,
due, on time, late) and the median reply time (exit 1 if not), and times, each
`--requests` times, the three taking turns:
- the dashboard page through the test client (the staff site's page, `oversight_app:oversight:index`: the
  "now" numbers, the drill-down links, the current quarter's period figures
  and the SVG charts, rendered);
- its two selectors alone (`dashboard_now`, `dashboard_period`);
- the hand-written SQL of the scope: open cases per department (the cases
  joined to their subject's jurisdiction under the scope), open deadlines due up
  to the "soon" limit per department and due date, the quarter's met deadlines
  per department, day and on-time flag, and the reply spans for the median (both
  without the deadlines of withdrawn cases, as the dashboard), the
  deadline queries limited to the scope's jurisdictions.
It prints p50 and p95 of each with the ratios to the SQL. Both read the deadline
table's stored columns (acting department, `met_on`, `met_working_days`) and the
same indexes; an administrator's and the province's "now" figures come from the
running counts, the SQL always counts the rows.
The last line is `dashboard_p95_ms: <X> ratio_vs_sql: <Y> city_ratio_vs_sql: <Z>` (the
administrator's page p95, its ratio, and the city supervisor's page ratio, p95 to p95).
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
import gc  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

old_name = None  # the named PostgreSQL database, restored after the test database is dropped
DASHBOARD_URL = None  # the staff site's dashboard page, reversed once Django is set up


def setup_django(folder: str, *, keep: bool, purpose: str = "dashboard") -> bool:
    """Django on a throwaway database (on PostgreSQL <name>_<purpose>_…); return True on PostgreSQL."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["CREDIT_VAR_DIR"] = folder
    on_postgres = bool(os.environ.get("DATABASE_URL"))
    if not on_postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/benchmark.sqlite3"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if on_postgres:
        global old_name
        old_name = connection.settings_dict["NAME"]
        # A database of its own: never the test database another run may be using.
        # Named after the database given, so a shared server only ever sees names its user owns.
        name = f"{old_name}_{purpose}_kept" if keep else f"{old_name}_{purpose}_{os.getpid()}"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    return on_postgres


def generate(n_cases: int, *, today: datetime.date, seed: int) -> None:
    import numpy as np
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from calendars.current import current_calendar
    from casework.models import (
        CreditRecord, Deadline, Department, Jurisdiction, JurisdictionLevel, ObjectionCase, Role, Subject, User,
    )
    from casework.models.objections import ObjectionStatus

    rng = random.Random(seed)
    cal = current_calendar()
    with transaction.atomic():
        province = Jurisdiction.objects.create(code="220000", name="吉林省", level=JurisdictionLevel.PROVINCE,
                                               path="220000/")
        places = [province]
        for c in range(1, 10):
            city = Jurisdiction.objects.create(code=f"22{c:02d}00", name=f"市{c}", level=JurisdictionLevel.CITY,
                                               parent=province, path=f"220000/22{c:02d}00/")
            places.append(city)
            for k in range(1, 6):
                places.append(Jurisdiction.objects.create(
                    code=f"22{c:02d}{k:02d}", name=f"市{c}县{k}", level=JurisdictionLevel.COUNTY, parent=city,
                    path=f"{city.path}22{c:02d}{k:02d}/"))
        departments = Department.objects.bulk_create(
            [Department(name=f"{j.name}部门{i}", jurisdiction=j, is_determining=True) for j in places for i in (1, 2)])
        subjects = Subject.objects.bulk_create(
            [Subject(kind="government", name=f"主体{i}", jurisdiction=rng.choice(places), uscc=f"BENCH{i:013d}")
             for i in range(2000)])
        officer = User.objects.create(username="bench-officer", role=Role.SUBJECT_OFFICER, subject=subjects[0])
        User.objects.create(username="bench-admin", role=Role.ADMINISTRATOR)
    case_ct = ContentType.objects.get_for_model(ObjectionCase)
    closed_statuses = [ObjectionStatus.CLOSED, ObjectionStatus.WITHDRAWN]
    open_statuses = [ObjectionStatus.LODGED, ObjectionStatus.UNDER_VERIFICATION, ObjectionStatus.DECIDED,
                     ObjectionStatus.FOLLOWING_UP]
    batch = 20_000
    for first in range(0, n_cases, batch):
        size = min(batch, n_cases - first)
        is_open = [rng.random() < 0.3 for _ in range(size)]
        starts = [today - datetime.timedelta(days=rng.randint(0, 40) if o else rng.randint(20, 400))
                  for o in is_open]
        dues = cal.add_working_days_bulk(np.array(starts, dtype="datetime64[D]"), 15).astype(object)
        spans = [rng.choice((5, 10, 14, 15, 15, 16, 20)) for _ in range(size)]
        mets = cal.add_working_days_bulk(np.array(starts, dtype="datetime64[D]"), np.array(spans)).astype(object)
        with transaction.atomic():
            homes = [rng.choice(subjects) for _ in range(size)]
            owners = [rng.choice(departments) for _ in range(size)]
            records = CreditRecord.objects.bulk_create([
                CreditRecord(number=f"B{first + i:09d}", subject=homes[i], kind="dishonesty",
                             key_area="government_procurement", determined_by=owners[i], platform_level="city",
                             facts="基准测试", legal_basis="基准测试", determined_on=starts[i], severity="general")
                for i in range(size)])
            received = [datetime.datetime.combine(s, datetime.time(2), tzinfo=datetime.UTC) for s in starts]
            cases = ObjectionCase.objects.bulk_create([
                ObjectionCase(number=f"YY-B-{first + i:09d}", subject=homes[i], record=records[i], grounds="基准测试",
                              channel="department", received_at=received[i], received_on=starts[i],
                              handling_department=owners[i], determining_department=owners[i],
                              status=rng.choice(open_statuses) if is_open[i] else rng.choice(closed_statuses),
                              lodged_by=officer,
                              closed_at=None if is_open[i] else datetime.datetime.combine(
                                  mets[i], datetime.time(3), tzinfo=datetime.UTC))
                for i in range(size)])
            Deadline.objects.bulk_create([
                # met_on: the Beijing date of met_at (03:00 UTC is 11:00 in Beijing, the same day),
                # as deadline_meet stores it.
                Deadline(owner_type=case_ct, owner_id=cases[i].pk, kind="reply", start_date=starts[i],
                         case_kind="objection", case_id=cases[i].pk, acting_department=owners[i],
                         jurisdiction_id=homes[i].jurisdiction_id,
                         working_days=15, calculated_due_date=dues[i], due_date=dues[i],
                         met_at=None if is_open[i] else datetime.datetime.combine(mets[i], datetime.time(3),
                                                                                   tzinfo=datetime.UTC),
                         met_on=None if is_open[i] else mets[i],
                         met_working_days=None if is_open[i] else spans[i])
                for i in range(size)])
        print(f"  {first + size:,} cases", file=sys.stderr)
    # bulk_create bypassed the services, so count what they would have counted as they
    # went (the running counts the province-wide dashboard reads); `agrees()` then checks
    # the dashboard's numbers against the hand-written SQL over the rows themselves.
    from casework.services.tallies import tallies_rebuild

    tallies_rebuild()


SCOPES = (  # (label, jurisdiction code of the supervisor, or None for the administrator)
    ("administrator", None),
    ("province supervisor (220000)", "220000"),
    ("city supervisor (220100)", "220100"),
    ("county supervisor (220101)", "220101"),
)


def hand_written_sql(*, today: datetime.date, scope_path: str | None):
    """The dashboard's numbers for one scope (None: everything), in four plain queries over the rows."""
    from django.db import connection

    from calendars.current import current_calendar
    from casework.models.objections import OPEN_OBJECTION_STATUSES
    from supervision.selectors import quarter_start

    cal = current_calendar()
    soon_end = cal.add_working_days(today, 3)
    start = quarter_start(today)
    statuses = ", ".join(f"'{s}'" for s in OPEN_OBJECTION_STATUSES)
    # The scope as a supervisor's: the subject's jurisdiction at or under the supervisor's.
    cases_scope, scope, scope_params = "", "", []
    if scope_path is not None:
        cases_scope = ("JOIN casework_subject s ON s.id = c.subject_id "
                       "JOIN casework_jurisdiction j ON j.id = s.jurisdiction_id AND j.path LIKE %s ")
        scope = " AND jurisdiction_id IN (SELECT id FROM casework_jurisdiction WHERE path LIKE %s)"
        scope_params = [scope_path + "%"]
    with connection.cursor() as cur:
        cur.execute(f"SELECT c.handling_department_id, COUNT(*) FROM casework_objectioncase c {cases_scope}"
                    f"WHERE c.status IN ({statuses}) GROUP BY c.handling_department_id", scope_params)
        open_cases = cur.fetchall()
        # The deadline table alone, as the dashboard reads it: each deadline stores its
        # acting department and the subject's jurisdiction (deadline_create), and the stored
        # Beijing date met_on. The baseline gets every index and column the dashboard gets.
        cur.execute("SELECT acting_department_id, due_date, COUNT(*) FROM casework_deadline "
                    f"WHERE met_at IS NULL AND due_date IS NOT NULL AND due_date <= %s{scope} GROUP BY 1, 2",
                    [soon_end, *scope_params])
        due = cur.fetchall()
        # A withdrawn case's deadlines were closed, not met: neither on time nor late.
        kept = ("AND NOT EXISTS (SELECT 1 FROM casework_objectioncase c WHERE d.case_kind = 'objection' "
                "AND c.id = d.case_id AND c.status = 'withdrawn') "
                "AND NOT EXISTS (SELECT 1 FROM casework_repaircase c WHERE d.case_kind = 'repair' "
                "AND c.id = d.case_id AND c.status = 'withdrawn')")
        cur.execute("SELECT acting_department_id, met_on, CASE WHEN met_on <= due_date THEN 1 ELSE 0 END, COUNT(*) "
                    f"FROM casework_deadline d WHERE met_on >= %s AND met_on <= %s {kept}{scope} GROUP BY 1, 2, 3",
                    [start, today, *scope_params])
        met = cur.fetchall()
        cur.execute("SELECT acting_department_id, met_working_days, COUNT(*) FROM casework_deadline d "
                    f"WHERE kind = 'reply' AND met_on >= %s AND met_on <= %s {kept}{scope} GROUP BY 1, 2",
                    [start, today, *scope_params])
        spans = cur.fetchall()
    return open_cases, due, met, spans


def agrees(*, today: datetime.date, scope_path: str | None, label: str) -> bool:
    """Whether the dashboard's numbers for the scope equal the hand-written SQL's, department by
    department: open cases, open deadlines due up to the "soon" limit, the period's on-time and
    late counts, and the median working days to reply."""
    from collections import Counter

    from supervision.selectors import _median, dashboard_now, dashboard_period, quarter_start

    open_cases, due, met, spans = hand_written_sql(today=today, scope_path=scope_path)
    now = dashboard_now(scope_path=scope_path, today=today)
    period = dashboard_period(scope_path=scope_path, start=quarter_start(today), end=today)

    def dep(row):
        return None if row["id"] == "none" else row["id"]

    sql_due, sql_on_time, sql_late, sql_days = Counter(), Counter(), Counter(), Counter()
    for department_id, _due_date, n in due:
        sql_due[department_id] += n
    for department_id, _met_on, on_time, n in met:
        (sql_on_time if on_time else sql_late)[department_id] += n
    for _department_id, days, n in spans:
        sql_days[days] += n
    checks = {
        "open": {dep(r): r["open"] for r in now["by_department"] if r["open"]} == dict(open_cases),
        "due": {dep(r): r["soon"] + r["overdue"] for r in now["by_department"]
                if r["soon"] + r["overdue"]} == dict(sql_due),
        "on_time": {dep(r): r["on_time"] for r in period["departments"] if r["on_time"]} == dict(sql_on_time),
        "late": {dep(r): r["late"] for r in period["departments"] if r["late"]} == dict(sql_late),
        "median": period["total"]["median_reply_days"] == _median(sql_days),
    }
    print(f"{label}: open {now['total']['open']:,}, due soon {now['total']['soon']:,}, overdue "
          f"{now['total']['overdue']:,}; met this quarter {period['total']['closed']:,}, median reply "
          f"{period['total']['median_reply_days']} working days; equal to the SQL's: "
          + ", ".join(f"{k} {v}" for k, v in checks.items()))
    return all(checks.values())


def scope_user(code: str | None):
    from casework.models import Jurisdiction, Role, User

    if code is None:
        return User.objects.get(username="bench-admin")
    user, _ = User.objects.get_or_create(
        username=f"bench-supervisor-{code}",
        defaults={"role": Role.SUPERVISOR, "jurisdiction": Jurisdiction.objects.get(code=code)})
    return user


def as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])


def interleaved(sides: dict, runs: int) -> dict[str, list[float]]:
    """Milliseconds of each side, `runs` times, the sides taking turns (the order turning each time)."""
    out = {name: [] for name in sides}
    names = list(sides)
    for i in range(runs):
        for name in names if i % 2 == 0 else names[::-1]:
            gc.collect()
            began = time.perf_counter()
            sides[name]()
            out[name].append((time.perf_counter() - began) * 1000)
    return out


def p(values, q) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=None)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true",
                        help="PostgreSQL: keep the generated database (<name>_dashboard_kept) and reuse it next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as folder:
        on_postgres = setup_django(folder, keep=args.keep)
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from calendars import clock
        from casework.models import ObjectionCase, User

        n_cases = args.cases or (1_000_000 if on_postgres else 100_000)
        today = clock.today()
        began = time.perf_counter()
        if ObjectionCase.objects.exists():  # kept from an earlier run with --keep
            n_cases = ObjectionCase.objects.count()
        else:
            generate(n_cases, today=today, seed=args.seed)
        with connection.cursor() as cur:
            # What autovacuum does on a live server: statistics, and the visibility map
            # that lets PostgreSQL answer from an index alone (ANALYZE does not set it).
            cur.execute("VACUUM ANALYZE" if on_postgres else "ANALYZE")
        print(f"generated {n_cases:,} cases on {connection.vendor} in {time.perf_counter() - began:.1f} s")

        from supervision.selectors import dashboard_now, dashboard_period, quarter_start, supervision_scope

        global DASHBOARD_URL
        DASHBOARD_URL = reverse("oversight_app:oversight:index")  # /supervision/ redirects there
        same = True
        figures = {}
        for label, code in SCOPES:
            user = scope_user(code)
            scope_path = supervision_scope(user)
            same &= agrees(today=today, scope_path=scope_path, label=label)
            client = Client()
            client.force_login(user)

            def page(client=client):
                assert client.get(DASHBOARD_URL).status_code == 200

            def selectors(scope_path=scope_path):
                dashboard_now(scope_path=scope_path, today=today)
                dashboard_period(scope_path=scope_path, start=quarter_start(today), end=today)

            def sql(scope_path=scope_path):
                hand_written_sql(today=today, scope_path=scope_path)

            for _ in range(3):  # warm up caches and the calendar index
                page(), selectors(), sql()
            figures[label] = interleaved({"page": page, "selectors": selectors, "sql": sql}, args.requests)
        print(f"timing: {args.requests} runs of each side per scope, interleaved; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for label, got in figures.items():
            print(f"{label}:")
            for name, what in (("page", f"dashboard page (GET {DASHBOARD_URL}, rendered)"),
                               ("selectors", "dashboard_now + dashboard_period"), ("sql", "hand-written SQL")):
                ratio = "" if name == "sql" else (f"; ratio p50 {p(got[name], 50) / p(got['sql'], 50):.2f}, "
                                                  f"p95 {p(got[name], 95) / p(got['sql'], 95):.2f}")
                print(f"  {what}: p50 {p(got[name], 50):.1f} ms, p95 {p(got[name], 95):.1f} ms{ratio}")
        admin, city = figures["administrator"], figures["city supervisor (220100)"]
        ratio = p(admin["page"], 95) / p(admin["sql"], 95)
        city_ratio = p(city["page"], 95) / p(city["sql"], 95)
        print(f"city supervisor page within 1.5x of its SQL (p95): {'met' if city_ratio <= 1.5 else 'NOT met'} "
              f"({city_ratio:.2f})")
        if on_postgres and not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        print(f"dashboard_p95_ms: {p(admin['page'], 95):.1f} ratio_vs_sql: {ratio:.2f} "
              f"city_ratio_vs_sql: {city_ratio:.2f}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
