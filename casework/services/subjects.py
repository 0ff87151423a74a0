from django.db import transaction

from casework.errors import DomainError, full_clean_or_raise
from casework.deadline_parties import CASE_KIND_OF
from casework.models import Deadline, Jurisdiction, Subject, SubjectKind
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


@transaction.atomic
def subject_save(*, subject: Subject) -> Subject:
    """Save an edited subject. If it moved to another jurisdiction, the deadlines of its
    cases move with it: they carry the subject's jurisdiction, which decides which
    supervisors see them (`casework.deadline_parties`)."""
    full_clean_or_raise(subject)
    before = Subject.objects.select_for_update().filter(pk=subject.pk).values_list("jurisdiction_id", flat=True).first()
    subject.save()
    if before is not None and before != subject.jurisdiction_id:
        for model, case_kind in CASE_KIND_OF.items():
            cases = model.objects.filter(subject=subject).values("pk")
            Deadline.objects.filter(case_kind=case_kind, case_id__in=cases).update(jurisdiction=subject.jurisdiction)
    return subject
