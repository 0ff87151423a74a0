"""Appeals against a credit repair decision (信用修复申诉), issue 14 item 6.

The subject appeals within `repair_appeal_lodging_days` of the day the decision letter
(信用修复决定书) was issued, one open appeal per repair case at a time. The joint-conference
office above the deciding department hears it (`appeal_office_for`), accepts it or not,
and decides within `repair_appeal_decision_working_days` working days of receipt: upheld,
partly upheld or dismissed, with reasons, in the 信用修复申诉处理决定书. An upheld appeal does
not change the repair decision here: the decision is sent to the deciding department (copied
on the letter and written into the repair case's history), which decides the repair again.
docs/rules.md gives the sources and the readings taken where the texts give no figure.

Every function is one write: atomic, case row locked, FSM transition, audit row,
deadlines, letters issued in the transaction and rendered after commit.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from calendars import clock
from calendars.arithmetic import is_working_day
from casework.classification import refuse_classified
from casework.errors import DomainError, NotPermittedError
from casework.limits import LONG_TEXT_MAX, limit, text_check
from casework.models import (
    OPEN_APPEAL_STATUSES,
    AppealOutcome,
    Department,
    EvidenceFile,
    RepairAppeal,
    RepairCase,
    RepairStatus,
    Role,
    User,
)
from casework.models.deadlines import DeadlineKind
from casework.services import followup
from casework.services import deadlines as deadline_services
from casework.services.audit import audit_write
from casework.services.case_letters import case_letter_issue
from casework.services.free_text import optional_text, required_text
from casework.services.materials import evidence_inspect, evidence_store
from casework.services.numbering import number_next
from casework.services.receipts import case_receipt_issue
from casework.services.tallies import case_tally
from casework.services.transitions import lock_case, transit

NUMBER_PREFIX = "SS"
RECEIPT_CASE_KIND = "信用修复申诉"
# What the letter says follows each outcome, for the deciding department.
_OUTCOME_FOLLOWS = {
    AppealOutcome.UPHELD: "redecide",
    AppealOutcome.PARTLY: "redecide",
    AppealOutcome.DISMISSED: "stands",
}


def appeal_office_for(department: Department) -> Department | None:
    """The office hearing an appeal against `department`'s repair decision: the joint-conference
    office of the department's jurisdiction, or the one a level up when the department is that
    office (as `letter_parties.remedy_office_name`, which the decision letter printed)."""
    jurisdiction = department.jurisdiction
    if department.is_supervisor_office:
        jurisdiction = jurisdiction.parent
    while jurisdiction is not None:
        office = (Department.objects.filter(jurisdiction=jurisdiction, is_supervisor_office=True)
                  .exclude(pk=department.pk).order_by("id").first())
        if office is not None:
            return office
        jurisdiction = jurisdiction.parent
    return None


def repair_decision_letter(repair: RepairCase):
    """The repair case's decision letter in force (the newest not voided), or None."""
    from letters.models import Letter

    about = {"content_type": ContentType.objects.get_for_model(RepairCase), "object_id": repair.pk}
    return (Letter.objects.filter(**about, kind="repair_decision", voided_at__isnull=True)
            .order_by("-issued_on", "-pk").first())


def appeal_last_day(issued_on: datetime.date) -> datetime.date:
    """The last day to appeal a decision issued on `issued_on`: the window's end, moved to the
    next working day when it falls on a weekend or holiday (期间届满日为节假日的, 顺延)."""
    last = issued_on + datetime.timedelta(days=limit("repair_appeal_lodging_days"))
    while not is_working_day(last):
        last += datetime.timedelta(days=1)
    return last


def appeal_refusal(repair: RepairCase, *, today: datetime.date) -> str:
    """Why `repair` cannot be appealed today, in the subject's words; '' when it can."""
    if repair.status in (RepairStatus.UNDER_REVIEW, RepairStatus.AWAITING_MATERIALS):
        return "该信用修复申请尚未作出决定，暂不能申诉。"
    if repair.status == RepairStatus.WITHDRAWN or repair.approved is None:
        return "该信用修复申请已撤回，没有可申诉的决定。"
    if repair.appeals.filter(status__in=OPEN_APPEAL_STATUSES).exists():
        return "该信用修复决定已有正在处理的申诉，请等待处理结果。"
    letter = repair_decision_letter(repair)
    if letter is None:
        return "该信用修复决定书尚未出具，暂不能申诉。"
    last = appeal_last_day(letter.issued_on)
    if today > last:
        return (f"申诉期限已过：信用修复决定书于{letter.issued_on:%Y年%-m月%-d日}出具，"
                f"应在{last:%Y年%-m月%-d日}前提出申诉。")
    return ""


def appeal_window(repair: RepairCase, *, today: datetime.date) -> dict:
    """What the portal shows on a decided repair case: whether it may be appealed, until when, and why not."""
    letter = repair_decision_letter(repair)
    return {"refusal": appeal_refusal(repair, today=today),
            "last_day": appeal_last_day(letter.issued_on) if letter else None}


