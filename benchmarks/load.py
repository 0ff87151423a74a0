"""Load test of the production server: lodging objections against a bare endpoint, and the staff pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:55433/credit_h3 .venv/bin/python benchmarks/load.py
        [--cases 100000] [--open 2000] [--lodges 400] [--pages 80] [--sqlite-lodges 200] [--budget 540]

The named PostgreSQL database is dropped and created again (it is the benchmark's own).
In a temporary folder it starts what production runs on one machine: Redis
(Debian `redis-server`: cache and throttle counters, task queue), and gunicorn
with 2 sync workers serving config.wsgi under config.settings.benchmark
(production's settings on loopback: DEBUG off, no SSL redirect, throttles
raised, staff without the second factor, secrets made up here, and one extra
URL `bench/bare`, a bare JsonResponse).

Data: `migrate`, `seed_demo`, then `--open` objections lodged through the
service (each opens its review task) for one department, whose handler's
queue is timed, plus generated cases (bulk-inserted as benchmarks/dashboard.py
does, 30 % open, spread over the other departments) up to `--cases` in all,
and one free credit record per lodge for the demo subject.

Driven by a bounded asyncio client (stdlib: http.client calls in threads,
4 in flight, a fixed number of requests, each phase bounded in time):
1. rounds that alternate a batch of bare GETs and a batch of lodges
   (`POST /api/v1/objections/` with the subject's knox token, each on a record of
   its own), so both are timed the same way under the same load;
2. the handler's queue page (`/staff/work/queue/`, page 1) and a case page;
3. SQLite (the embedded default): the same gunicorn, 2 workers on one SQLite
   file, lodging 4 at a time: errors.
The SQL statements per lodge are counted in-process (CaptureQueriesContext, one
lodge through the API client, steady state). Prints a table with the load
average during each phase. Last line: `lodging_vs_bare: <ratio>`.
Not part of the test suite.
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
import asyncio  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from urllib.parse import urlsplit, urlunsplit  # noqa: E402

from benchmarks.harness import GROUNDS, free_port, remove_unless_kept, stop, wait_until_up  # noqa: E402

PY = sys.executable
INFLIGHT = 4
QUEUE_DEPARTMENT = "长春市财政局"  # its handler's queue holds the --open cases
LODGE_DEPARTMENT = "吉林省财政厅"  # the records lodged on during the run (so the queue does not grow)
SUBJECT = "农安县人民政府"


# --- in the setup process (Django loaded) ---------------------------------------------------


def setup(args) -> dict:
    """Generate the data and return what the client needs (token, records, session, case numbers)."""
    import datetime
    import random

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    from casework.models import CreditRecord, Department, Role, Subject, User
    from workflows.objection_actions import objection_lodge

    rng = random.Random(7)
    subject = Subject.objects.get(name=SUBJECT)
    queue_department = Department.objects.get(name=QUEUE_DEPARTMENT)
    lodge_department = Department.objects.get(name=LODGE_DEPARTMENT)
    if args.reuse:  # the cases are there from the last run: only new free records, token and session
        officer, handler = User.objects.get(username="bench-officer"), User.objects.get(username="bench-handler")
    else:
        officer = User.objects.create_user(username="bench-officer", password=secrets.token_hex(8),
                                           role=Role.SUBJECT_OFFICER, subject=subject)
        handler = User.objects.create_user(username="bench-handler", password=secrets.token_hex(8),
                                           role=Role.HANDLER, department=queue_department)

    def records(n, department, prefix):
        return CreditRecord.objects.bulk_create([
            CreditRecord(number=f"{prefix}{i:08d}", subject=subject, kind="dishonesty",
                         key_area="government_procurement", determined_by=department, platform_level="city",
                         facts="负载测试记录：逾期未支付账款。", legal_basis="《保障中小企业款项支付条例》第八条。",
                         determined_on=datetime.date(2026, 3, 16), severity="general")
            for i in range(n)])

    run_tag = f"{int(time.time()) % 100000:05d}"  # record numbers stay unique when a database is reused
    started = time.perf_counter()
    for record in records(0 if args.reuse else args.open, queue_department, "LQ"):
        objection_lodge(record=record, grounds=GROUNDS, channel="department", acting_user=officer)
    print(f"  {args.open:,} objections lodged through the service in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    bulk = 0 if args.reuse else max(0, args.cases - args.open)
    if bulk:
        started = time.perf_counter()
        generate(bulk, rng=rng, exclude=queue_department)
        print(f"  {bulk:,} cases generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    free = [r.pk for r in records(args.lodges + args.warmup + 2, lodge_department, f"LF{run_tag}")]

    _, token = AuthToken.objects.create(officer)
    # One lodge in-process, through the API as the server runs it, counting its statements.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    for _ in range(2):  # the second is counted: a running worker has its content types and calendar cached
        with CaptureQueriesContext(connection) as queries:
            answer = api.post("/api/v1/objections/", {"record": free.pop(), "grounds": GROUNDS,
                                                     "channel": "department"}, format="json")
        assert answer.status_code == 201, answer.content
    statements = [q["sql"] for q in queries.captured_queries]
    browser = Client()
    browser.force_login(handler, backend="django.contrib.auth.backends.ModelBackend")
    numbers = list(handler_cases(queue_department)[:20])
    if connection.vendor == "postgresql":
        connection.cursor().execute("VACUUM ANALYZE")
    return {
        "token": token, "records": free, "session": browser.cookies[settings.SESSION_COOKIE_NAME].value,
        "session_cookie": settings.SESSION_COOKIE_NAME, "cases": numbers,
        "lodge_statements": len(statements),
        "lodge_savepoints": sum(1 for s in statements if "SAVEPOINT" in s),
    }


def handler_cases(department):
    from casework.models import ObjectionCase

    return ObjectionCase.objects.filter(handling_department=department).order_by("pk").values_list("number", flat=True)


def generate(n_cases: int, *, rng, exclude) -> None:
    """Bulk-insert `n_cases` objections with their reply deadlines (as benchmarks/dashboard.py does:
    data for timing, not for the rules), 30 % open, over the demo's other departments and subjects."""
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from calendars import clock
    from calendars.current import current_calendar
    from casework.models import CreditRecord, Deadline, Department, ObjectionCase, Subject, User
    from casework.models.objections import ObjectionStatus
    from casework.services.tallies import tallies_rebuild

    cal = current_calendar()
    today = clock.today()
    departments = list(Department.objects.exclude(pk=exclude.pk))
    subjects = list(Subject.objects.all())
    lodger = User.objects.get(username="bench-officer")
    case_ct = ContentType.objects.get_for_model(ObjectionCase)
    open_statuses = [ObjectionStatus.LODGED, ObjectionStatus.UNDER_VERIFICATION, ObjectionStatus.DECIDED]
    closed_statuses = [ObjectionStatus.CLOSED, ObjectionStatus.WITHDRAWN]
    batch = 10_000
    for first in range(0, n_cases, batch):
        size = min(batch, n_cases - first)
        is_open = [rng.random() < 0.3 for _ in range(size)]
        starts = [today - datetime.timedelta(days=rng.randint(0, 40) if o else rng.randint(20, 400)) for o in is_open]
        dues = [cal.add_working_days(s, 15) for s in starts]
        homes = [rng.choice(subjects) for _ in range(size)]
        owners = [rng.choice(departments) for _ in range(size)]
        with transaction.atomic():
            records = CreditRecord.objects.bulk_create([
                CreditRecord(number=f"LB{first + i:09d}", subject=homes[i], kind="dishonesty",
                             key_area="government_procurement", determined_by=owners[i], platform_level="city",
                             facts="负载测试", legal_basis="负载测试", determined_on=starts[i], severity="general")
                for i in range(size)])
            cases = ObjectionCase.objects.bulk_create([
                ObjectionCase(number=f"YY-L-{first + i:09d}", subject=homes[i], record=records[i], grounds="负载测试",
                              channel="department",
                              received_at=datetime.datetime.combine(starts[i], datetime.time(2), tzinfo=datetime.UTC),
                              received_on=starts[i], handling_department=owners[i],
                              determining_department=owners[i], lodged_by=lodger,
                              status=rng.choice(open_statuses) if is_open[i] else rng.choice(closed_statuses))
                for i in range(size)])
            Deadline.objects.bulk_create([
                Deadline(owner_type=case_ct, owner_id=cases[i].pk, kind="reply", start_date=starts[i],
                         case_kind="objection", case_id=cases[i].pk, acting_department=owners[i],
                         jurisdiction_id=homes[i].jurisdiction_id, working_days=15,
                         calculated_due_date=dues[i], due_date=dues[i])
                for i in range(size)])
    tallies_rebuild()


