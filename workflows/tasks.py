"""Background work for the flows (huey). Every task is idempotent."""

import datetime

from casework.daily_tasks import daily_task


# 00:20 Beijing time, when the day after a supply limit's last day has begun. Only the task
# lapses a case, never a page being opened: a GET that writes would surprise whoever reads the
# case, and the clock is the same either way (it resumes from the limit's last day, not from the
# day the job ran).
@daily_task(beijing=datetime.time(0, 20), done="supply limits lapsed on %s cases")
def materials_lapse_task(today):
    """Send back to the department every case whose materials did not arrive in time."""
    from workflows.materials_actions import materials_lapse_due

    return materials_lapse_due(today=today)
