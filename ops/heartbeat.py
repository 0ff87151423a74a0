"""The consumers' heartbeat: a periodic task writes the time, readiness reads its age.

The scheduler enqueues the task every minute and any consumer runs it, so a fresh beat means
both that the one scheduler is alive and that some consumer is taking tasks off the queue.
It lives in the shared cache (Redis in production), which every web process reads.
"""

import datetime

from django.core.cache import cache

HEARTBEAT_KEY = "huey:heartbeat"


def heartbeat_record(*, now: datetime.datetime) -> None:
    """Write `now` as the latest beat; kept until overwritten, so a stopped queue shows as stale."""
    cache.set(HEARTBEAT_KEY, now.timestamp(), timeout=None)


def heartbeat_age(*, now: datetime.datetime) -> datetime.timedelta | None:
    """How long ago the last beat was; None when there has never been one."""
    beat = cache.get(HEARTBEAT_KEY)
    if beat is None:
        return None
    return now - datetime.datetime.fromtimestamp(beat, tz=datetime.timezone.utc)
