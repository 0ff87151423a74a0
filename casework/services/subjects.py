from django.db import transaction

from casework.errors import DomainError, full_clean_or_raise
from casework.models import Jurisdiction, Subject, SubjectKind
from casework.uscc import normalize_uscc


@transaction.atomic
def subject_create(
    *,
    kind: str,
    name: str,
    jurisdiction: Jurisdiction,
    uscc: str | None = None,
    employer: Subject | None = None,
) -> Subject:
    """Register a government subject.

    Organisations must carry a valid unified social credit code (the check
    character is verified); a civil servant needs the organisation employing it.
    """
    if kind == SubjectKind.CIVIL_SERVANT:
        if employer is None:
            raise DomainError({"employer": "公务员须填写所在单位。"})
        if employer.kind == SubjectKind.CIVIL_SERVANT:
            raise DomainError({"employer": "所在单位应为机关或事业单位，不能是公务员。"})
        uscc = None
    elif not uscc:
        raise DomainError({"uscc": "机关、部门和事业单位须填写统一社会信用代码。"})
    subject = Subject(
        kind=kind,
        name=name.strip(),
        jurisdiction=jurisdiction,
        uscc=normalize_uscc(uscc) if uscc else None,
        employer=employer,
    )
    full_clean_or_raise(subject)
    subject.save()
    return subject
