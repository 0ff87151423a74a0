"""The entry point for every action on an objection, from any page or the API.

Each action calls one casework service and then brings the case's viewflow
process in line with the new status, in one transaction under the flow's
lock: whichever door a person came in by (task page, portal, API), the
queues show who must act next.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from viewflow.workflow.status import STATUS

from casework.models import ObjectionCase, User
from casework.permissions import lifting_actor_may, objection_actor_may
from casework.services import objections as services
from workflows.flows import ObjectionFlow
from workflows.models import ObjectionProcess

# API/URL action name → (service, the keyword arguments it takes from the payload)
ACTIONS = {
    "accept": (services.objection_accept, ()),
    "reject": (services.objection_reject, ("reason", "explanation")),
    "request-materials": (services.objection_request_materials, ("materials",)),
    "supply-materials": (services.objection_supply_materials, ("files", "note")),
    "decide": (services.objection_decide, ("outcome", "reasons", "findings", "correction", "revoke")),
    "reply": (services.objection_reply, ()),
    "confirm-lifting": (services.objection_confirm_lifting, ("measure_id",)),
    "confirm-report": (services.objection_confirm_report, ("receipt",)),
    "withdraw": (services.objection_withdraw, ("reason",)),
}
# FSM transition method name → API action name, to tell a user what it may do.
TRANSITION_ACTIONS = {
    "accept": "accept",
    "reject": "reject",
    "request_materials": "request-materials",
    "supply_materials": "supply-materials",
    "decide": "decide",
    "reply": "reply",
    "withdraw": "withdraw",
}
_OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def objection_allowed_actions(case: ObjectionCase, user: User) -> list[str]:
    """The action names (as in URLs) `user` may take on `case` now.

    The FSM transitions the user may take, plus the two follow-up steps that
    are not transitions: confirming the provincial report while it is pending,
    and confirming a measure lifting that waits for the user's department.
    """
    allowed = {
        TRANSITION_ACTIONS[t.name]
        for t in case.get_available_user_status_transitions(user)
        if t.name in TRANSITION_ACTIONS
    }
    report = services.case_platform_report(case)
    if report is not None and report.delivered_at is None and objection_actor_may(user, case, "confirm_report"):
        allowed.add("confirm-report")
    if any(lifting.confirmed_at is None and lifting_actor_may(user, lifting)
           for lifting in services.case_liftings(case)):
        allowed.add("confirm-lifting")
    return [action for action in ACTIONS if action in allowed]


def objection_lodge(*, acting_user: User, **kwargs) -> ObjectionCase:
    """Lodge an objection and open its process (the review task of the handling department)."""
    with _official_language(), transaction.atomic():
        case = services.objection_lodge(acting_user=acting_user, **kwargs)
        ObjectionFlow.start.run(case=case)
    return case


def objection_act(*, case: ObjectionCase, action: str, acting_user: User, payload: dict | None = None):
    """Run `action` on `case` with `payload`; return what the service returns."""
    service, accepted = ACTIONS[action]
    kwargs = {name: value for name, value in (payload or {}).items() if name in accepted}
    with _official_language(), transaction.atomic():
        process = _process(case)
        with ObjectionFlow.lock(process.pk) if process else transaction.atomic():
            result = service(case=case, acting_user=acting_user, **kwargs)
            if process is not None:
                flow_sync(process=process, acting_user=acting_user)
    return result


def _official_language():
    """What a service stores (letter texts, audit reasons, labels) is in the
    official language, whatever language the person's page is in."""
    return translation.override(settings.LANGUAGE_CODE)


def _process(case: ObjectionCase) -> ObjectionProcess | None:
    return ObjectionProcess.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(ObjectionCase), artifact_object_id=case.pk
    ).first()


def process_for(case: ObjectionCase) -> ObjectionProcess | None:
    return _process(case)


def flow_sync(*, process: ObjectionProcess, acting_user: User | None) -> None:
    """Complete every open task the case's status has moved past.

    Completing a task routes the flow again (`route` looks at the status),
    which opens the task for the current state, or ends the process.
    Expects the flow lock held.
    """
    for _ in range(10):  # each pass completes one stale task; a case has at most a few
        case = ObjectionCase.objects.get(pk=process.artifact_object_id)
        wanted = _node_for(case)
        stale = [
            task for task in process.task_set.filter(status__in=_OPEN).order_by("pk")
            if task.flow_task.name not in ("start", wanted)
        ]
        if not stale:
            return
        _complete(stale[0], acting_user)
    raise RuntimeError(f"flow of {process.pk} did not settle")


def _node_for(case: ObjectionCase) -> str:
    """The node `ObjectionFlow.route` would choose for the case now."""
    for node, condition in ObjectionFlow.route._activate_next:  # (node, cond) pairs
        if condition is not None and condition(_Stub(case)):
            return node.name
    return "end"


class _Stub:
    def __init__(self, case):
        self.process = type("P", (), {"artifact": case})()


def _complete(task, acting_user) -> None:
    flow_task = task.flow_task
    activation = flow_task.activation_class(task)
    if flow_task.task_type == "HUMAN":
        if task.status == STATUS.NEW:
            task.owner = acting_user
            task.status = STATUS.ASSIGNED
            task.save(update_fields=["owner", "status"])
            activation = flow_task.activation_class(task)
        activation.start(None)
        activation.execute()
    else:
        flow_task.run(task)


def platform_report_acknowledge(*, report, receipt: str, at, acting_user: User | None = None):
    """The provincial platform acknowledged a report (from the delivery worker).

    Meets the report's deadline and, when the case waited only for this,
    closes it and ends its process.
    """
    with _official_language(), transaction.atomic():
        case = report.case
        process = _process(case) if isinstance(case, ObjectionCase) else None
        with ObjectionFlow.lock(process.pk) if process else transaction.atomic():
            result = services.platform_report_acknowledge(report=report, receipt=receipt, at=at,
                                                          acting_user=acting_user)
            if process is not None:
                flow_sync(process=process, acting_user=acting_user)
    return result
