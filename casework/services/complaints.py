"""Complaints about a government body's dishonest conduct (投诉举报, seed 二(七)).

Anyone lodges one without an account; it goes to the supervisor office of the body's
jurisdiction, which accepts it or not within `complaint_acceptance_working_days`, may
transfer it to the competent department with a time limit, records the findings and
answers. Every function is one write: atomic, case row locked, FSM transition, audit
row, deadlines, letters after commit.

The complainant's name and contact go into no letter, audit row or deadline: the letters
are addressed to 投诉人 and the transfer notice names only the body and the facts, so
whoever sees a complaint's letters or history learns nothing of who made it.
"""

import datetime
import hashlib
import re
import secrets
import unicodedata

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from calendars import clock
from casework.classification import refuse_classified
from casework.errors import DomainError
from casework.evidence import check_upload_count, display_name, inspect_upload, stored_name
from casework.limits import LONG_TEXT_MAX, PERSON_NAME_MAX, limit, text_check
from casework.models import ComplaintCase, ComplaintEvidence, ComplaintStatus, CreditRecord, Department, User
from casework.models.complaints import CONTACT_MAX
from casework.models.deadlines import DeadlineKind
from casework.permissions import complaint_actor_may
from casework.services import deadlines as deadline_services
from casework.services import followup
from casework.services.audit import audit_write
from casework.services.case_letters import case_letter_issue
from casework.services.free_text import optional_text, required_text
from casework.services.numbering import number_next
from casework.services.receipts import case_lookup_url
from casework.services.tallies import case_tally
from casework.services.transitions import ensure_can, lock_case, transit

NUMBER_PREFIX = "TS"
RECEIPT_CASE_KIND = "政务失信投诉"
# Who the letters are addressed to: never the complainant's name (see the module's docstring).
COMPLAINANT = "投诉人"
# No 0/O, 1/I/L: the code is read off paper and typed again.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LOOKUP_CODE_LENGTH = 12
_SPACE_AND_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


def complaint_office_for(subject) -> Department | None:
    """The supervisor office of `subject`'s jurisdiction, or of the nearest one above it that has one."""
    jurisdiction = subject.jurisdiction
    while jurisdiction is not None:
        office = (Department.objects.filter(jurisdiction=jurisdiction, is_supervisor_office=True)
                  .order_by("id").first())
        if office is not None:
            return office
        jurisdiction = jurisdiction.parent
    return None


def normalised_text(text: str) -> str:
    """What a duplicate is compared on: full-width folded, case, spaces and punctuation gone."""
    return _SPACE_AND_PUNCTUATION.sub("", unicodedata.normalize("NFKC", text or "").casefold())


def complaint_fingerprint(*, subject_id: int, facts: str) -> str:
    return hashlib.sha256(f"{subject_id}:{normalised_text(facts)}".encode()).hexdigest()


def lookup_code_new() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(LOOKUP_CODE_LENGTH))


def complaint_lookup_matches(case: ComplaintCase, code: str) -> bool:
    """Whether `code` (as typed) is `case`'s lookup code."""
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    return bool(code) and check_password(code, case.lookup_code_hash)


def _earlier_duplicate(*, fingerprint: str, received_on: datetime.date) -> ComplaintCase | None:
    since = received_on - datetime.timedelta(days=limit("complaint_duplicate_window_days"))
    return (ComplaintCase.objects.filter(fingerprint=fingerprint, received_on__gte=since, duplicate_of__isnull=True)
            .order_by("received_at", "id").first())


