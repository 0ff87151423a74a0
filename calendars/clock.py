"""The one clock: the current moment, and the legal day in Beijing.

Every room reads the time here (`clock.now()`, `clock.today()`), called through
the module so that a test moves time for all of them by replacing `now` alone
(`monkeypatch.setattr(calendars.clock, "now", ...)`): no global clock freezing,
and no second idea of "today" that a test forgets to move.

A time limit starts on the day something was received *in China*: an
objection received at 23:30 on 30 September Beijing time was received on
30 September even if the server runs on UTC (where it is still 15:30) or the
timestamp was stored in UTC. `beijing_date` is that one conversion; a service
applies it once and passes the date on.
"""

import datetime
from zoneinfo import ZoneInfo

# Fixed on purpose, not settings.TIME_ZONE: the legal day is Beijing's even if
# a deployment sets another display zone.
BEIJING = ZoneInfo("Asia/Shanghai")


def now() -> datetime.datetime:
    """Return the current moment, aware, in UTC."""
    return datetime.datetime.now(tz=datetime.UTC)


def beijing_date(moment: datetime.datetime) -> datetime.date:
    """Return the calendar date in Beijing of an aware datetime."""
    if not isinstance(moment, datetime.datetime):
        raise TypeError(f"beijing_date() expects a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        # A naive datetime says nothing about which day it was in Beijing.
        raise ValueError("beijing_date() needs an aware datetime (with tzinfo)")
    return moment.astimezone(BEIJING).date()


def today() -> datetime.date:
    """Return today's date in Beijing, read from `now()` so that moving `now` moves it."""
    return beijing_date(now())
