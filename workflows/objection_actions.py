"""The entry point for every action on an objection, from any page or the API.

Each action calls one casework service and then brings the case's viewflow
process in line with the new status (`workflows.case_flow`, shared by every
case kind), in one transaction under the flow's lock.
"""

from casework.models import ObjectionCase, User
from casework.permissions import lifting_actor_may, objection_actor_may
from casework.services import followup
from casework.services import objections as services
from workflows.case_flow import case_act, case_start, process_for
from workflows.flows import ObjectionFlow

__all__ = ["objection_act", "objection_allowed_actions", "objection_lodge", "platform_report_acknowledge",
           "process_for"]

_UNREAD = object()

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


def objection_allowed_actions(case: ObjectionCase, user: User, *, report=_UNREAD, liftings=_UNREAD) -> list[str]:
    """The action names (as in URLs) `user` may take on `case` now.

    The FSM transitions the user may take, plus the two follow-up steps that
    are not transitions: confirming the provincial report while it is pending,
    and confirming a measure lifting that waits for the user's department.
    `report` and `liftings`, when the caller has read them already, save reading them again.
    """
    report = services.case_platform_report(case) if report is _UNREAD else report
    liftings = services.case_liftings(case) if liftings is _UNREAD else liftings
    allowed = {
        TRANSITION_ACTIONS[t.name]
        for t in case.get_available_user_status_transitions(user)
        if t.name in TRANSITION_ACTIONS
    }
    if report is not None and report.delivered_at is None and objection_actor_may(user, case, "confirm_report"):
        allowed.add("confirm-report")
    if any(lifting.confirmed_at is None and lifting_actor_may(user, lifting)
           for lifting in liftings):
        allowed.add("confirm-lifting")
    return [action for action in ACTIONS if action in allowed]


def objection_lodge(*, acting_user: User, **kwargs) -> ObjectionCase:
    """Lodge an objection and open its process (the review task of the handling department)."""
    return case_start(ObjectionFlow, services.objection_lodge, acting_user=acting_user, **kwargs)


def objection_act(*, case: ObjectionCase, action: str, acting_user: User, payload: dict | None = None):
    """Run `action` on `case` with `payload`; return what the service returns."""
    service, accepted = ACTIONS[action]
    kwargs = {name: value for name, value in (payload or {}).items() if name in accepted}
    return case_act(ObjectionFlow, case=case, service=service, acting_user=acting_user, kwargs=kwargs)


def platform_report_acknowledge(*, report, receipt: str, at, acting_user: User | None = None):
    """The provincial platform acknowledged a report (from the delivery worker), whatever its case kind.

    Meets the report's deadline and, when the case waited only for this,
    closes it and ends its process.
    """
    from workflows.flows import flow_for_case

    case = report.case
    flow_class = flow_for_case(case)

    def acknowledge(*, case, acting_user):
        return followup.platform_report_acknowledge(report=report, receipt=receipt, at=at, acting_user=acting_user)

    return case_act(flow_class, case=case, service=acknowledge, acting_user=acting_user, kwargs={})
