"""Time a handler's department queue with --open open tasks, unfiltered, searched and filtered.

    DATABASE_URL=postgres://postgres@127.0.0.1:55433/credit_w6 .venv/bin/python benchmarks/queue.py
        [--open 2000] [--requests 30] [--keep]
    .venv/bin/python benchmarks/queue.py        # SQLite, in a temporary folder

Data: --open objections lodged through the service (`workflows.objection_actions.objection_lodge`,
each opens its review task and reply deadline) for one department, received over 60 days, so
some are overdue, some due soon, some later. On PostgreSQL a database of its own
(<name>_queue_kept with --keep, reused on the next run; else <name>_queue_<pid>, dropped).

Timed through the test client, each `--requests` times, taking turns: the queue page 1, a
search by a case number, the overdue filter, the CSV export of everything. Prints p50 and
p95 per request and the page size. Not part of the test suite.
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
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"


def generate(n_open: int):
    """The department, its handler and `n_open` open objections; return (handler, a case number)."""
    from casework.models import CreditRecord, ObjectionCase, Role, User
    from tests.factories import DepartmentFactory, SubjectFactory, UserFactory, beijing
    from workflows.objection_actions import objection_lodge

    handler = User.objects.filter(username="queue-bench-handler").first()
    if handler is not None:
        return handler, ObjectionCase.objects.order_by("pk").values_list("number", flat=True).first()
    department = DepartmentFactory()
    subject = SubjectFactory()
    officer = UserFactory(subject_officer=True, subject=subject)
    handler = User.objects.create_user(username="queue-bench-handler", password="pw", role=Role.HANDLER,
                                       department=department)
    records = CreditRecord.objects.bulk_create([
        CreditRecord(number=f"QB{i:08d}", subject=subject, kind="dishonesty", key_area="government_procurement",
                     determined_by=department, platform_level="city", facts="负载测试记录：逾期未支付账款。",
                     legal_basis="《保障中小企业款项支付条例》第八条。", determined_on=datetime.date(2026, 3, 16),
                     severity="general")
        for i in range(n_open)])
    started = time.perf_counter()
    first = datetime.date(2026, 8, 3)
    for n, record in enumerate(records):
        day = first + datetime.timedelta(days=n % 60)
        objection_lodge(record=record, grounds=GROUNDS, channel="department", acting_user=officer,
                        received_at=beijing(day.year, day.month, day.day))
    print(f"  {n_open:,} objections lodged in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return handler, ObjectionCase.objects.order_by("pk").values_list("number", flat=True).first()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    from benchmarks import dashboard  # its throwaway-database setup

    with tempfile.TemporaryDirectory(prefix="queue-bench-") as folder:
        on_postgres = dashboard.setup_django(folder, keep=args.keep, purpose="queue")
        try:
            run(args)
        finally:
            if on_postgres and not args.keep:
                from django.db import connection

                connection.creation.destroy_test_db(dashboard.old_name, verbosity=0)


def run(args):
    from unittest import mock

    from django.db import connection
    from django.test import Client

    from calendars import clock
    from tests.factories import beijing

    moment = beijing(2026, 9, 29)
    with mock.patch.object(clock, "now", lambda: moment):  # what the tests' `at` fixture does
        handler, number = generate(args.open)
        if connection.vendor == "postgresql":
            connection.cursor().execute("VACUUM ANALYZE")
        client = Client()
        client.force_login(handler, backend="django.contrib.auth.backends.ModelBackend")
        requests = {
            "page 1": "/staff/work/queue/",
            "search by number": f"/staff/work/queue/?q={number}",
            "overdue only": "/staff/work/queue/?overdue=1",
            "CSV export (all)": "/staff/work/queue/export.csv",
        }
        times = {name: [] for name in requests}
        sizes = {}
        for _ in range(args.requests):
            for name, url in requests.items():
                started = time.perf_counter()
                response = client.get(url)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                times[name].append(time.perf_counter() - started)
                sizes[name] = (response.status_code, len(body))
    print(f"{connection.vendor}, {args.open:,} open tasks, {args.requests} requests each")
    for name, samples in times.items():
        samples.sort()
        p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
        status, size = sizes[name]
        print(f"  {name:<18} HTTP {status}  {size / 1024:8.1f} KiB  p50 {statistics.median(samples) * 1000:7.1f} ms"
              f"  p95 {p95 * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
