"""The background worker: a real huey consumer runs a task; the periodic jobs are idempotent."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from supervision.services.timers import workflow_timers_run
from supervision.tasks import supervision_remind_task, tallies_fold_task, workflow_timers_task
from tests import processes

ROOT = Path(__file__).resolve().parents[2]


def test_a_real_consumer_runs_a_queued_task(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.base", CREDIT_VAR_DIR=str(tmp_path), DEBUG="0",
               LOG_LEVEL="WARNING")
    consumer = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    token = uuid.uuid4().hex
    try:
        answer = subprocess.run(
            [sys.executable, "-c",
             "import django; django.setup()\n"
             "from supervision.tasks import supervision_worker_ping\n"
             f"print(supervision_worker_ping({token!r}).get(blocking=True, timeout=60))"],
            cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=90,
        )
    finally:
        processes.stop(consumer)
    assert answer.stdout.strip() == token, answer.stderr
    assert (tmp_path / "huey.sqlite3").exists()


@pytest.mark.django_db
def test_viewflow_timers_run_twice_harmlessly():
    assert workflow_timers_run() == {"timers": 0, "starts": 0, "conditions": 0}
    assert workflow_timers_run() == {"timers": 0, "starts": 0, "conditions": 0}
    assert workflow_timers_task.call_local() == {"timers": 0, "starts": 0, "conditions": 0}


@pytest.mark.django_db
def test_the_periodic_reminder_task_reads_todays_date(world, at):
    at(2026, 10, 3)  # National Day: the task runs and sends nothing
    assert supervision_remind_task.call_local() == 0


@pytest.mark.django_db
def test_the_periodic_fold_of_the_running_counts_runs_twice_harmlessly():
    from casework.models import OpenCaseTally, OpenDeadlineTally
    from tests.factories import ObjectionCaseFactory

    ObjectionCaseFactory(), ObjectionCaseFactory()
    assert tallies_fold_task.call_local() == OpenCaseTally.objects.count() + OpenDeadlineTally.objects.count()
    # Folded: one row per key, i.e. per department for the cases and per department and due date for the replies.
    assert tallies_fold_task.call_local() == 2 + 2
