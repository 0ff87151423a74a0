"""Extending a complex case's time limit once (延期), where the province allows it.

`casework.extension_rules` says which kinds may be extended, by how much and on what basis.
The extension moves the running deadline's legal and stated due dates by the granted working
days counted from the original due date, and tells the subject in a notice that must reach it
before the original date. docs/rules.md gives the sources and the defaults.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from calendars import clock
from casework.case_kinds import CASE_MODELS
from casework.classification import refuse_classified
from casework.errors import DomainError, NotPermittedError
from casework.extension_rules import ExtensionRule, extension_rule
from casework.limits import SHORT_TEXT_MAX, text_check
from casework.models import CaseExtension, Deadline, ObjectionCase, RepairCase, User
from casework.models.deadlines import DeadlineKind
from casework.permissions import objection_actor_may, repair_actor_may
from casework.services import deadlines as deadline_services
from casework.services.case_letters import case_letter_issue
from casework.services.followup import case_deadline
from casework.services.transitions import lock_case


def _objection_actor(user, case) -> bool:
    # The department that owes the reply is the one that may extend it.
    return objection_actor_may(user, case, "reply")


def _repair_actor(user, case) -> bool:
    return repair_actor_may(user, case, "decide")


# Per kind: who may extend, and the department that answers for the limit and signs the notice.
_PARTIES = {
    ObjectionCase: (_objection_actor, "handling_department"),
    RepairCase: (_repair_actor, "determining_department"),
}


def case_extension(case) -> CaseExtension | None:
    """The extension granted on `case`, if any."""
    return (CaseExtension.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk)
            .select_related("letter", "granted_by").first())


def _label(rule: ExtensionRule) -> str:
    return f"{DeadlineKind(rule.deadline_kind).label}期限"


def case_extension_refusal(case, user: User | None, *, today: datetime.date) -> str | None:
    """Why `user` may not extend `case`'s time limit today, or None when it may.

    What the days and the reason must be is the service's to check; this is everything
    else, read in the order a person would want to be told. A kind whose rule is off costs
    no query, so asking every case page what its user may do stays cheap.
    """
    rule = extension_rule(case)
    if rule is None:
        return "该类案件的期限不能延长。"
    if not rule.allowed:
        return f"{_label(rule)}按本省规定不能延长（未开启延期）。"
    if not rule.basis:
        return "本省已开启延期，但未设定延期依据，请系统管理员在设置 CASEWORK_EXTENSIONS 中填写。"
    may, _department = _PARTIES[type(case)]
    if user is None or not may(user, case):
        return "您无权延长该案件的期限。"
    if case.status not in CASE_MODELS[type(case)].open_statuses:
        return f"案件当前状态为“{case.get_status_display()}”，不能延长期限。"
    extension = case_extension(case)
    if extension is not None:
        return (f"该案件已于{extension.granted_on:%Y年%-m月%-d日}延长过一次期限（至"
                f"{extension.new_due_date:%Y年%-m月%-d日}），不能再次延长。")
    deadline = case_deadline(case, rule.deadline_kind)
    if deadline is None or not deadline.is_open:
        return f"{_label(rule)}已完成，不能延长。"
    if deadline.due_date is None:
        return f"等待补正材料，{_label(rule)}中止计算，不能延长；请待恢复计时后再办理。"
    if today >= deadline.due_date:
        return (f"原定{_label(rule)}为{deadline.due_date:%Y年%-m月%-d日}。延期通知须在原定期限届满前送达申请主体，"
                "现已不能延长。")
    return None


def case_may_extend(case, user: User, *, today: datetime.date) -> bool:
    return case_extension_refusal(case, user, today=today) is None


def _days(value, rule: ExtensionRule) -> int:
    try:
        days = int(value)
    except (TypeError, ValueError):
        raise DomainError({"days": "请填写延长的工作日数（整数）。"}) from None
    if days < 1:
        raise DomainError({"days": "延长的工作日数至少为1个。"})
    if days > rule.max_working_days:
        raise DomainError({"days": f"延长的工作日数不能超过{rule.max_working_days}个。"})
    return days


@transaction.atomic
def case_extend(*, case, days: int, reason: str, acting_user: User) -> CaseExtension:
    """Extend `case`'s running time limit once by `days` working days, for `reason`.

    Refused unless the kind's rule allows it, the case is open, was never extended, its clock
    runs, and today is before the original legal due date (the notice must reach the subject
    before it). Moves the legal and the stated due date, writes the audit row, records the
    extension and issues the notice (延期答复通知书 / 延长办理期限通知书) to the subject.
    """
    text_check(reason=(reason, SHORT_TEXT_MAX))
    rule = extension_rule(case)
    case = lock_case(case)
    if rule is not None:
        # The deadline too: a calendar change recomputing it meanwhile must wait, so the original
        # date checked, stated and recorded here is the one moved.
        list(Deadline.objects.select_for_update().filter(
            owner_type=ContentType.objects.get_for_model(case), owner_id=case.pk, kind=rule.deadline_kind,
        ).values_list("pk", flat=True))
    may, department_field = _PARTIES.get(type(case), (None, None))
    if may is not None and rule.allowed and not may(acting_user, case):
        raise NotPermittedError("您无权延长该案件的期限。")
    refusal = case_extension_refusal(case, acting_user, today=clock.today())
    if refusal is not None:
        raise DomainError(refusal)
    days = _days(days, rule)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise DomainError({"reason": "请写明延长期限的理由（不少于10个字）。"})
    refuse_classified(texts={"reason": reason})

    deadline = case_deadline(case, rule.deadline_kind)
    original = deadline.due_date
    deadline = deadline_services.deadline_extend(
        deadline=deadline, working_days=days, acting_user=acting_user,
        reason=reason,
    )
    department = getattr(case, department_field)
    letter = case_letter_issue(
        case=case, department=department, kind="extension_notice", addressee=case.subject.name,
        context={
            "title": rule.title, "case_kind": rule.case_kind, "duty": rule.duty,
            "limit_name": rule.limit_name, "limit_basis": rule.limit_basis, "basis": rule.basis,
            "case_number": case.number, "subject_name": case.subject.name, "record_number": case.record.number,
            "received_on": case.received_on.isoformat(), "original_due_on": original.isoformat(),
            "new_due_on": deadline.due_date.isoformat(), "new_due_provisional": deadline.provisional,
            "working_days": str(days), "reason": reason,
        },
        acting_user=acting_user,
    )
    now = clock.now()
    return CaseExtension.objects.create(
        case=case, deadline=deadline, original_due_date=original, new_due_date=deadline.due_date,
        working_days=days, reason=reason, granted_by=acting_user, granted_at=now,
        granted_on=clock.beijing_date(now), letter=letter,
    )
