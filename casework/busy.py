"""When the database is busy: lock and serialization errors as a clear answer, never a 500.

SQLite runs in IMMEDIATE mode with a 20 s timeout (config/settings/base.py), so
writers queue for the lock; what still fails is a writer that waited out the
timeout. PostgreSQL may abort a transaction as a serialization failure or a
deadlock victim, or refuse a NOWAIT lock. All of these are transient: the same
request a moment later will very likely succeed. django-fsm's
ConcurrentTransition is not transient but a lost race on a case (someone else
moved it first); casework.services.transitions turns it into
ConcurrentChangeError, and it is caught here too in case it leaks elsewhere.

`BusyMiddleware` answers web pages (portal and staff); `api.errors` answers
the API with the same tests (`is_transient_db_error`, `is_lost_race`).

No automatic retry here: a view calls one service, whose `transaction.atomic`
has rolled back when the error reaches us, but with ATOMIC_REQUESTS off this
middleware cannot prove that nothing else the request did was committed
(an on_commit side effect, a second write). The user decides, with the
page below, whether to send the same form again.
"""

import sqlite3

from django.db import utils as db_utils
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django_fsm import ConcurrentTransition

# Seconds a client should wait before trying again (the Retry-After header).
RETRY_AFTER_SECONDS = 2

BUSY_MESSAGE = "系统繁忙，请稍后重试。"

# PostgreSQL SQLSTATEs: serialization_failure, deadlock_detected, lock_not_available.
_PG_TRANSIENT = {"40001", "40P01", "55P03"}
# SQLite primary result codes: SQLITE_BUSY, SQLITE_LOCKED.
_SQLITE_TRANSIENT = {5, 6}
# Form fields never written back into a page.
_NOT_REPOSTED = ("csrfmiddlewaretoken", "password")


def is_transient_db_error(exc: BaseException) -> bool:
    """Whether `exc` is a lock or serialization error that trying again later may cure.

    Only errors raised through Django's database layer count (they are wrapped
    in django.db.utils): a raw sqlite3 error from the task queue's own file,
    raised after the service committed, is not a sign that nothing was saved.
    """
    if not isinstance(exc, db_utils.DatabaseError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate in _PG_TRANSIENT:
        return True
    if isinstance(cause, sqlite3.Error):
        code = getattr(cause, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _SQLITE_TRANSIENT:
            return True
        text = str(cause).lower()
        return "is locked" in text  # database / database table / database schema is locked
    return False


def is_lost_race(exc: BaseException) -> bool:
    """Whether `exc` says another user changed the case first (django-fsm's optimistic check)."""
    return isinstance(exc, ConcurrentTransition)


def _reposted_fields(request) -> list[tuple[str, str]]:
    if request.method != "POST":
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if not any(word in name.lower() for word in _NOT_REPOSTED)
        for value in values
    ]


class BusyMiddleware:
    """Turn a busy database into a 503 page that keeps what the user typed; a lost race into 409.

    A POST comes back as a form holding the same fields (not files, not
    passwords) and a fresh CSRF token, so one click sends it again; the page
    is rendered without context processors, which would query the busy database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if is_transient_db_error(exc):
            status, conflict = 503, False
        elif is_lost_race(exc):
            status, conflict = 409, True
        else:
            return None
        fields = [] if conflict else _reposted_fields(request)
        html = loader.get_template("casework/busy.html").render(
            {
                "conflict": conflict,
                "fields": fields,
                "had_files": bool(request.method == "POST" and request.FILES),
                "action": request.get_full_path(),
                "csrf_token": get_token(request),
                "is_post": request.method == "POST",
                "language_code": getattr(request, "LANGUAGE_CODE", "zh-hans"),
            }
        )
        response = HttpResponse(html, status=status)
        if status == 503:
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
