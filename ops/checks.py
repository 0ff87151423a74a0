"""Readiness checks for the task queue, beside django-health-check's database, cache and storage."""

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from ops.heartbeat import heartbeat_age


@dataclasses.dataclass
class QueueDepth(HealthCheck):
    """The queue's storage answers, and fewer than `max_pending` tasks wait in it."""

    max_pending: int = dataclasses.field(default_factory=lambda: settings.OPS_QUEUE_MAX_PENDING)

    def run(self):
        from huey.contrib.djhuey import HUEY

        try:
            pending = HUEY.pending_count()
        except Exception as exc:  # Redis or the SQLite file: whatever the storage raises
            raise ServiceUnavailable(f"queue storage: {type(exc).__name__}") from exc
        if self.max_pending and pending > self.max_pending:
            raise ServiceUnavailable(f"{pending} tasks pending (more than {self.max_pending})")


@dataclasses.dataclass
class ConsumerHeartbeat(HealthCheck):
    """The heartbeat task (ops/tasks.py) ran within `max_age`; skipped when huey runs tasks in-process."""

    max_age: datetime.timedelta = dataclasses.field(
        default_factory=lambda: datetime.timedelta(seconds=settings.OPS_HEARTBEAT_MAX_AGE_SECONDS))

    def run(self):
        from huey.contrib.djhuey import HUEY

        if HUEY.immediate:  # tests and `immediate` development: no consumer to wait for
            return
        age = heartbeat_age(now=timezone.now())  # wall clock: a live consumer, not legal time
        if age is None:
            raise ServiceUnavailable("no consumer heartbeat yet")
        if age > self.max_age:
            raise ServiceUnavailable(f"last consumer heartbeat {int(age.total_seconds())} s ago")
