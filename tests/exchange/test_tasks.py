"""The worker's tasks: every minute, and "retry now" for one subject."""

import datetime

import pytest

from casework.models import PlatformReportStatus
from exchange.tasks import platform_deliver_due_task, platform_deliver_subject_task
from tests.exchange.conftest import make_pending_report

pytestmark = pytest.mark.django_db


def test_the_due_reports_task_is_scheduled_every_minute():
    task = platform_deliver_due_task.task_class()
    minutes = [datetime.datetime(2026, 9, 29, 9, m) for m in range(0, 60, 7)]
    assert all(task.validate_datetime(moment) for moment in minutes)


def test_the_periodic_task_sends_what_is_due(simulator, fake_clock):
    report = make_pending_report()
    platform_deliver_due_task()  # huey runs tasks in-process in the test settings
    report.refresh_from_db()
    assert report.status == PlatformReportStatus.DELIVERED


def test_the_subject_task_sends_only_that_subjects_reports(simulator, fake_clock):
    mine = make_pending_report()
    other = make_pending_report()
    platform_deliver_subject_task(mine.subject_id)
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, other.status) == (PlatformReportStatus.DELIVERED, PlatformReportStatus.PENDING)


def test_running_twice_sends_nothing_twice(simulator, fake_clock):
    make_pending_report()
    platform_deliver_due_task()
    platform_deliver_due_task()
    state = simulator.state()
    assert (state["requests"], state["stored"]) == (1, 1)
