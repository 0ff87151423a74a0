"""Issuing a case's letters through `letters`, which knows no case model.

Here a department becomes the plain `Issuer` the letter service wants.
"""

import contextlib
import contextvars
import dataclasses

from letters.services import Issuer, letter_issue, seal_reference

from casework.models import Department, User
from casework.services.letter_parties import issuer_check, letter_parties


def department_issuer(department: Department) -> Issuer:
    prefix = department.document_prefix or f"{department.name[:2]}信"
    # Not .path: object storage (S3) has none; letters reads a stored seal through the storage.
    seal = seal_reference(department.seal_image)
    return Issuer(key=f"department:{department.pk}", name=department.name, number_prefix=prefix, seal_path=seal)


@dataclasses.dataclass(frozen=True)
class CapturedLetter:
    """A letter a service would have issued: what `letters.services.letter_draft_pdf` takes."""

    issuer: Issuer
    kind: str
    addressee: str
    context: dict


_capturing: contextvars.ContextVar[list | None] = contextvars.ContextVar("case_letters_capturing", default=None)


@contextlib.contextmanager
def letters_captured():
    """Within the block, `case_letter_issue` records each letter instead of issuing it.

    For a dry run of a decision (workflows.signoff): the caller runs the service inside a
    transaction it rolls back, and gets the letters exactly as the service would have issued
    them, with no number taken and nothing stored or rendered."""
    captured: list[CapturedLetter] = []
    token = _capturing.set(captured)
    try:
        yield captured
    finally:
        _capturing.reset(token)


def case_letter_issue(*, case, department: Department, kind: str, addressee: str, context: dict,
                      acting_user: User | None, cc=()):
    """Issue a letter about `case`; call inside the case service's transaction.

    The subject's kind, the remedy bodies and the department's contact are added
    here, once for every kind; a key the caller gives wins.
    """
    issuer_check(department=department, kind=kind)
    context = {**letter_parties(subject=getattr(case, "subject", None), department=department), **context}
    captured = _capturing.get()
    if captured is not None:
        captured.append(CapturedLetter(issuer=department_issuer(department), kind=kind, addressee=addressee,
                                       context=context))
        return None
    return letter_issue(
        issuer=department_issuer(department), kind=kind, addressee=addressee, context=context, about=case,
        acting_user=acting_user, cc=cc,
    )
