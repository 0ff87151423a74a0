import datetime
import itertools
import json
import time
import urllib.request

import pytest
from django.utils import timezone

from calendars import clock
from casework.models import PlatformReport
from exchange.delivery import delivery_run_due
from exchange.simulator import PlatformSimulator
from tests.factories import CreditRecordFactory, DepartmentFactory, SubjectFactory, UserFactory, beijing
from workflows.actions import act as objection_act
from workflows.objection_actions import objection_lodge

SECRET = "test-platform-secret"
_prefixes = itertools.count(1)


class FakeClock:
    """calendars.clock.now(), moved by hand: back-offs and leases pass without sleeping."""

    def __init__(self, start: datetime.datetime):
        self.at = start

    def __call__(self):
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += datetime.timedelta(seconds=seconds)


@pytest.fixture
def fake_clock(monkeypatch):
    fake = FakeClock(beijing(2026, 9, 29, 9, 0))
    monkeypatch.setattr(clock, "now", fake)
    return fake


@pytest.fixture
def platform_settings(settings):
    settings.PLATFORM_SECRET = SECRET
    settings.PLATFORM_TIMEOUT = 0.5
    settings.PLATFORM_MAX_FAILURES = 3
    settings.PLATFORM_BACKOFF_BASE = 10
    settings.PLATFORM_BACKOFF_CAP = 80
    settings.PLATFORM_LEASE_SECONDS = 60
    settings.PLATFORM_RUN_SECONDS = 20
    return settings


@pytest.fixture
def simulator(tmp_path, platform_settings):
    """The platform simulator on a free loopback port, with the settings pointing at it."""
    sim = PlatformSimulator(secret=SECRET, db_path=tmp_path / "platform.sqlite3").start()
    platform_settings.PLATFORM_URL = sim.url
    yield sim
    sim.stop()


def sim_get(sim, path: str):
    with urllib.request.urlopen(f"http://127.0.0.1:{sim.port}{path}", timeout=5) as response:
        return json.loads(response.read())


def wait_until(predicate, *, seconds: float = 10, step: float = 0.02, what: str = "condition"):
    """Poll `predicate` until it holds; fail after `seconds` (no test waits forever)."""
    limit = time.monotonic() + seconds
    while time.monotonic() < limit:
        if predicate():
            return
        time.sleep(step)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


def make_pending_report(*, subject=None, record=None, reply: bool = False) -> PlatformReport:
    """An objection lodged, accepted and upheld with revocation: casework writes its report (pending).

    With `reply=True` the reply is sent too, so the case waits in follow-up
    for the report alone (no measures): the receipt then closes it.
    """
    if record is None:
        subject = subject or SubjectFactory()
        # Letters are numbered per prefix: each department gets its own.
        department = DepartmentFactory(jurisdiction=subject.jurisdiction,
                                       document_prefix=f"交{next(_prefixes)}信")
        record = CreditRecordFactory(subject=subject, determined_by=department)
    officer = UserFactory(subject_officer=True, subject=record.subject)
    handler = UserFactory(handler=True, department=record.determined_by)
    case = objection_lodge(record=record, grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=officer, received_at=beijing(2026, 9, 28))
    decision = {"outcome": "upheld", "reasons": "已付清", "revoke": True}
    for action, payload in [("accept", {}), ("decide", decision)]:
        case.refresh_from_db()
        objection_act(case=case, action=action, acting_user=handler, payload=payload)
    if reply:
        case.refresh_from_db()
        objection_act(case=case, action="reply", acting_user=handler)
    return PlatformReport.objects.get(record=record)


@pytest.fixture
def subject():
    return SubjectFactory()


def real_now():
    return timezone.now()


def deliver_after_one_fault(simulator, fake_clock, fault: str) -> PlatformReport:
    """A pending report whose first delivery meets `fault` (a simulator control, e.g. "fail_next"),
    then, an hour later, is delivered again."""
    report = make_pending_report()
    simulator.control({fault: 1})
    delivery_run_due()
    fake_clock.advance(3600)
    delivery_run_due()
    return report
