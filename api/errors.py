"""Domain errors as HTTP answers: the one place where they are mapped.

- NotPermittedError (role or scope)            → 403 {"detail", "code": "not_permitted"}
- TransitionNotAllowedError (not in this state) → 409 {"detail", "code": "transition_not_allowed",
                                                        "allowed_actions": [...]}
- ConcurrentChangeError (someone acted first)   → 409 {"detail", "code": "conflict"}
- any other DomainError / ValidationError       → 400 {"field": ["message"]}, or {"detail"} when it names
                                                  no field
- a busy database (SQLite lock timeout; PostgreSQL serialization failure, deadlock, NOWAIT lock)
                                                → 503 {"detail": "系统繁忙，请稍后重试。", "code": "retry_later"}
                                                  with Retry-After; nothing was saved (casework.busy)
- django-fsm's ConcurrentTransition, should one leak past the services → 409 "conflict" as above

Everything else goes to DRF's own handler (404, 401, its 400s, …).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from casework.busy import BUSY_MESSAGE, RETRY_AFTER_SECONDS, is_lost_race, is_transient_db_error
from casework.errors import ConcurrentChangeError, NotPermittedError, TransitionNotAllowedError


def _messages(exc: DjangoValidationError) -> list[str]:
    return [str(message) for message in exc.messages]


def _field_errors(exc: DjangoValidationError) -> dict:
    if not hasattr(exc, "error_dict"):
        return {"detail": " ".join(_messages(exc)), "code": "invalid"}
    body = {}
    for field, messages in exc.message_dict.items():
        if field == NON_FIELD_ERRORS:
            body["detail"] = " ".join(messages)
        else:
            body[field] = list(messages)
    return body


def _allowed_actions(exc: TransitionNotAllowedError, view) -> list[str]:
    """What the caller may do now: read again from the case when the view can, else from the error."""
    current = getattr(view, "allowed_actions_now", None)
    if current is not None:
        actions = current()
        if actions is not None:
            return actions
    from casework.models import ObjectionCase
    from workflows.actions import action_names_for_transitions

    return action_names_for_transitions(getattr(view, "case_model", None) or ObjectionCase, exc.allowed)


def api_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: domain errors first, then DRF's default."""
    if isinstance(exc, NotPermittedError):
        return Response(
            {"detail": " ".join(_messages(exc)), "code": "not_permitted"}, status=status.HTTP_403_FORBIDDEN
        )
    if isinstance(exc, ConcurrentChangeError):
        return Response(
            {"detail": " ".join(_messages(exc)), "code": "conflict"}, status=status.HTTP_409_CONFLICT
        )
    if is_lost_race(exc):
        return Response(
            {"detail": " ".join(ConcurrentChangeError().messages), "code": "conflict"},
            status=status.HTTP_409_CONFLICT,
        )
    if is_transient_db_error(exc):
        # The service's transaction has rolled back: the same request later is safe to send.
        return Response(
            {"detail": BUSY_MESSAGE, "code": "retry_later"},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if isinstance(exc, TransitionNotAllowedError):
        return Response(
            {
                "detail": " ".join(_messages(exc)),
                "code": "transition_not_allowed",
                "allowed_actions": _allowed_actions(exc, context.get("view")),
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):  # DomainError and the services' model validation
        return Response(_field_errors(exc), status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)
