"""Rectification orders (整改), seed 二(九) and DOMAIN rule 7.

A supervisor office orders a government with a dishonesty record in force to
explain in writing and rectify within a time limit; the government explains
(first), plans, reports progress and completion; the office accepts or
returns it. Every function is one write: atomic, case row locked, FSM
transition where the state changes, audit row, deadlines, letters.
"""

import datetime

from django.db import transaction

from calendars.arithmetic import add_working_days, is_working_day, working_days_between
from calendars import clock
from casework.errors import DomainError, NotPermittedError, TransitionNotAllowedError
from casework.limits import BASIS_TEXT_MAX, LIST_TEXT_MAX, LONG_TEXT_MAX, PERSON_NAME_MAX, POSITION_MAX, SUBMISSION_TEXT_MAX, limit, text_check
from casework.models import (
    AccountabilityEntry,
    CreditRecord,
    RecordKind,
    RecordStatus,
    RectificationCase,
    RectificationReturn,
    RectificationStatus,
    RectificationSubmission,
    SubjectKind,
    SubmissionKind,
    User,
)
from casework.classification import refuse_classified
from casework.models.deadlines import DeadlineKind
from casework.permissions import rectification_actor_may, supervisor_office_may_order
from casework.services import deadlines as deadline_services
from casework.services import followup
from casework.services.audit import audit_write
from casework.services.case_letters import case_letter_issue
from casework.services.free_text import required_text
from casework.services.materials import evidence_inspect, evidence_store
from casework.services.numbering import number_next
from casework.services.receipts import case_receipt_issue
from casework.services.tallies import case_tally
from casework.services.transitions import ensure_can, lock_case, transit

# A record still "in force" may be the ground of an order, even while disputed or under repair.
RECORD_IN_FORCE = (RecordStatus.ACTIVE, RecordStatus.UNDER_OBJECTION, RecordStatus.UNDER_REPAIR)
_SUBMISSION_ACTIONS = {
    SubmissionKind.EXPLANATION: "explain",
    SubmissionKind.PLAN: "submit_plan",
    SubmissionKind.PROGRESS: "report_progress",
    SubmissionKind.COMPLETION: "complete",
}


def _lines(text: str) -> list[str]:
    return [line.strip(" -·•\t") for line in (text or "").splitlines() if line.strip(" -·•\t")]


def _working_days_until(start: datetime.date, day: datetime.date) -> int:
    """Working days from the day after `start` to `day`; a `day` that is not a
    working day moves to the next working day (the limit ends on a working day)."""
    if day <= start:
        raise DomainError({"limit_date": "整改期限应晚于下达之日。"})
    days = working_days_between(start, day)
    return days if is_working_day(day) else days + 1


def _start_limit(case, *, start: datetime.date, working_days: int, acting_user: User):
    deadline = deadline_services.deadline_create(
        owner=case, kind=DeadlineKind.RECTIFICATION, start=start, working_days=working_days, acting_user=acting_user,
    )
    deadline_services.deadline_state_in_letter(deadline=deadline, acting_user=acting_user)
    return deadline


def _record_rows(case: RectificationCase) -> list[dict]:
    return [{"number": r.number, "summary": r.facts} for r in case.records.order_by("number")]


