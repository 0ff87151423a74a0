"""Reads the API needs beyond casework.selectors."""

from casework.models import ObjectionCase, User
from casework.permissions import lifting_actor_may, objection_actor_may
from casework.services.objections import case_liftings, case_platform_report


def objection_allowed_actions(case: ObjectionCase, user: User) -> list[str]:
    """The action names (as in the URL) `user` may take on `case` now.

    The FSM transitions the user may take, plus the two follow-up steps that
    are not transitions: confirming the provincial report while it is pending,
    and confirming a measure lifting that is waiting for the user's department.
    """
    from workflows.objection_actions import ACTIONS, TRANSITION_ACTIONS

    allowed = {
        TRANSITION_ACTIONS[t.name]
        for t in case.get_available_user_status_transitions(user)
        if t.name in TRANSITION_ACTIONS
    }
    report = case_platform_report(case)
    if (
        report is not None
        and report.delivered_at is None
        and objection_actor_may(user, case, "confirm_report")
    ):
        allowed.add("confirm-report")
    if any(
        lifting.confirmed_at is None and lifting_actor_may(user, lifting) for lifting in case_liftings(case)
    ):
        allowed.add("confirm-lifting")
    return [action for action in ACTIONS if action in allowed]
