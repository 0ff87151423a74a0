"""The calendar in force: this process's working-day index, kept in step with
the database.

Every process builds the index once and keeps it with the version token it
was built from. The token is read again at most every
`settings.CALENDAR_INDEX_MAX_AGE` seconds (default 5), so a change made on
another machine reaches this one within that time, and at once with
`current_calendar(fresh=True)`, which every write that stores a due date uses.

A change written by this process is seen by it at once: its token stays
"pending" until the transaction commits, and while the index carries a pending
token the token is re-read on every call. If the transaction rolls back, the
next call finds the old token in the database and rebuilds.
"""

import functools
import threading
import time
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import F

from calendars.index import OverrideDay, WorkdayIndex
from calendars.models import CalendarOverride, CalendarVersion, ConfirmedYear, DayKind

_lock = threading.Lock()
# One index per process and the monotonic time until which it is trusted
# without reading the version token again.
_state = {"index": None, "valid_until": float("-inf")}
_pending_tokens: set[str] = set()


def current_calendar(*, fresh: bool = False) -> WorkdayIndex:
    """Return the working-day index for the calendar now in force."""
    index = _state["index"]
    if not fresh and time.monotonic() < _state["valid_until"] and index.token not in _pending_tokens:
        return index
    token = _read_token()
    if index is None or index.token != token:
        with _lock:
            index = build_calendar(token=token)
    _state["index"], _state["valid_until"] = index, time.monotonic() + _max_age()
    return index


@functools.cache
def _max_age() -> float:
    # Read once: a missing attribute on django.conf.settings costs microseconds,
    # more than the whole date computation this guards.
    return float(getattr(settings, "CALENDAR_INDEX_MAX_AGE", 5.0))


def build_calendar(*, token: str | None = None) -> WorkdayIndex:
    """Build an index from the database as it is now (bypassing the cache)."""
    if token is None:
        token = _read_token()
    overrides = [
        OverrideDay(date=o.date, working=o.kind == DayKind.WORKING, reason=o.reason, notice_ref=o.notice_ref)
        for o in CalendarOverride.objects.all()
    ]
    years = ConfirmedYear.objects.values_list("year", flat=True)
    return WorkdayIndex(overrides=overrides, confirmed_years=years, token=token)


def lock_calendar() -> CalendarVersion:
    """Lock the version row, so calendar changes happen one at a time.

    Call it inside `transaction.atomic()`, before reading what you will change.
    """
    CalendarVersion.objects.get_or_create(pk=1)
    return CalendarVersion.objects.select_for_update().get(pk=1)


def bump_version() -> str:
    """Give the calendar a new version token; call it in the changing transaction."""
    token = uuid.uuid4().hex
    CalendarVersion.objects.filter(pk=1).update(number=F("number") + 1, token=token)
    _pending_tokens.add(token)
    _state["valid_until"] = float("-inf")  # this process sees its own change at once
    transaction.on_commit(lambda: _pending_tokens.discard(token))
    return token


def _read_token() -> str:
    return CalendarVersion.objects.filter(pk=1).values_list("token", flat=True).first() or "initial"


def forget_calendar() -> None:
    """Drop this process's index (tests use it to start from the database)."""
    _state["index"], _state["valid_until"] = None, float("-inf")
