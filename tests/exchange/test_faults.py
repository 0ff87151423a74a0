"""The faults the delivery must survive, against the simulator on loopback (issue 8).

Bounded in count and time: client timeout 0.5 s, hangs of about a second,
every wait a bounded poll. They run on SQLite and, in CI's second pass, on
PostgreSQL.
"""

import datetime
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections

from calendars import clock
from casework.models import PlatformReport, PlatformReportStatus
from exchange.delivery import delivery_run_due
from exchange.models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryState
from exchange.simulator import PlatformSimulator
from tests.exchange.conftest import (
    SECRET, FakeClock, deliver_after_one_fault, make_pending_report, real_now, sim_get, wait_until,
)
from tests.factories import SubjectFactory

BASE_DIR = Path(django_settings.BASE_DIR)


def _outcomes(report) -> list[str]:
    attempts = DeliveryAttempt.objects.filter(report=report).order_by("number")
    return list(attempts.values_list("outcome", flat=True))


def _assert_each_stored_once_with_its_receipt(sim, reports):
    stored = sim_get(sim, "/reports.json")
    keys = [row["idempotency_key"] for row in stored]
    assert sorted(keys) == sorted(str(r.uuid) for r in reports), "lost or foreign reports"
    assert len(keys) == len(set(keys)), "a report was stored twice"
    receipts = {row["idempotency_key"]: row["receipt"] for row in stored}
    for report in reports:
        report.refresh_from_db()
        assert report.status == PlatformReportStatus.DELIVERED
        assert report.receipt_number == receipts[str(report.uuid)]
    return stored


@pytest.mark.django_db
def test_platform_down_for_a_while_then_back_everything_delivered_once_in_order_per_subject(
    tmp_path, platform_settings, fake_clock
):
    sim = PlatformSimulator(secret=SECRET, db_path=tmp_path / "platform.sqlite3").start()
    port = sim.port
    platform_settings.PLATFORM_URL = sim.url
    subjects = [SubjectFactory() for _ in range(3)]
    reports = [make_pending_report(subject=subjects[i % 3]) for i in range(9)]
    try:
        sim.stop()  # down: connections are refused
        for _ in range(3):
            stats = delivery_run_due()
            assert stats.acknowledged == 0
            fake_clock.advance(3600)
        # Only the oldest report of each subject was tried; the others waited their turn.
        tried = set(DeliveryAttempt.objects.values_list("report_id", flat=True))
        assert tried == {r.pk for r in reports[:3]}
        outcomes = set(DeliveryAttempt.objects.values_list("outcome", flat=True))
        assert outcomes == {AttemptOutcome.CONNECTION_ERROR}

        # Back on the same port, and still shaky for its first two answers.
        sim = PlatformSimulator(secret=SECRET, db_path=tmp_path / "platform.sqlite3", port=port).start()
        sim.control({"fail_next": 2})
        for _ in range(10):  # bounded: 9 reports need at most a few rounds
            delivery_run_due()
            if not Delivery.objects.exclude(state=DeliveryState.DELIVERED).exists():
                break
            fake_clock.advance(3600)
        stored = _assert_each_stored_once_with_its_receipt(sim, reports)
        order = {row["idempotency_key"]: row["seq"] for row in stored}
        for subject in subjects:
            mine = sorted((r for r in reports if r.subject_id == subject.pk), key=lambda r: r.pk)
            assert [order[str(r.uuid)] for r in mine] == sorted(order[str(r.uuid)] for r in mine)
        assert sim.state()["failed"] == 2
    finally:
        sim.stop()


@pytest.mark.django_db
def test_a_timeout_after_the_platform_stored_the_report_gives_no_duplicate_and_one_receipt(
    simulator, fake_clock
):
    report = make_pending_report()
    simulator.control({"hang_next": 1, "seconds": 1.0})  # the client gives up after 0.5 s
    stats = delivery_run_due()
    assert stats.outcomes == {AttemptOutcome.TIMEOUT: 1}
    report.refresh_from_db()
    assert report.status == PlatformReportStatus.PENDING
    # Meanwhile the platform wakes up and stores it.
    wait_until(lambda: simulator.state()["stored_reports"] == 1, seconds=5,
               what="the hung request to be stored")
    fake_clock.advance(3600)
    delivery_run_due()
    _assert_each_stored_once_with_its_receipt(simulator, [report])
    state = simulator.state()
    assert (state["stored"], state["repeats"]) == (1, 1)  # the second POST was answered from the store
    assert _outcomes(report) == [AttemptOutcome.TIMEOUT, AttemptOutcome.ACKNOWLEDGED]


