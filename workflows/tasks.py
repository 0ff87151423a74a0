"""Background work for the flows (huey). Every task is idempotent."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from calendars import clock

logger = logging.getLogger(__name__)


# huey's crontab is in UTC: 16:20 UTC is 00:20 Beijing time, when the day after a supply
# limit's last day has begun. Only the task lapses a case, never a page being opened: a GET
# that writes would surprise whoever reads the case, and the clock is the same either way
# (it resumes from the limit's last day, not from the day the job ran).
@db_periodic_task(crontab(hour="16", minute="20"))
def materials_lapse_task():
    """Send back to the department every case whose materials did not arrive in time."""
    from workflows.materials_actions import materials_lapse_due

    lapsed = materials_lapse_due(today=clock.today())
    logger.info("supply limits lapsed on %s cases", lapsed)
    return lapsed
