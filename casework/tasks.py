"""Background work for casework (huey). Every task is idempotent."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from calendars import clock

logger = logging.getLogger(__name__)


# huey's crontab is in UTC: 16:10 UTC is 00:10 Beijing time, just after the day a period ends on begins.
@db_periodic_task(crontab(hour="16", minute="10"))
def publication_expire_task():
    """End the publication of records past their maximum period (daily, after midnight Beijing)."""
    from casework.services.publication import records_publication_expire

    ended = records_publication_expire(today=clock.today())
    logger.info("publication ended for %s records at the end of their maximum period", ended)
    return ended
