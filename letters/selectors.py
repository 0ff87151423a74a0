"""Reads of letters."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from letters.codes import code_normalise
from letters.models import Letter


def letters_about(obj) -> QuerySet[Letter]:
    """The letters issued about `obj` (any model instance), oldest first, newest last."""
    return Letter.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).order_by("created_at", "pk")


def letter_by_code(code: str) -> Letter | None:
    """The letter with this verification code (typed forgivingly: see letters.codes), or None."""
    code = code_normalise(code)
    if code is None:
        return None
    return Letter.objects.filter(verification_code=code).first()


def letter_by_sha256(digest: str) -> Letter | None:
    """The letter whose archived PDF has this SHA-256, or None."""
    if not digest:
        return None
    return Letter.objects.filter(sha256=digest.lower()).first()
