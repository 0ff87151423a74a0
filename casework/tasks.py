"""Background work for casework (huey). Every task is idempotent."""

import datetime

from casework.daily_tasks import daily_task


# Just after midnight Beijing time: the day a publication period ends on has begun.
@daily_task(beijing=datetime.time(0, 10), done="publication ended for %s records at the end of their maximum period")
def publication_expire_task(today):
    """End the publication of records past their maximum period (daily, after midnight Beijing)."""
    from casework.services.publication import records_publication_expire

    return records_publication_expire(today=today)
