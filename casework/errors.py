from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """An error the user can act on, with its message in Chinese.

    A subclass of ValidationError so that forms, the admin and the API show it
    next to the field it names (pass a dict) or at the top of the form.
    """
