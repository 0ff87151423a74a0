"""Background work for the provincial platform (huey). Every task is idempotent:
deliveries are claimed row by row, so two runs at once send nothing twice."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from exchange.delivery import delivery_run_due
from ops.task_context import db_task_with_request_id


@db_periodic_task(crontab(minute="*"))
def platform_deliver_due_task() -> None:
    """Every minute: send the reports whose next attempt has come (new ones, retries, abandoned ones)."""
    delivery_run_due()


@db_task_with_request_id()
def platform_deliver_subject_task(subject_id: int) -> None:
    """"Retry now": send one subject's due reports, oldest first, without waiting for the minute."""
    delivery_run_due(subject_id=subject_id)