# --- in the driver ------------------------------------------------------------------------


def request(port: int, method: str, path: str, *, headers=None, body: dict | None = None) -> tuple[int, float]:
    """One request on a new connection (gunicorn's sync workers close each one); (status, seconds)."""
    data = json.dumps(body).encode() if body is not None else None
    head = {"Accept": "application/json", "Host": "127.0.0.1", **(headers or {})}
    if data is not None:
        head["Content-Type"] = "application/json"
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=data, headers=head)
        answer = connection.getresponse()
        answer.read()
        status = answer.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - start


async def drive(jobs: list, *, seconds: float) -> tuple[list, float]:
    """Run the callables INFLIGHT at a time until done or `seconds` pass; (results, wall seconds)."""
    pending = list(reversed(jobs))
    results = []
    stop = time.monotonic() + seconds

    async def worker():
        while pending and time.monotonic() < stop:
            job = pending.pop()
            results.append(await asyncio.to_thread(job))

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(INFLIGHT)))
    return results, time.perf_counter() - start


class Phase:
    """What one line of the table shows: requests, errors, req/s, p50/p95, the load average while it ran."""

    def __init__(self, label: str, ok: int):
        self.label, self.ok, self.results, self.wall, self.loads = label, ok, [], 0.0, []

    def add(self, results, wall):
        self.results += results
        self.wall += wall
        self.loads.append(os.getloadavg()[0])

    @property
    def rate(self) -> float:
        return len(self.results) / self.wall if self.wall else 0.0

    def row(self) -> str:
        times = sorted(r[1] * 1000 for r in self.results) or [0.0]
        p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
        errors = sum(1 for r in self.results if r[0] != self.ok)
        load = max(self.loads) if self.loads else os.getloadavg()[0]
        return (f"{self.label:<34} {len(self.results):>6} {errors:>6} {self.rate:>9.1f} "
                f"{statistics.median(times):>8.1f} {p95:>8.1f} {load:>6.2f}")

    def errors(self) -> int:
        return sum(1 for r in self.results if r[0] != self.ok)


