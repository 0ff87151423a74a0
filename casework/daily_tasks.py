"""Periodic work done once a day on Beijing's date, for the rooms' tasks.py files.

huey's crontab is in UTC while the rules count Beijing days: a daily task here is declared with
the Beijing time it runs at (converted once, here), is given Beijing's today, and answers how many
things it did; that count is logged with the task's message. Every such task is idempotent.
"""

import datetime
import functools
import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from calendars import clock

# Beijing time is UTC+8 all year (no summer time).
_BEIJING_OFFSET_HOURS = 8


def daily_task(*, beijing: datetime.time, done: str):
    """A huey periodic task running the decorated `work(today=…)` daily at `beijing` o'clock; `done`
    is the log message, with "%s" for the count `work` returns."""
    utc_hour = (beijing.hour - _BEIJING_OFFSET_HOURS) % 24

    def decorate(work):
        logger = logging.getLogger(work.__module__)

        @functools.wraps(work)
        def run():
            count = work(today=clock.today())
            logger.info(done, count)
            return count

        return db_periodic_task(crontab(hour=str(utc_hour), minute=str(beijing.minute)))(run)

    return decorate
