"""A claimed case stays with its handler.

When a person completes a step and the next step falls to a department they
belong to, the new task is assigned to them (`last_handler`, the human nodes'
`.Assign` in workflows.flows) instead of going back to the department's pool
to be claimed again. It stays theirs until they release it on the queue
(viewflow's unassign) or the case moves to another department (the next task's
permission is one they do not hold, so it is offered to that department).
While a person holds a task, nobody else of the department may take its step
(`refuse_if_held_by_another`, checked where a step completes the task).
"""

from viewflow.workflow.status import STATUS

from casework.errors import NotPermittedError


def last_handler(activation):
    """The owner of the case's last completed human step, if they hold the new task's permission.

    Called by viewflow while it creates the task (`task.owner_permission` is set, the task is
    not saved yet)."""
    last = (
        activation.process.task_set.filter(flow_task_type="HUMAN", status=STATUS.DONE, owner__isnull=False)
        .select_related("owner").order_by("-finished", "-pk").first()
    )
    if last is None or not activation.task.owner_permission:
        return None
    owner = last.owner
    return owner if owner.is_active and owner.has_perm(activation.task.owner_permission) else None


def refuse_if_held_by_another(task, acting_user) -> None:
    """Raise NotPermittedError if someone else holds `task` and `acting_user` is of the department it is
    offered to (the holder must release it first). A subject's or the system's step that moves the case
    on (a withdrawal, a platform receipt) is not refused."""
    if task.status != STATUS.ASSIGNED or task.owner_id is None or acting_user is None:
        return
    if task.owner_id != acting_user.pk and task.owner_permission and acting_user.has_perm(task.owner_permission):
        raise NotPermittedError(f"该案件当前环节已由 {task.owner} 认领，请由其办理，或待其释放后再认领办理。")