@pytest.mark.django_db
@pytest.mark.parametrize("fault, error", [("unsigned_next", "缺少签名"), ("malformed_next", "不是 JSON")])
def test_an_unsigned_or_malformed_answer_is_a_failure_not_a_receipt(simulator, fake_clock, fault, error):
    report = make_pending_report()
    simulator.control({fault: 1})
    delivery_run_due()
    report.refresh_from_db()
    assert report.status == PlatformReportStatus.PENDING
    assert report.receipt_number == ""
    attempt = DeliveryAttempt.objects.get(report=report)
    assert attempt.outcome == AttemptOutcome.INVALID_ANSWER
    assert error in attempt.error and attempt.receipt == ""
    # The platform did store it; the retry gets the first receipt, properly signed.
    fake_clock.advance(3600)
    delivery_run_due()
    _assert_each_stored_once_with_its_receipt(simulator, [report])
    assert _outcomes(report) == [AttemptOutcome.INVALID_ANSWER, AttemptOutcome.ACKNOWLEDGED]


@pytest.mark.django_db
def test_a_connection_closed_without_an_answer_is_retried(simulator, fake_clock):
    report = deliver_after_one_fault(simulator, fake_clock, "close_next")
    _assert_each_stored_once_with_its_receipt(simulator, [report])
    assert _outcomes(report) == [AttemptOutcome.CONNECTION_ERROR, AttemptOutcome.ACKNOWLEDGED]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_delivery_loses_nothing_and_doubles_nothing(
    simulator, platform_settings, monkeypatch
):
    # Real time here: the killed worker is another process with the real clock.
    fake = FakeClock(real_now())
    monkeypatch.setattr(clock, "now", fake)
    report = make_pending_report(reply=True)
    simulator.control({"hang_next": 1, "seconds": 3.0})  # long enough to see it hang and kill the worker
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": _database_url(),
        "PLATFORM_URL": simulator.url, "PLATFORM_SECRET": SECRET, "PLATFORM_TIMEOUT": "30",
        "PLATFORM_LEASE_SECONDS": "60",
    }
    worker = subprocess.Popen([sys.executable, "manage.py", "platform_deliver", "--seconds", "30"],
                              cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until(lambda: simulator.state()["hanging"] == 1 or worker.poll() is not None, seconds=60,
                   step=0.05, what="the worker's request to reach the platform")
        assert worker.poll() is None, worker.communicate()
        os.kill(worker.pid, signal.SIGKILL)  # in the middle of the delivery
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
    delivery = Delivery.objects.get(report=report)
    assert delivery.state == DeliveryState.DELIVERING  # claimed, never finished
    assert _outcomes(report) == [AttemptOutcome.IN_FLIGHT]
    # The platform finishes the hung request: it stored the report, the worker never heard.
    wait_until(lambda: simulator.state()["stored_reports"] == 1, seconds=10, what="the platform to store it")

    # A restarted worker, before the lease ran out: nothing to do, nobody sends twice at once.
    assert delivery_run_due().attempts == 0
    # After the lease: it takes the delivery back and sends again; the idempotency key does the rest.
    fake.at = real_now() + datetime.timedelta(seconds=61)
    stats = delivery_run_due()
    assert (stats.recovered, stats.acknowledged) == (1, 1)
    _assert_each_stored_once_with_its_receipt(simulator, [report])
    assert simulator.state()["repeats"] == 1
    assert _outcomes(report) == [AttemptOutcome.INTERRUPTED, AttemptOutcome.ACKNOWLEDGED]
    report.case.refresh_from_db()
    assert report.case.status == "closed"


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_report_once(simulator, fake_clock):
    reports = [make_pending_report(subject=SubjectFactory()) for _ in range(8)]
    simulator.control({"slow_ms": 20})
    results, errors = [], []

    def work():
        try:
            results.append(delivery_run_due())
        except Exception as exc:  # shown below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sum(r.attempts for r in results) == len(reports)  # nobody claimed a report twice
    _assert_each_stored_once_with_its_receipt(simulator, reports)
    assert simulator.state()["repeats"] == 0
    assert PlatformReport.objects.filter(status=PlatformReportStatus.DELIVERED).count() == len(reports)
