"""Free text a handler writes into a decision (reasons, findings, an answer): bounded in
length, stripped, and refused when it carries a classification mark. One rule for every
case kind's services, so a reason is checked the same way whichever kind it explains."""

from casework.classification import refuse_classified
from casework.errors import DomainError
from casework.limits import SHORT_TEXT_MAX, text_check


def optional_text(value: str, field: str, max_length: int = SHORT_TEXT_MAX) -> str:
    """`value` stripped ("" when empty), after the length and classification checks."""
    text_check(**{field: (value, max_length)})
    value = (value or "").strip()
    refuse_classified(texts={field: value})
    return value


def required_text(value: str, field: str, message: str, max_length: int = SHORT_TEXT_MAX) -> str:
    """As `optional_text`, and `message` (an error on `field`) when nothing is written."""
    value = optional_text(value, field, max_length)
    if not value:
        raise DomainError({field: message})
    return value
