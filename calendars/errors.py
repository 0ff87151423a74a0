from django.core.exceptions import ValidationError


class CalendarError(ValidationError):
    """A calendar error the user can act on, with its message in Chinese.

    `calendars` may not import `casework`, so it has its own type rather than
    `casework.errors.DomainError`; both are ValidationErrors, so forms and the
    API show either the same way.
    """