@transaction.atomic
def complaint_lodge(*, subject, facts: str, occurred_on: datetime.date, complainant_name: str = "",
                    complainant_contact: str = "", files=(), acting_user: User | None = None) -> ComplaintCase:
    """Receive a complaint about `subject` and return it, its lookup code as `case.lookup_code`
    (no field: the code is shown once, only its hash is stored).

    The same body and text within the duplicate window is kept and marked as a duplicate
    of the first complaint, so nothing is lost and the office sees both.
    """
    text_check(facts=(facts, LONG_TEXT_MAX), complainant_name=(complainant_name, PERSON_NAME_MAX),
               complainant_contact=(complainant_contact, CONTACT_MAX))
    facts = (facts or "").strip()
    if len(facts) < 10:
        raise DomainError({"facts": "请写明投诉的政务失信行为（不少于10个字）。"})
    now = clock.now()
    today = clock.beijing_date(now)
    if occurred_on is None or occurred_on > today:
        raise DomainError({"occurred_on": "发生日期不能晚于今天。"})
    refuse_classified(texts={"facts": facts})
    uploads = list(files)
    check_upload_count(uploads)
    inspected = [(upload, *inspect_upload(upload)) for upload in uploads]
    office = complaint_office_for(subject)
    if office is None:
        raise DomainError({"subject": "该主体所在地区尚未设立社会信用体系建设联席会议办公室，暂不能受理。"})
    fingerprint = complaint_fingerprint(subject_id=subject.pk, facts=facts)
    code = lookup_code_new()
    case = ComplaintCase.objects.create(
        number=number_next(prefix=NUMBER_PREFIX, year=today.year), subject=subject, handling_office=office,
        facts=facts, occurred_on=occurred_on, complainant_name=(complainant_name or "").strip(),
        complainant_contact=(complainant_contact or "").strip(), lookup_code_hash=make_password(code),
        fingerprint=fingerprint, duplicate_of=_earlier_duplicate(fingerprint=fingerprint, received_on=today),
        received_at=now, received_on=today,
    )
    case_tally(case, before=None, after=case.status)
    for upload, content_type, size, sha256 in inspected:
        ComplaintEvidence.objects.create(
            complaint=case, file=_named(upload, content_type, sha256), original_name=display_name(upload.name),
            content_type=content_type, size=size, sha256=sha256,
        )
    audit_write(target=case, action="lodge", actor=acting_user, to_state=case.status,
                details={"files": len(inspected), "anonymous": case.is_anonymous,
                         "duplicate_of": case.duplicate_of.number if case.duplicate_of else None})
    deadline = deadline_services.deadline_create(
        owner=case, kind=DeadlineKind.COMPLAINT_ACCEPTANCE, start=today,
        working_days=limit("complaint_acceptance_working_days"), acting_user=acting_user,
    )
    _receipt(case, deadline=deadline, acting_user=acting_user)
    case.lookup_code = code
    return case


def _named(upload, content_type, sha256):
    from django.core.files import File

    return File(upload, name=stored_name(content_type=content_type, sha256=sha256))


def _receipt(case, *, deadline, acting_user):
    due_basis = (f"自{deadline.start_date:%Y年%-m月%-d日}的次日起算{deadline.working_days}个工作日"
                 "（投诉受理审查期限）")
    case_letter_issue(
        case=case, department=case.handling_office, kind="receipt", addressee=COMPLAINANT,
        context={"case_number": case.number, "case_kind": RECEIPT_CASE_KIND, "subject_name": case.subject.name,
                 "received_on": deadline.start_date.isoformat(), "due_on": deadline.due_date.isoformat(),
                 "due_basis": due_basis, "lookup_url": case_lookup_url(case), "due_label": "受理审查"},
        acting_user=acting_user,
    )
    deadline_services.deadline_state_in_letter(deadline=deadline, acting_user=acting_user)



@transaction.atomic
def complaint_accept(*, case: ComplaintCase, reason: str = "", acting_user: User) -> ComplaintCase:
    """Accept the complaint for handling (受理)."""
    reason = optional_text(reason, "reason")
    case = lock_case(case)
    transit(case, "accept", acting_user=acting_user, reason=reason, opinion=reason)
    followup.meet(case, DeadlineKind.COMPLAINT_ACCEPTANCE, acting_user)
    return case


@transaction.atomic
def complaint_not_accept(*, case: ComplaintCase, reason: str, acting_user: User) -> ComplaintCase:
    """Decline the complaint (不予受理) with the reason, kept for the complainant's lookup."""
    reason = required_text(reason, "reason", "请写明不予受理的理由。")
    case = lock_case(case)
    transit(case, "not_accept", acting_user=acting_user, reason=reason, opinion=reason, at=clock.now())
    followup.meet(case, DeadlineKind.COMPLAINT_ACCEPTANCE, acting_user)
    _answer_letter(case, answer=reason, accepted=False, acting_user=acting_user)
    return case