@transaction.atomic
def rectification_order(
    *,
    subject,
    records,
    requirements: str,
    limit_date: datetime.date | None = None,
    limit_working_days: int | None = None,
    basis: str = "",
    acting_user: User,
    ordered_at: datetime.datetime | None = None,
) -> RectificationCase:
    """A supervisor office orders a government to rectify (整改通知书).

    The time limit is a date or N working days after the order; neither
    gives the default of the settings. The due date is stated in the letter.
    `ordered_at` is when the order was served, if not now (an order entered
    after it was served on paper).
    """
    text_check(requirements=(requirements, LIST_TEXT_MAX), basis=(basis, BASIS_TEXT_MAX))
    if not supervisor_office_may_order(acting_user, subject):
        raise NotPermittedError("只有本级或上级社会信用体系建设联席会议办公室可以下达整改通知。")
    if subject.kind != SubjectKind.GOVERNMENT:
        raise DomainError({"subject": "整改通知只能下达给政府。"})
    records = list(CreditRecord.objects.select_for_update().filter(pk__in=[r.pk for r in records]))
    if not records:
        raise DomainError({"records": "请选择整改所涉的失信记录。"})
    for record in records:
        if record.subject_id != subject.pk or record.kind != RecordKind.DISHONESTY:
            raise DomainError({"records": f"记录 {record.number} 不是该政府的政务失信记录。"})
        if record.status not in RECORD_IN_FORCE:
            raise DomainError({"records": f"记录 {record.number} 已{record.get_status_display()}，不能据以下达整改。"})
    items = _lines(requirements)
    if not items:
        raise DomainError({"requirements": "请逐行写明整改要求。"})
    refuse_classified(texts={"requirements": requirements, "basis": basis})
    if limit_date is not None and limit_working_days:
        raise DomainError({"limit_date": "整改期限请填写日期或工作日数，二者选一。"})
    now = ordered_at or clock.now()
    if now > clock.now():
        raise DomainError({"ordered_at": "下达时间不能晚于现在。"})
    today = clock.beijing_date(now)
    if limit_date is not None:
        working_days = _working_days_until(today, limit_date)
    else:
        working_days = limit_working_days or limit("rectification_default_working_days")
    case = RectificationCase.objects.create(
        number=number_next(prefix="ZG", year=today.year), subject=subject, supervisor_office=acting_user.department,
        requirements="\n".join(items), basis=(basis or "").strip(), ordered_at=now, ordered_on=today,
        limit_date=limit_date, limit_working_days=None if limit_date else working_days, ordered_by=acting_user,
    )
    case_tally(case, before=None, after=case.status)
    case.records.set(records)
    audit_write(target=case, action="order", actor=acting_user, to_state=case.status,
                details={"records": [r.number for r in records], "working_days": working_days})
    deadline = _start_limit(case, start=today, working_days=working_days, acting_user=acting_user)
    case_letter_issue(
        case=case, department=case.supervisor_office, kind="rectification_order", addressee=subject.name,
        context={"case_number": case.number, "subject_name": subject.name, "records": _record_rows(case),
                 "requirements": items, "deadline_on": deadline.due_date.isoformat(),
                 "explanation_due_on": min(
                     add_working_days(today, limit("rectification_explanation_working_days")), deadline.due_date
                 ).isoformat(),
                 **({"basis": case.basis} if case.basis else {})},
        acting_user=acting_user,
    )
    case_receipt_issue(case=case, department=case.supervisor_office, case_kind="整改通知", deadline=deadline,
                       basis="整改通知书所定的整改期限", due_label="完成整改", acting_user=acting_user)
    return case


@transaction.atomic
def rectification_submit(*, case: RectificationCase, kind: str, text: str, files=(), acting_user: User
                         ) -> RectificationSubmission:
    """The government sends its explanation (first), plan, a progress report or the completion report."""
    text_check(text=(text, SUBMISSION_TEXT_MAX))
    if kind not in SubmissionKind.values:
        raise DomainError({"kind": "未知的材料类型。"})
    text = (text or "").strip()
    if len(text) < 10:
        raise DomainError({"text": f"请写明{SubmissionKind(kind).label}的内容（不少于10个字）。"})
    refuse_classified(texts={"text": text})
    inspected = evidence_inspect(files)
    case = lock_case(case)
    action = _SUBMISSION_ACTIONS[kind]
    if kind == SubmissionKind.EXPLANATION:
        transit(case, "explain", acting_user=acting_user, reason=text[:200])
    else:
        if not rectification_actor_may(acting_user, case, action):
            raise NotPermittedError("您无权对该案件执行此操作。")
        if case.status == RectificationStatus.ORDERED:
            raise TransitionNotAllowedError("请先提交书面说明（对失信行为及其原因的说明），再报送其他整改材料。")
        if case.status != RectificationStatus.RECTIFYING:
            raise TransitionNotAllowedError(f"案件当前状态为“{case.get_status_display()}”，不能报送整改材料。")
        if kind == SubmissionKind.COMPLETION:
            if not case.submissions.filter(kind=SubmissionKind.PLAN).exists():
                raise TransitionNotAllowedError("请先提交整改方案，再提交整改完成报告。")
            transit(case, "complete", acting_user=acting_user, reason=text[:200])
            followup.meet(case, DeadlineKind.RECTIFICATION, acting_user)
        else:
            audit_write(target=case, action=action, actor=acting_user, reason=text[:200])
    submission = RectificationSubmission.objects.create(
        case=case, kind=kind, text=text, submitted_by=acting_user, submitted_at=clock.now(),
    )
    evidence_store(case=case, inspected=inspected, purpose=kind, acting_user=acting_user)
    return submission


