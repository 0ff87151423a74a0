"""Real processes against the test database: `manage.py runserver` and `run_huey` as users meet them.

The processes run on the embedded default's settings (config.settings.base:
SQLite in IMMEDIATE/WAL mode or PostgreSQL, the file-based task queue in a
scratch folder) but point at the test run's own database, so what a
transactional test creates with the factories is what they serve, and what
they write the test reads back. Every wait here is bounded.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The test database (not the configured one) as a DATABASE_URL."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def process_env(var_dir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.base", CREDIT_VAR_DIR=str(var_dir), DEBUG="0",
               LOG_LEVEL="WARNING", DATABASE_URL=database_url(), PYTHONPATH=str(ROOT), **extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start `manage.py <args>`; its output goes to `log` (read it when a test fails)."""
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen, *, kill: bool = False) -> None:
    """Stop a process started here: SIGTERM (SIGKILL with `kill`, or after 15 s)."""
    if process.poll() is not None:
        return
    (process.kill if kill else process.terminate)()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def start_server(env: dict, log: Path, *, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """`manage.py runserver --noreload` (threaded, as bin/run starts it); returns it and its base URL."""
    port = port or free_port()
    server = start(["runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"], env, log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"runserver exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server, url
        except OSError:
            time.sleep(0.2)
    stop(server, kill=True)
    raise RuntimeError(f"runserver did not answer within 60 s: {log.read_text()[-2000:]}")
