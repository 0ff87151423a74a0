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
