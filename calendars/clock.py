"""Dates in Beijing time, whatever the server's clock zone.

A time limit starts on the day something was received *in China*: an
objection received at 23:30 on 30 September Beijing time was received on
30 September even if the server runs on UTC (where it is still 15:30) or the
timestamp was stored in UTC.
"""

import datetime
from zoneinfo import ZoneInfo

# Fixed on purpose, not settings.TIME_ZONE: the legal day is Beijing's even if
# a deployment sets another display zone.
BEIJING = ZoneInfo("Asia/Shanghai")


def beijing_date(moment: datetime.datetime) -> datetime.date:
    """Return the calendar date in Beijing of an aware datetime."""
    if not isinstance(moment, datetime.datetime):
        raise TypeError(f"beijing_date() expects a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        # A naive datetime says nothing about which day it was in Beijing.
        raise ValueError("beijing_date() needs an aware datetime (with tzinfo)")
    return moment.astimezone(BEIJING).date()


def beijing_today(now: datetime.datetime | None = None) -> datetime.date:
    """Return today's date in Beijing; `now` lets callers and tests pass the clock in."""
    if now is None:
        now = datetime.datetime.now(tz=datetime.UTC)
    return beijing_date(now)
