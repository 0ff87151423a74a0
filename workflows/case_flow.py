"""Keeping a case's viewflow process in step with its status, for every case kind.

Every action (`workflows.actions.act`) calls one casework service and then
`flow_sync`, in one transaction under the flow's lock: whichever door a person came in
by (task page, portal, API), the queues show who must act next.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import translation
from django.utils.timezone import now
from viewflow.workflow import flow
from viewflow.workflow.models import Process
from viewflow.workflow.nodes.start import StartHandleActivation
from viewflow.workflow.signals import flow_started, task_finished, task_started
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
    """viewflow's start from code, in three INSERTs: the process, its first tasks, their links.

    viewflow's `StartActivation.execute` saves the process, then opens a nested
    `atomic()` and takes the flow lock on the new process row before routing.
    Here the process is created inside `case_start`'s transaction: no other
    transaction can see its row, so there is nothing to lock against, and the
    enclosing transaction already makes the start all or nothing. Expects an open
    transaction.

    viewflow then writes the route (Switch) task, completes it (an UPDATE inside a
    savepoint), asks the first human task's `.Assign` rule for an owner and writes that
    task, each task and each link to its previous task on its own (nine statements after
    the process's).
    When the route opens a human (View) task — every case kind's first step — the same
    rows are written in one INSERT each (`_start_rows`): the start and route tasks done,
    the human task new with viewflow's own permission for it. No owner is asked for: a
    new process has no finished human step, which is all `task_holder.last_handler`
    assigns from (a node with another `.Assign` rule is not taken this way). Any other
    first node goes viewflow's own way (`activate_next`).
    This leans on viewflow internals (the node's `_next`, a task's fields as its
    activations fill them): tests/workflows/test_case_flow_start.py compares the rows
    with those viewflow's own path writes, field by field.
    """

    direct = True  # False: viewflow's own routing (the tests compare the two)

    @StartHandleActivation.status.transition(source=STATUS.NEW)
    def execute(self):
        if not connection.in_atomic_block:
            raise RuntimeError("a case's process starts inside the transaction that made the case (case_start)")
        task_started.send(sender=self.flow_class, process=self.process, task=self.task)
        self.process.save()
        first = self._first_human_node() if self.direct else None
        if first is None:
            self.complete()
            flow_started.send(sender=self.flow_class, process=self.process, task=self.task)
            self.activate_next()
            return
        self._start_rows(first)

    def _first_human_node(self):
        """The View node the route opens for the case now, or None for anything else."""
        route = self.flow_task._next
        if not isinstance(route, flow.Switch) or self.flow_task._task_data or self.flow_task._task_seed:
            return None
        node = getattr(self.flow_class, node_for(self.flow_class, self.process.artifact), None)
        if not isinstance(node, flow.View) or node._on_create is not None:
            return None
        if getattr(node, "_owner", None) not in (None, task_holder.last_handler):
            return None
        return route, node

    def _start_rows(self, first) -> None:
        route, node = first
        task_class, finished = self.flow_class.task_class, now()
        start = self.task
        start.status, start.finished, start.flow_task_type = STATUS.DONE, finished, self.flow_task.task_type
        routed = task_class(process=self.process, flow_task=route, flow_task_type=route.task_type, token=start.token,
                            data={}, status=STATUS.DONE, finished=finished)
        opened = task_class(process=self.process, flow_task=node, flow_task_type=node.task_type, token=routed.token,
                            data={})
        activation = node.activation_class(opened)
        permission = node.calc_owner_permission(activation)
        if permission:
            opened.owner_permission = permission
            opened.owner_permission_obj = node.calc_owner_permission_obj(activation)
        task_class.objects.bulk_create([start, routed, opened])
        task_class.previous.through.objects.bulk_create([
            task_class.previous.through(from_task=routed, to_task=start),
            task_class.previous.through(from_task=opened, to_task=routed),
        ])
        task_finished.send(sender=self.flow_class, process=self.process, task=start)
        flow_started.send(sender=self.flow_class, process=self.process, task=start)
        task_finished.send(sender=self.flow_class, process=self.process, task=routed)


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