HEADER = f"{'phase':<34} {'reqs':>6} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'load1':>6}"


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def start_gunicorn(env, port: int, log) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "config.wsgi:application", "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--graceful-timeout", "5"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return wait_until_up(server, lambda: request(port, "GET", "/healthz")[0] == 200,
                         failure=f"gunicorn on port {port} did not start (see {log.name})", interval=0.3)


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(env, args, var: Path) -> dict:
    """migrate, seed_demo, collectstatic, then the data (in a process of its own); the setup's JSON."""
    quiet = {"stdout": subprocess.DEVNULL}
    steps = [] if args.reuse else [["migrate", "--noinput"], ["seed_demo"]]
    # Production's settings serve hashed static files (whitenoise's manifest): collected once into
    # var/bench-static and reused; delete that folder when the static files change.
    if env["DATABASE_URL"].startswith("postgres") and not (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        steps.append(["collectstatic", "--noinput"])
    for step in steps:
        started = time.perf_counter()
        run([PY, "manage.py", *step], env, **quiet)
        print(f"  {step[0]}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    out = var / "setup.json"
    run([PY, __file__, "_setup", str(out), "--cases", str(args.cases), "--open", str(args.open),
         "--lodges", str(args.lodges), "--warmup", str(args.warmup), *(["--reuse"] if args.reuse else [])], env)
    return json.loads(out.read_text())


def lodge_jobs(port, token, records):
    auth = {"Authorization": f"Token {token}"}
    return [lambda pk=pk: request(port, "POST", "/api/v1/objections/", headers=auth,
                                  body={"record": pk, "grounds": GROUNDS, "channel": "department"})
            for pk in records]


def base_env(var: Path, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.benchmark", PYTHONPATH=str(ROOT), CREDIT_VAR_DIR=str(var),
        SECRET_KEY=secrets.token_urlsafe(40), PLATFORM_SECRET=secrets.token_urlsafe(24),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver", LETTERS_PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        # Kept between runs (var/ is not committed): collectstatic then copies only what changed.
        STATIC_ROOT=str(ROOT / "var" / "bench-static"), MEDIA_ROOT=str(var / "media"), LOG_LEVEL="WARNING", DEBUG="0",
    )
    return env


async def main_phases(args, port, data, table) -> tuple[Phase, Phase]:
    bare, lodge = Phase("bare JsonResponse GET /bench/bare", 200), Phase("lodge objection POST (API token)", 201)
    jobs = lodge_jobs(port, data["token"], data["records"])
    warm, jobs = jobs[:args.warmup], jobs[args.warmup:]
    await drive(warm + [lambda: request(port, "GET", "/bench/bare")] * args.warmup, seconds=60)
    rounds = max(1, args.lodges // args.round)
    per_phase = args.budget_phase / (2 * rounds)
    for r in range(rounds):
        batch = jobs[r * args.round:(r + 1) * args.round]
        bare.add(*await drive([lambda: request(port, "GET", "/bench/bare")] * len(batch), seconds=per_phase))
        lodge.add(*await drive(batch, seconds=per_phase))
    table += [bare, lodge]
    cookie = {"Cookie": f"{data['session_cookie']}={data['session']}", "Accept": "text/html"}
    queue = Phase("staff queue page (page 1)", 200)
    queue.add(*await drive([lambda: request(port, "GET", "/staff/work/queue/", headers=cookie)] * args.pages,
                           seconds=args.budget_phase / 2))
    case = Phase("staff case page", 200)
    numbers = data["cases"]
    case.add(*await drive([lambda n=numbers[i % len(numbers)]: request(
        port, "GET", f"/staff/work/objections/{n}/", headers=cookie) for i in range(args.pages)],
        seconds=args.budget_phase / 2))
    table += [queue, case]
    return bare, lodge


def sqlite_phase(args, table) -> Phase:
    var = Path(tempfile.mkdtemp(prefix="load-sqlite-"))
    port = free_port()
    env = base_env(var, port)
    env["DATABASE_URL"] = f"sqlite:///{var / 'credit.sqlite3'}"
    phase = Phase("SQLite, 2 workers: lodge POST", 201)
    log = open(var / "gunicorn.log", "ab")
    server = None
    try:
        sqlite_args = argparse.Namespace(**{**vars(args), "cases": 0, "open": 0, "lodges": args.sqlite_lodges,
                                            "reuse": False})
        data = prepare(env, sqlite_args, var)
        server = start_gunicorn(env, port, log)
        phase.add(*asyncio.run(drive(lodge_jobs(port, data["token"], data["records"][:args.sqlite_lodges]),
                                     seconds=args.budget_phase)))
    finally:
        if server:
            stop(server)
        log.close()
        shutil.rmtree(var, ignore_errors=True)
    table.append(phase)
    return phase


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=2_000, help="open cases in the timed department's queue")
    parser.add_argument("--lodges", type=int, default=400)
    parser.add_argument("--round", type=int, default=50, help="requests per alternating batch")
    parser.add_argument("--pages", type=int, default=80, help="requests of each staff page")
    parser.add_argument("--sqlite-lodges", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=8)
    parser.add_argument("--budget-phase", type=float, default=120, help="seconds at most per phase")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--reuse", action="store_true",
                        help="time again on the database the last run left (no drop, no generation)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL=postgres://… is required (its database is dropped and created again)")
    if not shutil.which("redis-server"):
        sys.exit("redis-server is required (Debian package redis-server)")

    # A timeout's SIGTERM unwinds like an exception, so the servers started here are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.perf_counter()
    var = Path(tempfile.mkdtemp(prefix="load-"))
    port, redis_port = free_port(), free_port()
    env = base_env(var, port)
    env.update(DATABASE_URL=url, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
    redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", str(var)], stdout=subprocess.DEVNULL)
    log = open(var / "gunicorn.log", "ab")
    server = None
    table: list[Phase] = []
    try:
        if not args.reuse:
            recreate_database(url)
        print(f"PostgreSQL {urlsplit(url).path.lstrip('/')}: {args.cases:,} cases, {args.open:,} open in "
              f"{QUEUE_DEPARTMENT}; gunicorn 2 sync workers, {INFLIGHT} in flight", file=sys.stderr)
        data = prepare(env, args, var)
        print(f"  data ready after {time.perf_counter() - began:.0f} s", file=sys.stderr)
        server = start_gunicorn(env, port, log)
        bare, lodge = asyncio.run(main_phases(args, port, data, table))
        stop(server)
        server = None
        if not args.skip_sqlite:
            sqlite_phase(args, table)
    finally:
        if server:
            stop(server)
        stop(redis)
        log.close()
        remove_unless_kept(var, args.keep)

    print(HEADER)
    for phase in table:
        print(phase.row())
    ratio = lodge.rate / bare.rate if bare.rate else 0.0
    queue_p95, case_p95 = (sorted(r[1] for r in p.results)[max(0, round(0.95 * len(p.results)) - 1)] * 1000
                           for p in table[2:4])
    print(f"SQL statements per lodge (in-process, steady state): {data['lodge_statements']} "
          f"({data['lodge_savepoints']} of them SAVEPOINT/RELEASE)")
    print(f"goals: lodging >= 15 % of bare: {ratio:.1%}; <= 20 statements per lodge: {data['lodge_statements']}; "
          f"queue p95 <= 300 ms: {queue_p95:.0f}; case page p95 <= 300 ms: {case_p95:.0f}; "
          f"SQLite errors 0: {table[4].errors() if len(table) > 4 else 'skipped'}")
    print(f"total {time.perf_counter() - began:.0f} s")
    print(f"lodging_vs_bare: {ratio:.3f}")
    return 0


def setup_main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--cases", type=int)
    parser.add_argument("--open", type=int)
    parser.add_argument("--lodges", type=int)
    parser.add_argument("--warmup", type=int)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args(sys.argv[2:])
    Path(args.out).write_text(json.dumps(setup(args)))
    return 0


if __name__ == "__main__":
    sys.exit(setup_main() if sys.argv[1:2] == ["_setup"] else main())
