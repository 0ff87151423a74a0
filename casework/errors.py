from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """An error the user can act on, with its message in Chinese.

    A subclass of ValidationError so that forms, the admin and the API show it
    next to the field it names (pass a dict) or at the top of the form.
    """


def as_domain_error(exc: ValidationError) -> DomainError:
    """Re-raise a model or validator error as the domain's own type."""
    return DomainError(exc.error_dict if hasattr(exc, "error_dict") else exc.error_list)


def full_clean_or_raise(instance, *, exclude=None) -> None:
    """`instance.full_clean()`, failing with a DomainError the UI can show."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise as_domain_error(exc) from None


class NotPermittedError(DomainError):
    """The user's role or scope does not allow this action on this case (HTTP 403)."""


class TransitionNotAllowedError(DomainError):
    """The action is not possible in the case's current state (HTTP 409).

    `allowed` lists what the user may do now instead.
    """

    def __init__(self, message, *, allowed=()):
        super().__init__(message)
        self.allowed = list(allowed)


class ConcurrentChangeError(DomainError):
    """Someone else changed the case since the user loaded it (HTTP 409)."""

    def __init__(self, message="案件已被他人处理，状态已变化，请刷新页面后重试。"):
        super().__init__(message)


def form_add_errors(form, exc: ValidationError) -> None:
    """Show a domain error on a form: next to the field it names, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
