"""The entry point for every action on a rectification order, from any page or the API.

The supervisor office orders (which starts the case's process); the government
submits its written explanation (first), plan, progress and completion report;
the office records accountability and accepts or returns the rectification.
Each action calls one casework service and brings the flow in line
(`workflows.case_flow`).
"""

from functools import partial

from casework.models import RectificationCase, RectificationStatus, SubmissionKind, User
from casework.permissions import rectification_actor_may
from casework.services import rectifications as services
from workflows.case_flow import case_act, case_start
from workflows.flows import RectificationFlow


def _submit(kind):
    service = partial(services.rectification_submit, kind=kind)
    service.__name__ = f"rectification_submit_{kind}"
    return service


# API/URL action name → (service, the keyword arguments it takes from the payload)
ACTIONS = {
    "submit-explanation": (_submit(SubmissionKind.EXPLANATION), ("text", "files")),
    "submit-plan": (_submit(SubmissionKind.PLAN), ("text", "files")),
    "submit-progress": (_submit(SubmissionKind.PROGRESS), ("text", "files")),
    "submit-completion": (_submit(SubmissionKind.COMPLETION), ("text", "files")),
    "record-accountability": (services.rectification_record_accountability, ("person", "position", "action_taken")),
    "return": (services.rectification_return, ("reasons", "new_limit_date")),
    "accept": (services.rectification_accept, ("opinion",)),
}
SUBMIT_ACTIONS = {
    SubmissionKind.EXPLANATION: "submit-explanation",
    SubmissionKind.PLAN: "submit-plan",
    SubmissionKind.PROGRESS: "submit-progress",
    SubmissionKind.COMPLETION: "submit-completion",
}
# FSM transition method name → API action name, to tell a user what it may do.
TRANSITION_ACTIONS = {
    "explain": "submit-explanation",
    "accept": "accept",
    "return_for_rework": "return",
}


def rectification_allowed_actions(case: RectificationCase, user: User) -> list[str]:
    """The action names (as in URLs) `user` may take on `case` now.

    The transitions, plus the submissions that do not change the state (plan,
    progress) and the completion report once a plan is in, and accountability,
    which the office records at any time before acceptance.
    """
    allowed = {
        TRANSITION_ACTIONS[t.name]
        for t in case.get_available_user_status_transitions(user)
        if t.name in TRANSITION_ACTIONS
    }
    if case.status == RectificationStatus.RECTIFYING and rectification_actor_may(user, case, "submit_plan"):
        allowed |= {"submit-plan", "submit-progress"}
        if case.submissions.filter(kind=SubmissionKind.PLAN).exists():
            allowed.add("submit-completion")
    if case.status != RectificationStatus.ACCEPTED and rectification_actor_may(user, case, "record_accountability"):
        allowed.add("record-accountability")
    return [action for action in ACTIONS if action in allowed]


def rectification_order(*, acting_user: User, **kwargs) -> RectificationCase:
    """Order a government to rectify and open the case's process (the government's turn)."""
    return case_start(RectificationFlow, services.rectification_order, acting_user=acting_user, **kwargs)


def rectification_act(*, case: RectificationCase, action: str, acting_user: User, payload: dict | None = None):
    """Run `action` on `case` with `payload`; return what the service returns."""
    service, accepted = ACTIONS[action]
    kwargs = {name: value for name, value in (payload or {}).items() if name in accepted}
    return case_act(RectificationFlow, case=case, service=service, acting_user=acting_user, kwargs=kwargs)
