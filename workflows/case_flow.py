"""Keeping a case's viewflow process in step with its status, for every case kind.

Every action (`workflows.actions.act`) calls one casework service and then
`flow_sync`, in one transaction under the flow's lock: whichever door a person came in
by (task page, portal, API), the queues show who must act next.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import translation
from viewflow.workflow import flow
from viewflow.workflow.models import Process
from viewflow.workflow.nodes.start import StartHandleActivation
from viewflow.workflow.signals import flow_started, task_started
from viewflow.workflow.status import STATUS

from casework.models import User
from workflows import task_holder

_OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def official_language():
    """What a service stores (letter texts, audit reasons, labels) is in the
    official language, whatever language the person's page is in."""
    return translation.override(settings.LANGUAGE_CODE)


def process_for(case) -> Process | None:
    """The viewflow process whose artifact is `case`, if one was started."""
    return Process.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(type(case)), artifact_object_id=case.pk
    ).first()


def case_start(flow_class, create, **kwargs):
    """Run `create(**kwargs)` (a service making a case) and start the case's process."""
    with official_language(), transaction.atomic():
        case = create(**kwargs)
        flow_class.start.run(case=case)
    return case


class CaseStartActivation(StartHandleActivation):
    """viewflow's start from code, without the savepoint and the row lock it takes.

    viewflow's `StartActivation.execute` saves the process, then opens a nested
    `atomic()` and takes the flow lock on the new process row before routing.
    Here the process is created inside `case_start`'s transaction: no other
    transaction can see its row, so there is nothing to lock against, and the
    enclosing transaction already makes the start all or nothing. Skipping both
    saves five statements per lodge (two savepoints, their releases and the
    lock's SELECT); the signals, task rows and routing are viewflow's own
    (tests/api/test_query_counts.py pins the tasks a lodge opens).
    Expects an open transaction.
    """

    @StartHandleActivation.status.transition(source=STATUS.NEW)
    def execute(self):
        if not connection.in_atomic_block:
            raise RuntimeError("a case's process starts inside the transaction that made the case (case_start)")
        task_started.send(sender=self.flow_class, process=self.process, task=self.task)
        self.process.save()
        self.complete()
        flow_started.send(sender=self.flow_class, process=self.process, task=self.task)
        self.activate_next()


class CaseStart(flow.StartHandle):
    """The start node of every case kind's flow (see CaseStartActivation)."""

    activation_class = CaseStartActivation


def case_act(flow_class, *, case, service, acting_user: User | None, kwargs: dict,
             flow_user: User | None = None):
    """Run `service(case=…, acting_user=…, **kwargs)` and bring the flow in line, all or nothing.

    `flow_user`: who completes the flow's tasks, when not the acting user (a signer's 签发
    completes the step the drafter held, workflows.signoff)."""
    with official_language(), transaction.atomic():
        process = process_for(case)
        with flow_class.lock(process.pk) if process else transaction.atomic():
            result = service(case=case, acting_user=acting_user, **kwargs)
            if process is not None:
                flow_sync(flow_class, process=process, acting_user=flow_user or acting_user)
    return result


def flow_sync(flow_class, *, process, acting_user: User | None) -> None:
    """Complete every open task the case's status has moved past.

    Completing a task routes the flow again (`route` looks at the status),
    which opens the task for the current state, or ends the process.
    Expects the flow lock held.
    """
    model = process.artifact_content_type.model_class()
    for _ in range(10):  # each pass completes one stale task; a case has at most a few
        case = model.objects.get(pk=process.artifact_object_id)
        wanted = node_for(flow_class, case)
        stale = [
            task for task in process.task_set.filter(status__in=_OPEN).order_by("pk")
            if task.flow_task.name not in ("start", wanted)
        ]
        if not stale:
            return
        _complete(stale[0], acting_user)
    raise RuntimeError(f"flow of {process.pk} did not settle")


def node_for(flow_class, case) -> str:
    """The node `flow_class.route` chooses for the case now: the flow's own status →
    node table, from which its Switch is built (workflows.flows.route_by_status)."""
    return flow_class.status_nodes.get(case.status, "end")


def _complete(task, acting_user) -> None:
    """Finish a task the case's status has moved past, through viewflow's activation API.

    A human (View) task goes NEW → assign → start → execute, as if the person who took
    the step had claimed and submitted it (W6's `.Assign` may have assigned it already);
    a Handle task is run by its node. `execute` completes the task and routes the flow
    again (tests/workflows/test_case_flow.py pins the open task after each step).
    """
    flow_task = task.flow_task
    if flow_task.task_type != "HUMAN":
        flow_task.run(task)
        return
    task_holder.refuse_if_held_by_another(task, acting_user)
    activation = flow_task.activation_class(task)
    if task.status == STATUS.NEW:
        activation.assign(acting_user)
    activation.start(None)  # request: only read by viewflow's own task pages
    activation.execute()
