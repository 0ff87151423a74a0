"""The one way a case changes state: lock, check, transition, save, audit.

Used by every case service. It expects to run inside the service's
transaction (it opens a savepoint-free atomic block of its own only to be
safe when called alone).
"""

from django.db import transaction
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from casework.errors import ConcurrentChangeError, NotPermittedError, TransitionNotAllowedError
from casework.models import User
from casework.services.audit import audit_write
from casework.services.tallies import case_tally


def lock_case(case, *, expected_status: str | None = None):
    """Return the case re-read under a row lock.

    If the caller loaded it in another state, someone acted in between: the
    caller must reload rather than act on what it no longer sees.
    """
    locked = type(case).objects.select_for_update().get(pk=case.pk)
    expected = case.status if expected_status is None else expected_status
    if locked.status != expected:
        raise ConcurrentChangeError()
    return locked


def allowed_actions(case, user: User) -> list[str]:
    """The transitions `user` may take on `case` now, as method names."""
    if user is None or not user.is_authenticated:
        return []
    return sorted(t.name for t in case.get_available_user_status_transitions(user))


def ensure_can(case, name: str, *, acting_user: User | None) -> None:
    """Raise unless `acting_user` may run transition `name` on `case` as it is now.

    For services that validate their input against the case: the state and
    the permission are told first, before what was wrong with the input.
    """
    method = getattr(case, name)
    if not can_proceed(method, check_conditions=False):
        raise TransitionNotAllowedError(
            f"案件当前状态为“{case.get_status_display()}”，不能执行此操作。",
            allowed=allowed_actions(case, acting_user),
        )
    if acting_user is not None and not has_transition_perm(method, acting_user):
        raise NotPermittedError("您无权对该案件执行此操作。")
    if not can_proceed(method):
        raise TransitionNotAllowedError(
            "该操作的前提条件尚未满足。", allowed=allowed_actions(case, acting_user)
        )


def transit(case, name: str, *, acting_user: User | None, reason: str = "", details: dict | None = None, **kwargs):
    """Run transition `name` on a locked `case`, save it and write the audit row.

    `acting_user=None` is the system (an automatic close); its transitions
    carry no permission of their own.
    """
    ensure_can(case, name, acting_user=acting_user)
    method = getattr(case, name)
    before = case.status
    method(**kwargs)
    try:
        with transaction.atomic():
            case.save()
    except ConcurrentTransition:
        raise ConcurrentChangeError() from None
    case_tally(case, before=before, after=case.status)
    audit_write(
        target=case, action=name, actor=acting_user, from_state=before, to_state=case.status,
        reason=reason, details=details,
    )
    return case
