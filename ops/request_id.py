"""One id per request: taken from a sane `X-Request-ID` or made up, sent back in the answer,
and put on every log line written while the request (or a task it queued) runs."""

import contextvars
import logging
import re
import time
import uuid

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# A proxy's or client's id is kept only when it cannot smuggle anything into a log line or header.
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")

request_logger = logging.getLogger("ops.requests")


def request_id_from_header(value: str | None) -> str:
    """The client's id when it is a sane token (≤ 64 of A–Z a–z 0–9 - _ .), else a new uuid4 hex."""
    if value and _SANE.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every line logged for the request carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from_header(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        start = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s", request.method, request.path, response.status_code,
                extra={"method": request.method, "path": request.path, "status": response.status_code,
                       "duration_ms": round((time.monotonic() - start) * 1000, 1)},
            )
            return response
        finally:
            request_id_var.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (None outside a request or a task it queued) to every record."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True
