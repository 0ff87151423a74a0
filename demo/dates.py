"""The demo's dates, counted back from today so the demo looks the same whenever it is seeded."""

import datetime

from calendars import clock
from calendars.arithmetic import add_working_days, is_working_day


def at_ten(day: datetime.date) -> datetime.datetime:
    """10:00 Beijing time on `day`: when a demo case was received."""
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=clock.BEIJING)


def days_ago(days: int) -> datetime.date:
    return clock.today() - datetime.timedelta(days=days)


def working_days_ago(n: int) -> datetime.date:
    """The working day `n` working days before today (today itself if it is one and `n` is 0).

    The demo's story is told in working days (lodged 20 working days ago and never accepted: overdue),
    so it reads the same on whatever day it is seeded, holidays and make-up days included: a fixed date
    drifts, and a case whose limit has run out by the seeding day can no longer be paused or extended."""
    day = clock.today()
    while add_working_days(day, n) > clock.today() or not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def received_for_due_in(working_days_left: int, *, limit_working_days: int) -> datetime.date:
    """The latest day a case may have been received for its limit to fall due in `working_days_left`
    working days from today (a due soon row on the supervisors' dashboard)."""
    target = add_working_days(clock.today(), working_days_left)
    day = clock.today()
    # One calendar day back moves the due date back by at most one working day, so this meets `target`.
    while add_working_days(day, limit_working_days) > target:
        day -= datetime.timedelta(days=1)
    return day
