"""Background work for running the site (huey)."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from ops.heartbeat import heartbeat_record


@db_periodic_task(crontab(minute="*"))
def ops_heartbeat_task() -> None:
    """Every minute: show /readyz that the scheduler and a consumer are running."""
    heartbeat_record(now=timezone.now())  # wall clock: /readyz compares it with real time