@transaction.atomic
def repair_appeal_lodge(*, repair: RepairCase, grounds: str, files=(), acting_user: User,
                        received_at: datetime.datetime | None = None) -> RepairAppeal:
    """The subject appeals the decision on its repair application; returns the appeal.

    Refused, with the reason, for another subject's case, an undecided or withdrawn
    application, a decision with an appeal open, and past the lodging window."""
    text_check(grounds=(grounds, LONG_TEXT_MAX))
    grounds = (grounds or "").strip()
    if len(grounds) < 10:
        raise DomainError({"grounds": "请写明申诉理由（不少于10个字）。"})
    if not (acting_user and acting_user.role == Role.SUBJECT_OFFICER
            and acting_user.subject_id == repair.subject_id):
        raise NotPermittedError("只有该信用修复申请的申请主体可以申诉。")
    refuse_classified(texts={"grounds": grounds})
    inspected = evidence_inspect(files)
    # Locked: two appeals lodged at once against one decision would both pass the check.
    repair = RepairCase.objects.select_for_update().select_related("determining_department").get(pk=repair.pk)
    now = received_at or clock.now()
    today = clock.beijing_date(now)
    refusal = appeal_refusal(repair, today=today)
    if refusal:
        raise DomainError({"repair": refusal})
    office = appeal_office_for(repair.determining_department)
    if office is None:
        raise DomainError({"repair": "上一级社会信用体系建设联席会议办公室尚未设立，暂不能在线申诉。"})
    case = RepairAppeal.objects.create(
        number=number_next(prefix=NUMBER_PREFIX, year=today.year), repair=repair, subject=repair.subject,
        handling_office=office, grounds=grounds, received_at=now, received_on=today, lodged_by=acting_user,
    )
    case_tally(case, before=None, after=case.status)
    evidence_store(case=case, inspected=inspected, purpose=EvidenceFile.Purpose.APPEAL,
                   acting_user=acting_user)
    audit_write(target=case, action="lodge", actor=acting_user, to_state=case.status,
                details={"repair": repair.number, "evidence": len(inspected)})
    audit_write(target=repair, action="appeal_lodged", actor=acting_user,
                details={"appeal": case.number, "office": office.name})
    deadline = deadline_services.deadline_create(
        owner=case, kind=DeadlineKind.APPEAL_DECISION, start=today,
        working_days=limit("repair_appeal_decision_working_days"), acting_user=acting_user,
    )
    case_receipt_issue(case=case, department=office, case_kind=RECEIPT_CASE_KIND, deadline=deadline,
                       basis="信用修复申诉处理期限", acting_user=acting_user, record_number=repair.record.number,
                       due_label="申诉处理")
    return case



@transaction.atomic
def appeal_accept(*, case: RepairAppeal, reason: str = "", acting_user: User) -> RepairAppeal:
    """Accept the appeal for review (受理); the decision deadline keeps running from receipt."""
    reason = optional_text(reason, "reason")
    case = lock_case(case)
    transit(case, "accept", acting_user=acting_user, reason=reason, opinion=reason)
    return case


@transaction.atomic
def appeal_not_accept(*, case: RepairAppeal, reason: str, acting_user: User) -> RepairAppeal:
    """Decline the appeal (不予受理) with the reason, told in the 处理决定书; the case ends."""
    reason = required_text(reason, "reason", "请写明不予受理的理由。")
    case = lock_case(case)
    now = clock.now()
    transit(case, "not_accept", acting_user=acting_user, reason=reason, opinion=reason, at=now)
    followup.meet(case, DeadlineKind.APPEAL_DECISION, acting_user, at=now)
    _decision_letter(case, accepted=False, acting_user=acting_user)
    return case


@transaction.atomic
def appeal_decide(*, case: RepairAppeal, outcome: str, reasons: str, acting_user: User) -> RepairAppeal:
    """Decide the appeal: upheld, partly upheld or dismissed, with reasons.

    The 处理决定书 goes to the subject, copied to the deciding department; an upheld or partly
    upheld appeal is written into the repair case's history, for that department to decide again."""
    if outcome not in AppealOutcome.values:
        raise DomainError({"outcome": "请选择处理结论。"})
    reasons = required_text(reasons, "reasons", "请写明处理理由。", LONG_TEXT_MAX)
    case = lock_case(case)
    now = clock.now()
    transit(case, "decide", acting_user=acting_user, reason=reasons[:200], details={"outcome": outcome},
            outcome=outcome, reasons=reasons, at=now)
    followup.meet(case, DeadlineKind.APPEAL_DECISION, acting_user, at=now)
    audit_write(target=case.repair, action="appeal_decided", actor=acting_user,
                reason=reasons[:200], details={"appeal": case.number, "outcome": outcome,
                                               "follows": _OUTCOME_FOLLOWS[outcome]})
    _decision_letter(case, accepted=True, acting_user=acting_user)
    return case


@transaction.atomic
def appeal_withdraw(*, case: RepairAppeal, reason: str = "", acting_user: User) -> RepairAppeal:
    """The subject withdraws its appeal before the decision."""
    reason = optional_text(reason, "reason")
    case = lock_case(case)
    now = clock.now()
    transit(case, "withdraw", acting_user=acting_user, reason=reason, at=now)
    followup.meet(case, DeadlineKind.APPEAL_DECISION, acting_user, at=now)
    return case


def _decision_letter(case: RepairAppeal, *, accepted: bool, acting_user: User) -> None:
    repair = case.repair
    letter = repair_decision_letter(repair)
    context = {
        "case_number": case.number, "subject_name": case.subject.name, "received_on": case.received_on,
        "repair_number": repair.number, "record_number": repair.record.number,
        "repair_decided_on": letter.issued_on if letter else clock.beijing_date(repair.decided_at),
        "repair_letter_number": letter.number if letter else "",
        "deciding_department": repair.determining_department.name,
        "grounds": case.grounds, "accepted": accepted,
        "reasons": case.reasons if accepted else case.acceptance_opinion,
        **({"outcome": case.outcome} if accepted else {}),
    }
    if not context["repair_letter_number"]:
        del context["repair_letter_number"]
    case_letter_issue(case=case, department=case.handling_office, kind="appeal_decision",
                      addressee=case.subject.name, context=context, acting_user=acting_user,
                      cc=(repair.determining_department.name,))
