from django.db import transaction

from casework.errors import DomainError, full_clean_or_raise
from casework.case_kinds import CASE_MODELS
from casework.models import Deadline, Jurisdiction, Subject, SubjectKind, User
from casework.services.audit import audit_write
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
def subject_save(*, subject: Subject, acting_user: User | None) -> Subject:
    """Save an edited subject. If it moved to another jurisdiction, the deadlines of its
    cases move with it: they carry the subject's jurisdiction, which decides which
    supervisors see them (`casework.deadline_parties`). The move is audited on the subject."""
    full_clean_or_raise(subject)
    before = Subject.objects.select_for_update().filter(pk=subject.pk).select_related("jurisdiction").first()
    subject.save()
    if before is not None and before.jurisdiction_id != subject.jurisdiction_id:
        moved = 0
        for model, kind in CASE_MODELS.items():
            cases = model.objects.filter(subject=subject).values("pk")
            moved += Deadline.objects.filter(case_kind=kind.code, case_id__in=cases).update(
                jurisdiction=subject.jurisdiction)
        audit_write(
            target=subject, action="subject_moved", actor=acting_user, from_state=before.jurisdiction.name,
            to_state=subject.jurisdiction.name, reason=f"所属行政区域由{before.jurisdiction.name}改为"
            f"{subject.jurisdiction.name}，其案件的{moved}个期限随之改由新区域的监督人员督办",
            details={"from": before.jurisdiction_id, "to": subject.jurisdiction_id, "deadlines": moved},
        )
    return subject
