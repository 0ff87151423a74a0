from django.core.exceptions import ValidationError


class LetterError(ValidationError):
    """A letters error the user can act on, with its message in Chinese.

    `letters` may not import `casework`, so it has its own type rather than
    `casework.errors.DomainError`; both are ValidationErrors, so forms and the
    API show either the same way. Programming errors (an unknown kind, a
    missing context key, a change to an issued letter) stay ValueError and
    `letters.models.LetterFrozenError`.
    """
