"""casework.daily_tasks: a daily task is declared in Beijing time (huey's crontab is UTC) and works
on Beijing's date, whatever the UTC date is when it runs."""

import datetime

import pytest

from casework.tasks import publication_expire_task
from tests.factories import CreditRecordFactory
from workflows.tasks import materials_lapse_task


def _runs_at(task) -> list[tuple[int, int]]:
    """The (hour, minute) in UTC of a day at which huey's scheduler starts `task`."""
    schedule = task.task_class()
    day = datetime.datetime(2026, 9, 30)
    return [(hour, minute) for hour in range(24) for minute in range(60)
            if schedule.validate_datetime(day.replace(hour=hour, minute=minute))]


def test_each_daily_task_runs_once_a_day_just_after_midnight_beijing_time():
    # 00:10 and 00:20 in Beijing (UTC+8, no summer time) are 16:10 and 16:20 UTC of the day before.
    assert _runs_at(publication_expire_task) == [(16, 10)]
    assert _runs_at(materials_lapse_task) == [(16, 20)]


@pytest.mark.django_db
def test_the_task_is_given_beijing_today_while_utc_is_still_on_the_day_before(at, caplog):
    record = CreditRecordFactory(determined_on=datetime.date(2026, 3, 16), is_published=True, severity="general")
    at(2027, 3, 15, 23, 50)  # 15:50 UTC: the last day of the period, in Beijing too
    assert publication_expire_task.call_local() == 0
    moment = at(2027, 3, 16, 0, 10)  # 16:10 UTC on 15 March: in Beijing the period has ended
    assert moment.astimezone(datetime.UTC).date() == datetime.date(2027, 3, 15)
    with caplog.at_level("INFO", logger="casework.tasks"):
        assert publication_expire_task.call_local() == 1
    record.refresh_from_db()
    assert record.is_published is False
    assert "publication ended for 1 records at the end of their maximum period" in caplog.text
