"""The entry point for every action on a credit repair application, from any page or the API."""

from casework.models import RepairCase, User
from casework.permissions import lifting_actor_may, repair_actor_may
from casework.services import followup
from casework.services import repairs as services
from workflows.case_flow import case_act, case_start
from workflows.flows import RepairFlow

# API/URL action name → (service, the keyword arguments it takes from the payload)
ACTIONS = {
    "request-materials": (services.repair_request_materials, ("materials",)),
    "supply-materials": (services.repair_supply_materials, ("files", "note")),
    "decide": (services.repair_decide, ("approved", "reasons", "findings", "decisions")),
    "confirm-lifting": (services.repair_confirm_lifting, ("measure_id",)),
    "confirm-report": (services.repair_confirm_report, ("receipt",)),
    "withdraw": (services.repair_withdraw, ("reason",)),
}
TRANSITION_ACTIONS = {
    "request_materials": "request-materials",
    "supply_materials": "supply-materials",
    "decide": "decide",
    "withdraw": "withdraw",
}


def repair_allowed_actions(case: RepairCase, user: User) -> list[str]:
    """The action names (as in URLs) `user` may take on `case` now."""
    allowed = {
        TRANSITION_ACTIONS[t.name]
        for t in case.get_available_user_status_transitions(user)
        if t.name in TRANSITION_ACTIONS
    }
    report = followup.case_platform_report(case)
    if report is not None and report.delivered_at is None and repair_actor_may(user, case, "confirm_report"):
        allowed.add("confirm-report")
    if any(lifting.confirmed_at is None and lifting_actor_may(user, lifting)
           for lifting in followup.case_liftings(case)):
        allowed.add("confirm-lifting")
    return [action for action in ACTIONS if action in allowed]


def repair_apply(*, acting_user: User, **kwargs) -> RepairCase:
    """Apply for credit repair and open its process (the review task of the determining department)."""
    return case_start(RepairFlow, services.repair_apply, acting_user=acting_user, **kwargs)


def repair_act(*, case: RepairCase, action: str, acting_user: User, payload: dict | None = None):
    """Run `action` on `case` with `payload`; return what the service returns."""
    service, accepted = ACTIONS[action]
    kwargs = {name: value for name, value in (payload or {}).items() if name in accepted}
    return case_act(RepairFlow, case=case, service=service, acting_user=acting_user, kwargs=kwargs)
