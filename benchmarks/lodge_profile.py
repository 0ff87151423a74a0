"""Where one lodge's CPU goes: an objection lodged through the API in-process, timed and profiled.

    DATABASE_URL=postgres://postgres@127.0.0.1:55433/credit_x .venv/bin/python benchmarks/lodge_profile.py
        [--lodges 60]
    .venv/bin/python benchmarks/lodge_profile.py        # SQLite, in a temporary folder

What benchmarks/load.py's lodging rate is made of, without the server: on a database of its own
(as benchmarks/dashboard.py makes one: <name>_lodgeprof_<pid> on PostgreSQL, dropped after),
`seed_demo`, a subject officer with a knox token and one free credit record per lodge, then
`POST /api/v1/objections/` through DRF's test client, as gunicorn's worker runs it. The letter
render the commit queues is not run (production hands it to a consumer; the test settings would
render it inline).

Prints the SQL statements of one lodge, the wall and CPU (process time) milliseconds per lodge
(median of --lodges, after a warm-up), and, from cProfile over the same lodges, the share of
the lodge's time in each part: token authentication, input validation, the service
(`objection_lodge_within`), viewflow's start, the 201 answer. Not part of the test suite.

The CPU figure is what bounds lodging on a machine: N cores lodge at most N / (CPU per lodge,
plus PostgreSQL's) a second, however many workers run.
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
import cProfile  # noqa: E402
import datetime  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from benchmarks.harness import GROUNDS  # noqa: E402

# (label, file suffix, function name) of the parts whose cumulative time is reported.
PARTS = (
    ("token authentication (knox)", "knox/auth.py", "authenticate"),
    ("input validation", "api/cases.py", "_checked"),
    ("the service (objection_lodge_within)", "casework/services/objections.py", "objection_lodge_within"),
    ("viewflow's start (process, tasks)", "workflows/case_flow.py", "execute"),
    ("the 201 answer", "api/cases.py", "_detail"),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lodges", type=int, default=60)
    args = parser.parse_args()
    from benchmarks import dashboard  # its throwaway-database setup

    with tempfile.TemporaryDirectory(prefix="lodge-profile-") as folder:
        on_postgres = dashboard.setup_django(folder, keep=False, purpose="lodgeprof")
        try:
            run(args)
        finally:
            if on_postgres:
                from django.db import connection

                connection.creation.destroy_test_db(dashboard.old_name, verbosity=0)


def run(args):
    import io

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    import letters.services
    from casework.models import CreditRecord, Department, Role, Subject, User

    call_command("seed_demo", stdout=io.StringIO())
    officer = User.objects.create_user(username="profile-officer", password="x", role=Role.SUBJECT_OFFICER,
                                       subject=Subject.objects.get(name="农安县人民政府"))
    department = Department.objects.get(name="吉林省财政厅")
    free = [r.pk for r in CreditRecord.objects.bulk_create([
        CreditRecord(number=f"LP{i:08d}", subject=officer.subject, kind="dishonesty",
                     key_area="government_procurement", determined_by=department, platform_level="city",
                     facts="负载测试记录：逾期未支付账款。", legal_basis="《保障中小企业款项支付条例》第八条。",
                     determined_on=datetime.date(2026, 3, 16), severity="general")
        for i in range(2 * args.lodges + 5)])]
    letters.services._enqueue_render = lambda letter_id: None  # a consumer's work, not the web worker's
    _, token = AuthToken.objects.create(officer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    def lodge():
        answer = api.post("/api/v1/objections/", {"record": free.pop(), "grounds": GROUNDS, "channel": "department"},
                          format="json")
        assert answer.status_code == 201, answer.content

    for _ in range(3):  # content types, calendar and templates cached, as in a running worker
        lodge()
    with CaptureQueriesContext(connection) as queries:
        lodge()
    statements = len(queries)  # now: every request's start empties the connection's query log
    walls, cpus = [], []
    for _ in range(args.lodges):
        wall, cpu = time.perf_counter(), time.process_time()
        lodge()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.lodges):
        lodge()
    profile.disable()
    stats = pstats.Stats(profile).stats
    total = sum(t for (_, _, name), (_, _, _, t, _) in stats.items() if name == "lodge")

    print(f"{connection.vendor}, {args.lodges} lodges through the API in-process")
    print(f"  SQL statements per lodge: {statements}")
    print(f"  per lodge: wall {statistics.median(walls):.1f} ms, CPU {statistics.median(cpus):.1f} ms (medians)")
    print("  share of the lodge's time under cProfile:")
    for label, suffix, function in PARTS:
        spent = sum(t for (path, _, name), (_, _, _, t, _) in stats.items()
                    if name == function and path.endswith(suffix))
        print(f"    {label:<40} {spent / total:6.1%}")


if __name__ == "__main__":
    main()
