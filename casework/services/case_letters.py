"""Issuing a case's letters through `letters`, which knows no case model.

Here a department becomes the plain `Issuer` the letter service wants.
"""

from letters.services import Issuer, letter_issue, seal_reference

from casework.models import Department, User
from casework.services.letter_parties import issuer_check, letter_parties


def department_issuer(department: Department) -> Issuer:
    prefix = department.document_prefix or f"{department.name[:2]}信"
    # Not .path: object storage (S3) has none; letters reads a stored seal through the storage.
    seal = seal_reference(department.seal_image)
    return Issuer(key=f"department:{department.pk}", name=department.name, number_prefix=prefix, seal_path=seal)


def case_letter_issue(*, case, department: Department, kind: str, addressee: str, context: dict,
                      acting_user: User | None, cc=()):
    """Issue a letter about `case`; call inside the case service's transaction.

    The subject's kind, the remedy bodies and the department's contact are added
    here, once for every kind; a key the caller gives wins.
    """
    issuer_check(department=department, kind=kind)
    context = {**letter_parties(subject=getattr(case, "subject", None), department=department), **context}
    return letter_issue(
        issuer=department_issuer(department), kind=kind, addressee=addressee, context=context, about=case,
        acting_user=acting_user, cc=cc,
    )
