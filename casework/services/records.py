import datetime

from django.db import transaction

from casework.classification import Classification, refuse_classified, refuse_resident_ids
from casework.errors import DomainError, full_clean_or_raise
from casework.models import CreditRecord, Department, PunishmentMeasure, RecordStatus, Subject, User
from casework.services.audit import audit_write
from casework.services.numbering import number_next
from casework.services.repair_notices import repair_notice_issue


@transaction.atomic
def credit_record_create(
    *,
    subject: Subject,
    kind: str,
    key_area: str,
    determined_by: Department,
    platform_level: str,
    facts: str,
    legal_basis: str,
    determined_on: datetime.date,
    severity: str,
    classification: str = Classification.NONE,
    is_published: bool = False,
    published_on: datetime.date | None = None,
    acting_user: User | None = None,
) -> CreditRecord:
    """Enter a record into a subject's credit file.

    Classified content is refused before anything is written (seed 二(十):
    涉及国家秘密的信息不得归集): the record, its number and its text are not kept.
    The facts and legal basis are published, so a full resident ID number in
    them is refused too (masked numbers pass). A record published at entry
    is published from `published_on`, by default its day of determination
    (the determining department publishes with its decision). A dishonesty
    record gets its repair notice (信用修复告知书) in the same transaction (两书同达).
    """
    refuse_classified(classification=classification, texts={"facts": facts, "legal_basis": legal_basis})
    refuse_resident_ids(texts={"facts": facts, "legal_basis": legal_basis})
    if not determined_by.is_determining:
        raise DomainError({"determined_by": f"“{determined_by}”不是认定部门，不能认定信用记录。"})
    record = CreditRecord(
        number="pending",
        subject=subject,
        kind=kind,
        key_area=key_area,
        determined_by=determined_by,
        platform_level=platform_level,
        facts=facts.strip(),
        legal_basis=legal_basis.strip(),
        determined_on=determined_on,
        severity=severity,
        is_published=is_published,
        published_on=(published_on or determined_on) if is_published else None,
    )
    full_clean_or_raise(record, exclude=["status", "number"])
    record.number = number_next(prefix="XY", year=determined_on.year)
    record.save()
    audit_write(target=record, action="record_created", actor=acting_user, to_state=record.status)
    repair_notice_issue(record=record, acting_user=acting_user)
    return record


@transaction.atomic
def punishment_measure_impose(
    *,
    record: CreditRecord,
    imposed_by: Department,
    kind: str,
    imposed_on: datetime.date,
    description: str = "",
    acting_user: User | None = None,
) -> PunishmentMeasure:
    """Record a measure a department imposed because of `record` (joint punishment)."""
    if record.status != RecordStatus.ACTIVE:
        raise DomainError(f"信用记录{record.number}当前状态为“{record.get_status_display()}”，不能新增惩戒措施。")
    if imposed_on < record.determined_on:
        raise DomainError({"imposed_on": "惩戒措施的实施日期不能早于信用记录的认定日期。"})
    refuse_classified(texts={"description": description})
    measure = PunishmentMeasure(
        record=record, imposed_by=imposed_by, kind=kind, imposed_on=imposed_on, description=description.strip()
    )
    full_clean_or_raise(measure, exclude=["status"])
    measure.save()
    audit_write(
        target=record, action="measure_imposed", actor=acting_user,
        details={"measure_id": measure.pk, "kind": measure.kind, "imposed_by": measure.imposed_by.name},
    )
    return measure
