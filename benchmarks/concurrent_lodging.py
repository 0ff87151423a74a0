"""Benchmark concurrent writers on the embedded default: objections lodged through the API, 6 at a time.

    .venv/bin/python benchmarks/concurrent_lodging.py [--lodges 60] [--concurrency 6] [--keep]

Does what bin/run does in a temporary folder (SQLite in WAL and IMMEDIATE
mode, `migrate`, `seed_demo`), adds 2 × `--lodges` records to the demo
subject 农安县人民政府 (so every lodge has a record of its own), logs in as
the demo subject officer through `POST /api/v1/auth/token/`, then:

1. one `manage.py runserver --noreload` (threaded, as bin/run starts it):
   `--lodges` objections lodged `--concurrency` at a time;
2. a second runserver process on another port against the same SQLite file
   (gunicorn is not installed; two processes are what two workers would be):
   as many lodges again, alternating between the two.

Each phase is followed by a bare baseline timed the same way in the same run:
as many `GET /healthz` (one `SELECT 1`), as many at a time. Prints requests,
errors (anything but 201, resp. 200), p50 and p95 in milliseconds, the
answers by status. The last line is `concurrent_lodging_errors: <n>` (both
lodging phases). Not part of the test suite.
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
import collections  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

from benchmarks.harness import GROUNDS, free_port, remove_unless_kept, stop, wait_until_up  # noqa: E402

PY = sys.executable
TIMEOUT = 30  # above SQLite's 20 s lock timeout

ADD_RECORDS = """
import datetime, json
from casework.models import CreditRecord, Department, Subject
from casework.models.records import KeyArea, PlatformLevel, RecordKind, Severity
from casework.services.records import credit_record_create
subject = Subject.objects.get(name="农安县人民政府")
department = Department.objects.get(name="长春市财政局")
pks = [credit_record_create(
    subject=subject, kind=RecordKind.DISHONESTY, key_area=KeyArea.GOVERNMENT_PROCUREMENT,
    determined_by=department, platform_level=PlatformLevel.CITY, facts=f"基准测试记录{n}：逾期未支付账款。",
    legal_basis="《保障中小企业款项支付条例》第八条。", determined_on=datetime.date(2026, 3, 16),
    severity=Severity.GENERAL).pk for n in range({n})]
print(json.dumps(pks))
"""


def call(url: str, *, token: str | None = None, body: dict | None = None) -> tuple[int, float, dict | None]:
    """One request; returns (status, seconds, JSON answer or None). A timeout counts as status 0."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Token {token}")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except OSError:
        status, raw = 0, b""
    elapsed = time.perf_counter() - start
    try:
        return status, elapsed, json.loads(raw) if raw else None
    except ValueError:
        return status, elapsed, None


def start_server(env: dict, port: int, log) -> subprocess.Popen:
    server = subprocess.Popen([PY, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return wait_until_up(server, lambda: call(f"http://127.0.0.1:{port}/healthz")[0] == 200,
                         failure=f"runserver on port {port} did not start", interval=0.2)


def run(jobs, concurrency: int):
    """Run the callables `concurrency` at a time; returns [(status, seconds, body)] and the wall time."""
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda job: job(), jobs))
    return results, time.perf_counter() - start


def report(label: str, results, wall: float, ok: int) -> int:
    times = sorted(r[1] * 1000 for r in results)
    errors = sum(1 for r in results if r[0] != ok)
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    by_status = dict(sorted(collections.Counter(r[0] for r in results).items()))
    print(f"{label:<44} requests {len(results):>3}  errors {errors:>3}  p50 {statistics.median(times):7.1f} ms  "
          f"p95 {p95:7.1f} ms  wall {wall:5.2f} s  {by_status}")
    for status, _, body in results:
        if status != ok and body:
            print(f"    e.g. {status}: {json.dumps(body, ensure_ascii=False)[:200]}")
            break
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lodges", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=6)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="concurrent-lodging-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.base", CREDIT_VAR_DIR=str(var), DEBUG="0",
               LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT))
    servers = []
    log = open(var / "servers.log", "ab")
    try:
        for step in (["migrate", "--noinput"], ["seed_demo"]):
            subprocess.run([PY, "manage.py", *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        added = subprocess.run([PY, "manage.py", "shell", "-c", ADD_RECORDS.replace("{n}", str(2 * args.lodges))],
                               cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        records = json.loads(added.stdout.strip().splitlines()[-1])

        ports = [free_port(), free_port()]
        servers.append(start_server(env, ports[0], log))
        first = f"http://127.0.0.1:{ports[0]}"
        status, _, body = call(f"{first}/api/v1/auth/token/", body={"username": "subject", "password": "demo"})
        if status != 200:
            sys.exit(f"login failed: {status} {body}")
        token = body["token"]

        def lodge(base, pk):
            return lambda: call(f"{base}/api/v1/objections/", token=token,
                                body={"record": pk, "grounds": GROUNDS, "channel": "department"})

        def health(base):
            return lambda: call(f"{base}/healthz")

        n, c = args.lodges, args.concurrency
        print(f"SQLite (WAL, IMMEDIATE, timeout 20) in {var}; {n} requests per phase, {c} at a time")
        errors = report("1 runserver: lodge objection (POST)", *run([lodge(first, pk) for pk in records[:n]], c), 201)
        report("1 runserver: baseline GET /healthz", *run([health(first)] * n, c), 200)

        servers.append(start_server(env, ports[1], log))
        bases = [first, f"http://127.0.0.1:{ports[1]}"]
        jobs = [lodge(bases[i % 2], pk) for i, pk in enumerate(records[n:2 * n])]
        errors += report("2 runserver processes: lodge objection (POST)", *run(jobs, c), 201)
        report("2 runserver processes: baseline GET /healthz", *run([health(bases[i % 2]) for i in range(n)], c), 200)
        print(f"concurrent_lodging_errors: {errors}")
        return 0
    finally:
        for server in servers:
            stop(server)
        log.close()
        remove_unless_kept(var, args.keep)


if __name__ == "__main__":
    sys.exit(main())