@transaction.atomic
def complaint_transfer(*, case: ComplaintCase, department_id: int, requirements: str,
                       working_days: int | None = None, acting_user: User) -> ComplaintCase:
    """Transfer the complaint to the competent department (转办) with a time limit and the 转办函.

    The notice names the body and the facts, never the complainant."""
    requirements = required_text(requirements, "requirements", "请写明转办要求。", LONG_TEXT_MAX)
    department = Department.objects.filter(pk=department_id).first()
    if department is None or department.pk == case.handling_office_id:
        raise DomainError({"department_id": "请选择承办的主管部门。"})
    case = lock_case(case)
    ensure_can(case, "transfer", acting_user=acting_user)
    if not department.jurisdiction.path.startswith(case.handling_office.jurisdiction.path):
        raise DomainError({"department_id": "只能转办本地区的部门。"})
    working_days = working_days or limit("complaint_transfer_working_days")
    transit(case, "transfer", acting_user=acting_user, reason=requirements[:200],
            details={"department": department.name, "working_days": working_days},
            department=department, requirements=requirements)
    today = clock.today()
    deadline = deadline_services.deadline_create(owner=case, kind=DeadlineKind.COMPLAINT_HANDLING, start=today,
                                                 working_days=working_days, acting_user=acting_user)
    case_letter_issue(
        case=case, department=case.handling_office, kind="complaint_transfer", addressee=department.name,
        context={"case_number": case.number, "subject_name": case.subject.name, "received_on": case.received_on,
                 "occurred_on": case.occurred_on, "facts": case.facts, "requirements": requirements,
                 "deadline_on": deadline.due_date.isoformat()},
        acting_user=acting_user,
    )
    deadline_services.deadline_state_in_letter(deadline=deadline, acting_user=acting_user)
    return case


@transaction.atomic
def complaint_record_findings(*, case: ComplaintCase, findings: str, acting_user: User) -> ComplaintCase:
    """Record what was found (by the office, or by the department it was transferred to)."""
    findings = required_text(findings, "findings", "请写明调查核实情况。", LONG_TEXT_MAX)
    case = lock_case(case)
    transit(case, "record_findings", acting_user=acting_user, reason=findings[:200], findings=findings)
    followup.meet(case, DeadlineKind.COMPLAINT_HANDLING, acting_user)
    return case


@transaction.atomic
def complaint_answer(*, case: ComplaintCase, answer: str, acting_user: User) -> ComplaintCase:
    """Answer the complaint: a letter to the complainant where a contact was given; an anonymous
    complaint ends here, its answer kept for the lookup."""
    answer = required_text(answer, "answer", "请填写答复意见。", LONG_TEXT_MAX)
    case = lock_case(case)
    if case.complainant_contact:
        transit(case, "answer_complainant", acting_user=acting_user, reason=answer[:200], answer=answer)
    else:
        transit(case, "answer_and_close", acting_user=acting_user, reason=answer[:200], answer=answer,
                at=clock.now())
    _answer_letter(case, answer=answer, accepted=True, acting_user=acting_user)
    return case


def _answer_letter(case, *, answer: str, accepted: bool, acting_user):
    context = {"case_number": case.number, "subject_name": case.subject.name, "received_on": case.received_on,
               "accepted": accepted, "answer": answer}
    if accepted and case.findings:
        context["findings"] = case.findings
    case_letter_issue(case=case, department=case.handling_office, kind="complaint_answer", addressee=COMPLAINANT,
                      context=context, acting_user=acting_user)


@transaction.atomic
def complaint_close(*, case: ComplaintCase, acting_user: User) -> ComplaintCase:
    """Close an answered complaint (办结)."""
    case = lock_case(case)
    transit(case, "close", acting_user=acting_user, at=clock.now())
    return case


@transaction.atomic
def complaint_link(*, case: ComplaintCase, record_number: str = "", rectification_number: str = "",
                   acting_user: User) -> ComplaintCase:
    """Link the dishonesty record or rectification order the complaint led to (shown on both pages)."""
    from casework.models import RecordKind, RectificationCase

    record_number, rectification_number = (record_number or "").strip(), (rectification_number or "").strip()
    if not record_number and not rectification_number:
        raise DomainError({"record_number": "请填写失信记录编号或整改编号。"})
    case = ComplaintCase.objects.select_for_update().get(pk=case.pk)
    if not complaint_actor_may(acting_user, case, "link"):
        from casework.errors import NotPermittedError

        raise NotPermittedError("只有办理该投诉的联席会议办公室可以关联处理结果。")
    if case.status in (ComplaintStatus.RECEIVED, ComplaintStatus.NOT_ACCEPTED):
        raise DomainError({"record_number": "投诉受理后才能关联处理结果。"})
    linked = {}
    if record_number:
        record = CreditRecord.objects.filter(number=record_number, subject_id=case.subject_id,
                                             kind=RecordKind.DISHONESTY).first()
        if record is None:
            raise DomainError({"record_number": "没有找到被投诉主体的该政务失信记录。"})
        case.records.add(record)
        linked["record"] = record.number
    if rectification_number:
        rectification = RectificationCase.objects.filter(number=rectification_number,
                                                         subject_id=case.subject_id).first()
        if rectification is None:
            raise DomainError({"rectification_number": "没有找到对被投诉主体下达的该整改。"})
        case.rectifications.add(rectification)
        linked["rectification"] = rectification.number
    audit_write(target=case, action="link", actor=acting_user, details=linked,
                reason="；".join(linked.values()))
    return case