@transaction.atomic
def rectification_record_accountability(*, case: RectificationCase, person: str, position: str, action_taken: str,
                                        acting_user: User) -> AccountabilityEntry:
    """Record that a main responsible person was held accountable, and how."""
    text_check(person=(person, PERSON_NAME_MAX), position=(position, POSITION_MAX), action_taken=(action_taken, LONG_TEXT_MAX))
    case = RectificationCase.objects.select_for_update().get(pk=case.pk)
    if not rectification_actor_may(acting_user, case, "record_accountability"):
        raise NotPermittedError("只有下达整改的联席会议办公室可以记录责任追究情况。")
    if case.status == RectificationStatus.ACCEPTED:
        raise TransitionNotAllowedError("整改已验收通过，不能再补记责任追究情况。")
    person, position, action_taken = (person or "").strip(), (position or "").strip(), (action_taken or "").strip()
    if not person or not position or not action_taken:
        raise DomainError({"person": "请填写责任人姓名、职务和问责处理情况。"})
    refuse_classified(texts={"person": person, "position": position, "action_taken": action_taken})
    entry = AccountabilityEntry.objects.create(
        case=case, person=person, position=position, action_taken=action_taken, recorded_by=acting_user,
        recorded_at=clock.now(),
    )
    audit_write(target=case, action="record_accountability", actor=acting_user,
                reason=f"{person}（{position}）：{action_taken}")
    return entry


def _acceptance_letter(case, *, result: str, opinion: str, deadline_on, acting_user):
    context = {"case_number": case.number, "subject_name": case.subject.name, "result": result, "opinion": opinion,
               "records": _record_rows(case)}
    if deadline_on:
        context["deadline_on"] = deadline_on
    case_letter_issue(case=case, department=case.supervisor_office, kind="rectification_acceptance",
                      addressee=case.subject.name, context=context, acting_user=acting_user)


@transaction.atomic
def rectification_accept(*, case: RectificationCase, opinion: str, acting_user: User) -> RectificationCase:
    """Accept the rectification (验收通过) with the acceptance letter; accountability must be on record."""
    opinion = required_text(opinion, "opinion", "请填写验收意见。", LONG_TEXT_MAX)
    case = lock_case(case)
    ensure_can(case, "accept", acting_user=acting_user)
    if not case.accountability.exists():
        raise DomainError({"opinion": "验收通过前，请先记录主要责任人的责任追究情况。"})
    transit(case, "accept", acting_user=acting_user, reason=opinion, opinion=opinion, at=clock.now())
    _acceptance_letter(case, result="passed", opinion=opinion, deadline_on=None, acting_user=acting_user)
    return case


@transaction.atomic
def rectification_return(*, case: RectificationCase, reasons: str, new_limit_date: datetime.date | None = None,
                         acting_user: User) -> RectificationReturn:
    """Return the rectification with reasons; the time limit runs again, to a new date if one is set."""
    reasons = required_text(reasons, "reasons", "请写明退回理由。", LONG_TEXT_MAX)
    case = lock_case(case)
    transit(case, "return_for_rework", acting_user=acting_user, reason=reasons,
            details={"new_limit_date": new_limit_date.isoformat() if new_limit_date else None})
    today = clock.today()
    if new_limit_date is not None:
        deadline = _start_limit(case, start=today, working_days=_working_days_until(today, new_limit_date),
                                acting_user=acting_user)
    else:
        # The order's time limit still applies: the same start and length, so the same due date.
        previous = followup.case_deadline(case, DeadlineKind.RECTIFICATION)
        deadline = _start_limit(case, start=previous.start_date, working_days=previous.working_days,
                                acting_user=acting_user)
    returned = RectificationReturn.objects.create(
        case=case, reasons=reasons, new_limit_date=new_limit_date, returned_by=acting_user, returned_at=clock.now(),
    )
    _acceptance_letter(case, result="failed", opinion=reasons, deadline_on=deadline.due_date.isoformat(),
                       acting_user=acting_user)
    return returned
