"""viewflow's timers, run by the worker instead of cron."""

from viewflow.workflow.timers import fire_due_conditions, fire_due_start_timers, fire_due_timers


def workflow_timers_run() -> dict:
    """Do what `manage.py workflow_timers` does; return the counts.

    Idempotent: a timer fires once (each is re-checked under its flow lock,
    and a fired timer is no longer SCHEDULED). Scheduled starts are safe only
    with one dispatcher, which is why only the scheduler consumer runs this.
    """
    return {
        "timers": fire_due_timers(),
        "starts": fire_due_start_timers(),
        "conditions": fire_due_conditions(),
    }
