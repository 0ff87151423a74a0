"""Background work for supervision (huey). Every task is idempotent.

Only the consumer that runs the scheduler enqueues the periodic ones
(`manage.py run_huey`, one per deployment; others with `--no-periodic`).
The service functions take `today` as an argument; only these wrappers read
the clock.
"""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, task

from calendars import clock
from ops.task_context import db_task_with_request_id

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="7"))
def supervision_remind_task():
    """Reminders and escalations: hourly, so the first run after midnight Beijing time sends the day's steps."""
    from supervision.services.reminders import supervision_remind

    result = supervision_remind(today=clock.today())
    logger.info("supervision reminders %s: %s steps, %s notifications", result.today, result.steps,
                result.notifications)
    return result.notifications


@db_task_with_request_id(retries=3, retry_delay=60)
def notification_email_task():
    from supervision.services.notifications import notification_email_pending

    return notification_email_pending()


@db_periodic_task(crontab(minute="*/15"))
def notification_email_sweep_task():
    """E-mail what a lost task or an SMTP outage left unsent."""
    from supervision.services.notifications import notification_email_pending

    return notification_email_pending()


@db_periodic_task(crontab(minute="*"))
def workflow_timers_task():
    """viewflow's `manage.py workflow_timers`: fire due timers, scheduled starts and conditions."""
    from supervision.services.timers import workflow_timers_run

    return workflow_timers_run()


@db_periodic_task(crontab(minute="*"))
def tallies_fold_task():
    """Fold the dashboard's running-count deltas into one row per key, so reading them stays cheap."""
    from casework.services.tallies import tallies_fold

    return tallies_fold()


@db_periodic_task(crontab(minute="17"))
def reports_schedule_task():
    """Each quarter's and half-year's reports, made on the first working day after the period.

    Hourly, not once a day: the first run after midnight Beijing time on that day makes them,
    and a day the worker was down is caught up by its next run (the service is idempotent).
    """
    from supervision.services.reports import reports_schedule

    made = reports_schedule(today=clock.today())
    logger.info("scheduled supervision reports: %s made", len(made))
    return len(made)


@db_periodic_task(crontab(minute="27"))
def oversight_escalate_task():
    """督办 still overdue after their feedback date go to the supervisor office one level up.

    Hourly, like the reports' schedule: the first run after midnight Beijing time escalates the
    day's, and a day the worker was down is caught up by its next run (an escalated 督办 is
    never escalated again)."""
    from supervision.services.oversight import oversight_escalate_due

    return len(oversight_escalate_due(today=clock.today()))


@db_task_with_request_id()
def report_generate_task(report_id: int):
    from supervision.services.reports import report_generate

    report_generate(report_id=report_id)
    return report_id


@task()
def supervision_worker_ping(token: str) -> str:
    """Answer `token`: lets a deployment (and a test) check that a consumer is running tasks."""
    return token
