"""Benchmark delivery to the provincial platform, clean and under faults.

    .venv/bin/python benchmarks/exchange.py [--reports 500] [--subjects 50] [--workers 1] [--rounds 2] [--seed 8]

Starts the platform simulator as its own process (`manage.py
platform_simulator`, its own SQLite file), builds a throwaway SQLite
database in a temporary folder with `--subjects` subjects, each with one
lodged objection, and `--reports` pending provincial reports spread over
them (records through the casework services; the reports and their 5-day
deadlines written as `objection_decide` writes them, without the letters).

1. Clean run: `delivery_run_due` (what the worker's minute task runs) in
   `--workers` threads until every report is acknowledged; prints reports
   per second, end to end: signed POST, receipt check, acknowledgement (the
   report's deadline met, the case's audit rows, the attempt row).
   Beside it, the baseline: plain signed HTTP posts of the same reports' bodies
   to the same simulator (emptied first, so it stores each afresh), in as many
   threads: HMAC-signed as exchange signs them, one http.client connection per
   POST as exchange opens, the answer's signature checked; no database. Both
   timed the same way over `--rounds` interleaved rounds (fresh pending reports
   each round, the order turning), best of each; both rates and the ratio printed.
2. Fault run: as many new reports again, the simulator failing (500) 15%,
   hanging past the client's timeout (and then storing) 5%, closing the
   connection 5% and answering unsigned 5% of requests; client timeout
   0.2 s, back-off 0.05 s doubling to 0.4 s. Runs until everything is
   acknowledged or 120 s pass, then prints: sent (POSTs), retried (POSTs
   beyond the first per report), stored (reports the platform holds),
   repeats (POSTs the platform answered from its store: the idempotency key
   at work), duplicates (reports stored twice, or acknowledged with another
   receipt than the one the platform issued) and lost (reports not
   acknowledged, or not stored). duplicates and lost must be 0.

The last line is `platform_reports_per_second: <N>` (the clean run).
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
import http.client  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

SECRET = "benchmark-platform-secret"


def setup_django(folder: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["CREDIT_VAR_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/benchmark.sqlite3"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def start_simulator(folder: str) -> tuple[subprocess.Popen, int]:
    env = {**os.environ, "PLATFORM_SECRET": SECRET}
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "platform_simulator", "--port", "0",
         "--db", f"{folder}/platform.sqlite3", "--secret", SECRET],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = proc.stdout.readline()  # "…: http://127.0.0.1:<port>/ …", printed once it listens
    match = re.search(r"127\.0\.0\.1:(\d+)/", line)
    if not match:
        proc.kill()
        raise SystemExit(f"the simulator did not start: {line!r} {proc.stderr.read()[:500]!r}")
    return proc, int(match.group(1))


def sim(port: int, path: str, command: dict | None = None):
    data = json.dumps(command).encode() if command is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                     method="POST" if data else "GET")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def make_world(n_subjects: int, *, seed: int):
    """Subjects with a lodged objection each (the reports' case), through the services."""
    import datetime
    import zoneinfo

    from casework.models import (
        JurisdictionLevel,
        KeyArea,
        PlatformLevel,
        RecordKind,
        Role,
        Severity,
        SubjectKind,
    )
    from casework.services.objections import objection_lodge
    from casework.services.organisation import department_create, jurisdiction_create
    from casework.services.records import credit_record_create
    from casework.services.subjects import subject_create
    from casework.services.users import user_create
    from casework.uscc import uscc_check_character

    province = jurisdiction_create(code="220000", name="吉林省", level=JurisdictionLevel.PROVINCE)
    city = jurisdiction_create(code="220100", name="长春市", level=JurisdictionLevel.CITY, parent=province)
    department = department_create(name="长春市财政局", jurisdiction=city, is_determining=True,
                                   document_prefix="长财信")
    at = datetime.datetime(2026, 9, 28, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    world = []
    for i in range(n_subjects):
        body = f"11220100{seed:03d}{i:06d}"
        subject = subject_create(kind=SubjectKind.GOVERNMENT, name=f"基准测试单位{i}", jurisdiction=city,
                                 uscc=body + uscc_check_character(body))
        officer = user_create(username=f"officer{i}", password="x", role=Role.SUBJECT_OFFICER,
                              subject=subject)

        def record():
            return credit_record_create(
                subject=subject, kind=RecordKind.DISHONESTY, key_area=KeyArea.GOVERNMENT_PROCUREMENT,
                determined_by=department, platform_level=PlatformLevel.CITY, facts="逾期未支付中小企业账款。",
                legal_basis="《保障中小企业款项支付条例》第八条。", determined_on=datetime.date(2026, 3, 16),
                severity=Severity.GENERAL,
            )

        case = objection_lodge(record=record(), grounds="款项已付清，记录与事实不符。", channel="department",
                               acting_user=officer, received_at=at)
        world.append((subject, case, record))
    return world


def make_reports(world, n_reports: int) -> list[int]:
    """Pending reports spread over the subjects, written as objection_decide writes them."""
    from django.db import transaction

    from calendars import clock
    from casework.limits import limit
    from casework.models import PlatformReport
    from casework.models.deadlines import DeadlineKind
    from casework.services import deadlines as deadline_services

    ids = []
    for i in range(n_reports):
        subject, case, new_record = world[i % len(world)]
        record = new_record()
        with transaction.atomic():
            report = PlatformReport.objects.create(
                subject=subject, record=record, change=PlatformReport.Change.REVOKED, case=case,
                payload={"case_number": case.number, "subject_name": subject.name,
                         "subject_uscc": subject.uscc, "record_number": record.number, "change": "revoked",
                         "correction": {}, "decided_at": clock.now().isoformat()},
            )
            deadline_services.deadline_create(
                owner=report, kind=DeadlineKind.PROVINCIAL_REPORT, start=clock.today(),
                working_days=limit("provincial_report_working_days"), acting_user=None,
            )
        ids.append(report.pk)
    return ids


def deliver_all(report_ids: list[int], *, workers: int, limit_seconds: float) -> float:
    """Run the worker's pass in `workers` threads until every report is acknowledged; return the seconds."""
    from django.db import connections

    from casework.models import PlatformReport, PlatformReportStatus
    from exchange.delivery import delivery_run_due

    def open_count():
        reports = PlatformReport.objects.filter(pk__in=report_ids)
        return reports.exclude(status=PlatformReportStatus.DELIVERED).count()

    errors = []

    def work():
        try:
            if delivery_run_due(budget_seconds=limit_seconds).errors:
                errors.append("an answer could not be recorded (see the log above)")
        except Exception as exc:  # reported below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    started = time.perf_counter()
    deadline = started + limit_seconds
    while open_count() and time.perf_counter() < deadline:
        threads = [threading.Thread(target=work) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise SystemExit(f"delivery failed: {errors[:3]}")
        if open_count():
            time.sleep(0.05)  # the back-off of the reports that failed this pass
    return time.perf_counter() - started


def plain_posts(bodies: list[tuple[str, bytes]], *, port: int, workers: int) -> float:
    """Post each body signed, as exchange does, without any database work; return the seconds."""
    from exchange.signing import sign, signature_valid

    errors = []

    def work(share):
        for key, body in share:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("POST", "/reports/", body=body, headers={
                    "Content-Type": "application/json; charset=utf-8", "Accept": "application/json",
                    "Idempotency-Key": key, "X-Signature": sign(body, SECRET)})
                response = conn.getresponse()
                data = response.read()
                if response.status // 100 != 2 or not signature_valid(data, response.getheader("X-Signature"), SECRET):
                    errors.append(f"{response.status} {data[:200]!r}")
            finally:
                conn.close()

    threads = [threading.Thread(target=work, args=(bodies[i::workers],)) for i in range(workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if errors:
        raise SystemExit(f"plain posts failed: {errors[:3]}")
    return seconds


def bodies_of(report_ids: list[int]) -> list[tuple[str, bytes]]:
    from casework.models import PlatformReport
    from exchange.delivery import report_body

    reports = PlatformReport.objects.filter(pk__in=report_ids).select_related("subject", "record").order_by("pk")
    return [(str(r.uuid), report_body(r)) for r in reports]


def check(report_ids: list[int], port: int) -> dict:
    from casework.models import PlatformReport, PlatformReportStatus
    from exchange.models import DeliveryAttempt

    reports = list(
        PlatformReport.objects.filter(pk__in=report_ids).values_list("uuid", "status", "receipt_number")
    )
    stored = sim(port, "/reports.json")
    keys = [row["idempotency_key"] for row in stored]
    receipts = {row["idempotency_key"]: row["receipt"] for row in stored}
    ours = {str(uuid) for uuid, _, _ in reports}
    sent = DeliveryAttempt.objects.filter(report_id__in=report_ids).count()
    return {
        "reports": len(reports),
        "sent": sent,
        "retried": sent - len(reports),
        "stored": len(set(keys) & ours),
        "repeats": sum(row["repeats"] for row in stored if row["idempotency_key"] in ours),
        "duplicates": (len(keys) - len(set(keys)))
        + sum(1 for uuid, status, receipt in reports
              if status == PlatformReportStatus.DELIVERED and receipts.get(str(uuid)) != receipt),
        "lost": sum(1 for uuid, status, _ in reports
                    if status != PlatformReportStatus.DELIVERED or str(uuid) not in receipts),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--subjects", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds of the clean comparison")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-exchange-") as folder:
        setup_django(folder)
        from django.conf import settings

        proc, port = start_simulator(folder)
        try:
            settings.PLATFORM_URL = f"http://127.0.0.1:{port}/reports/"
            settings.PLATFORM_SECRET = SECRET
            settings.PLATFORM_TIMEOUT = 5.0
            settings.PLATFORM_LEASE_SECONDS = 60
            world = make_world(args.subjects, seed=args.seed)

            times = {"exchange": [], "plain": []}
            clean = {"duplicates": 0, "lost": 0}
            for r in range(args.rounds):
                started = time.perf_counter()
                clean_ids = make_reports(world, args.reports)
                bodies = bodies_of(clean_ids)
                print(f"round {r + 1}: created {args.reports} reports over {args.subjects} subjects in "
                      f"{time.perf_counter() - started:.1f} s (SQLite, {folder})")
                for side in ("exchange", "plain") if r % 2 == 0 else ("plain", "exchange"):
                    sim(port, "/control", {"reset": True})  # the platform stores every report afresh
                    if side == "plain":
                        times["plain"].append(plain_posts(bodies, port=port, workers=args.workers))
                        continue
                    times["exchange"].append(deliver_all(clean_ids, workers=args.workers, limit_seconds=300))
                    got = check(clean_ids, port)
                    clean["duplicates"] += got["duplicates"]
                    clean["lost"] += got["lost"]
                    print(f"  exchange: {got['reports']} reports acknowledged in {times['exchange'][-1]:.2f} s "
                          f"(sent {got['sent']}, duplicates {got['duplicates']}, lost {got['lost']})")
                print(f"  plain signed posts: {args.reports} in {times['plain'][-1]:.2f} s")
            rate = args.reports / min(times["exchange"])
            plain_rate = args.reports / min(times["plain"])
            print(f"clean run, {args.workers} worker(s), best of {args.rounds} interleaved rounds: exchange "
                  f"{rate:.0f} reports/s, plain signed HTTP posts {plain_rate:.0f} reports/s, "
                  f"ratio exchange/plain {rate / plain_rate:.2f}; load average "
                  f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")

            sim(port, "/control", {"reset": True})
            sim(port, "/control", {"seed": args.seed, "fail_share": 0.15, "hang_share": 0.05, "seconds": 0.4,
                                   "close_share": 0.05, "unsigned_share": 0.05})
            settings.PLATFORM_TIMEOUT = 0.2
            settings.PLATFORM_BACKOFF_BASE = 0.05
            settings.PLATFORM_BACKOFF_CAP = 0.4
            settings.PLATFORM_MAX_FAILURES = 1000  # no escalation mail in a benchmark
            fault_ids = make_reports(world, args.reports)
            seconds = deliver_all(fault_ids, workers=args.workers, limit_seconds=120)
            time.sleep(0.5)  # let hung requests finish storing before counting
            faults = check(fault_ids, port)
            state = sim(port, "/state.json")
            print(f"fault run ({seconds:.1f} s; injected: 500 {state['failed']}, hang {state['hung']}, "
                  f"close {state['closed']}, unsigned {state['unsigned']}):")
            print(f"  sent {faults['sent']}  retried {faults['retried']}  stored {faults['stored']}  "
                  f"repeats {faults['repeats']}  duplicates {faults['duplicates']}  lost {faults['lost']}")
            if faults["duplicates"] or faults["lost"] or clean["duplicates"] or clean["lost"]:
                print("FAILED: duplicates or lost reports")
                sys.exit(1)
            print(f"platform_reports_per_second: {rate:.0f}")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


if __name__ == "__main__":
    main()
