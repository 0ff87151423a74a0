"""Reads that cross relations: what a case page, the portal and the API show."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from calendars.arithmetic import working_days_between
from calendars.clock import beijing_date
from casework.models import Deadline, EvidenceFile, ObjectionCase, RepairCase, User
from casework.permissions import objections_visible_to, repairs_visible_to
from casework.services.appeals import appeal_window
from casework.services.audit import audit_trail
from casework.services.followup import case_liftings, case_platform_report


def _owner_q(obj):
    return {"owner_type": ContentType.objects.get_for_model(obj), "owner_id": obj.pk}


def working_days_left(due: datetime.date | None, *, today: datetime.date) -> int | None:
    """Working days from today to the due date: negative when overdue, 0 on the due day."""
    if due is None:
        return None
    return working_days_between(today, due)


def urgency(days_left: int | None) -> str:
    """overdue / soon (≤ 3 working days) / ok — the colours of the queues."""
    if days_left is None:
        return "paused"
    if days_left < 0:
        return "overdue"
    if days_left <= 3:
        return "soon"
    return "ok"


def deadline_rows(obj, *, today: datetime.date, deadlines=None) -> list[dict]:
    """`obj`'s deadlines as the pages show them; `deadlines`: those just written, not read again."""
    rows = []
    for deadline in Deadline.objects.filter(**_owner_q(obj)).order_by("id") if deadlines is None else deadlines:
        left = None if deadline.met_at else working_days_left(deadline.due_date, today=today)
        met_on = beijing_date(deadline.met_at) if deadline.met_at else None
        late_by = (
            working_days_between(deadline.due_date, met_on)
            if met_on and deadline.due_date and met_on > deadline.due_date else 0
        )
        rows.append({
            "deadline": deadline,
            "kind": deadline.kind,
            "label": deadline.get_kind_display(),
            "due": deadline.due_date,
            "met_on": met_on,
            "late_by": late_by,
            "met_at": deadline.met_at,
            "provisional": deadline.provisional,
            "paused": deadline.is_paused,
            "working_days": deadline.working_days,
            "start_date": deadline.start_date,
            "days_left": left,
            "urgency": "met" if deadline.met_at else urgency(left),
            # Closed by the subject's withdrawal: nothing was done on time, nor late.
            "withdrawn": bool(deadline.met_at and getattr(obj, "is_withdrawn", False)),
        })
    return rows


_UNREAD = object()


def case_deadlines(case, *, today: datetime.date, report=_UNREAD, liftings=_UNREAD) -> list[dict]:
    """Any case's own deadlines, its provincial report's and one per measure to lift.

    `report` and `liftings`, when the caller has read them already, save reading them again.
    """
    rows = deadline_rows(case, today=today)
    report = case_platform_report(case) if report is _UNREAD else report
    if report is not None:
        rows += deadline_rows(report, today=today)
    for lifting in case_liftings(case) if liftings is _UNREAD else liftings:
        for row in deadline_rows(lifting, today=today):
            row["label"] = f"{row['label']}（{lifting.department.name}：{lifting.measure.get_kind_display()}）"
            rows.append(row)
    return rows


objection_deadlines = case_deadlines


def objection_detail(case: ObjectionCase, *, today: datetime.date) -> dict:
    from letters.selectors import letters_about

    # Read once: the deadlines, the page and the allowed actions all look at them.
    report, liftings = case_platform_report(case), list(case_liftings(case))
    return {
        "case": case,
        "record": case.record,
        "measures": case.record.measures.select_related("imposed_by"),
        "evidence": EvidenceFile.objects.filter(case=case),
        "deadlines": objection_deadlines(case, today=today, report=report, liftings=liftings),
        "letters": letters_about(case),
        "timeline": timeline_rows(case),
        "report": report,
        "liftings": liftings,
    }


def objection_detail_as_lodged(case: ObjectionCase, *, today: datetime.date) -> dict:
    """`objection_detail` of a case just lodged, from what the lodge wrote (`case.lodged`):
    no read-back. A new case has no platform report and no liftings yet."""
    lodged = case.lodged
    return {
        "case": case,
        "record": case.record,
        "measures": case.record.measures.select_related("imposed_by"),
        "evidence": EvidenceFile.objects.filter(case=case) if lodged.evidence is None else lodged.evidence,
        "deadlines": deadline_rows(case, today=today, deadlines=lodged.deadlines),
        "letters": lodged.letters,
        "timeline": timeline_rows(case, entries=lodged.audit),
        "report": None,
        "liftings": [],
    }


def objection_get_for_user(*, user: User, number: str) -> ObjectionCase | None:
    """The case by number if `user` may see it; None otherwise (never 'forbidden', which would confirm it exists)."""
    return (
        objections_visible_to(user)
        .select_related("subject", "record", "handling_department", "determining_department")
        .filter(number=number)
        .first()
    )


def objection_list_for_user(user: User) -> QuerySet[ObjectionCase]:
    return objections_visible_to(user).select_related("subject", "record", "handling_department")


def repair_detail(case: RepairCase, *, today: datetime.date) -> dict:
    from letters.selectors import letters_about

    return {
        "case": case,
        "record": case.record,
        "measures": case.record.measures.select_related("imposed_by"),
        "evidence": case.evidence.all(),
        "deadlines": case_deadlines(case, today=today),
        "letters": letters_about(case),
        "timeline": timeline_rows(case),
        "report": case_platform_report(case),
        "liftings": case_liftings(case),
        # Appeals against the decision (信用修复申诉), and whether one may be lodged now.
        "appeals": case.appeals.order_by("received_at", "pk"),
        "appeal_window": appeal_window(case, today=today),
    }


def repair_get_for_user(*, user: User, number: str) -> RepairCase | None:
    """The case by number if `user` may see it; None otherwise (never 'forbidden')."""
    return (
        repairs_visible_to(user)
        .select_related("subject", "record", "determining_department")
        .filter(number=number)
        .first()
    )


def repair_list_for_user(user: User) -> QuerySet[RepairCase]:
    return repairs_visible_to(user).select_related("subject", "record", "determining_department")


def rectification_detail(case, *, today: datetime.date) -> dict:
    from letters.selectors import letters_about

    return {
        "case": case,
        "records": case.records.select_related("determined_by"),
        "submissions": case.submissions.select_related("submitted_by"),
        "returns": case.returns.all(),
        "accountability": case.accountability.all(),
        "evidence": case.evidence.all(),
        "deadlines": case_deadlines(case, today=today),
        "letters": letters_about(case),
        "timeline": timeline_rows(case),
    }


def rectification_get_for_user(*, user: User, number: str):
    from casework.permissions import rectifications_visible_to

    return (
        rectifications_visible_to(user).select_related("subject", "supervisor_office")
        .filter(number=number).first()
    )


def rectification_list_for_user(user: User):
    from casework.permissions import rectifications_visible_to

    return rectifications_visible_to(user).select_related("subject", "supervisor_office")


def rectification_orderable_subjects(user: User) -> QuerySet:
    """The governments `user`'s supervisor office may order to rectify: its jurisdiction and below."""
    from casework.models import Role, Subject, SubjectKind

    if not (user.is_authenticated and user.is_active and user.role == Role.HANDLER and user.department_id
            and user.department.is_supervisor_office):
        return Subject.objects.none()
    return Subject.objects.filter(
        kind=SubjectKind.GOVERNMENT, jurisdiction__path__startswith=user.department.jurisdiction.path,
    ).select_related("jurisdiction").order_by("jurisdiction__path", "name")


def rectification_orderable_records(user: User, subject) -> QuerySet:
    """The dishonesty records in force of `subject` that `user`'s office may name in an order."""
    from casework.models import CreditRecord, RecordKind
    from casework.services.rectifications import RECORD_IN_FORCE

    if not rectification_orderable_subjects(user).filter(pk=subject.pk).exists():
        return CreditRecord.objects.none()
    return (CreditRecord.objects.filter(subject=subject, kind=RecordKind.DISHONESTY, status__in=RECORD_IN_FORCE)
            .select_related("determined_by").order_by("determined_on", "number"))


def rectification_results_by_jurisdiction(*, user: User, today: datetime.date) -> list[dict]:
    """Per jurisdiction of the ordered governments, for performance assessment (seed 二(九)):
    orders, open, overdue, accepted, accepted within the time limit, returns, persons held accountable."""
    from django.db.models import Count, Min, Q

    from casework.models import RectificationCase, RectificationStatus
    from casework.models.deadlines import DeadlineKind
    from casework.permissions import rectifications_visible_to

    cases = list(
        rectifications_visible_to(user)
        .annotate(returns_count=Count("returns", distinct=True), persons=Count("accountability", distinct=True))
        .select_related("subject__jurisdiction")
    )
    ct = ContentType.objects.get_for_model(RectificationCase)
    limits = {}
    for row in (Deadline.objects.filter(owner_type=ct, owner_id__in=[c.pk for c in cases],
                                        kind=DeadlineKind.RECTIFICATION)
                .values("owner_id").annotate(first_due=Min("due_date"),
                                             late=Count("pk", filter=Q(met_at__isnull=True, due_date__lt=today)))):
        limits[row["owner_id"]] = row
    first_met = {}
    for deadline in Deadline.objects.filter(owner_type=ct, owner_id__in=[c.pk for c in cases],
                                            kind=DeadlineKind.RECTIFICATION, met_at__isnull=False).order_by("id"):
        first_met.setdefault(deadline.owner_id, deadline)
    rows = {}
    for case in cases:
        place = case.subject.jurisdiction
        row = rows.setdefault(place.pk, {"jurisdiction": place, "ordered": 0, "open": 0, "overdue": 0,
                                         "accepted": 0, "accepted_on_time": 0, "returns": 0, "accountable": 0})
        row["ordered"] += 1
        row["returns"] += case.returns_count
        row["accountable"] += case.persons
        if case.status == RectificationStatus.ACCEPTED:
            row["accepted"] += 1
            met = first_met.get(case.pk)
            if met is not None and case.returns_count == 0 and beijing_date(met.met_at) <= met.due_date:
                row["accepted_on_time"] += 1
        else:
            row["open"] += 1
            if limits.get(case.pk, {}).get("late"):
                row["overdue"] += 1
    return sorted(rows.values(), key=lambda r: r["jurisdiction"].path)


# What each audit action means, in the words a subject and a clerk use (lazy: shown in the reader's language).
AUDIT_ACTION_LABELS = {
    "lodge": _("提出异议申请"),
    "accept": _("受理"),
    "reject": _("不予受理"),
    "start_verification": _("转入核查"),
    "request_materials": _("要求补正材料"),
    "supply_materials": _("补正材料"),
    "lapse_materials": _("补正期限届满，依据现有材料办理"),
    "decide": _("作出核查结论"),
    "reply": _("书面答复"),
    "record_corrected": _("更正信用记录"),
    "corrected": _("更正信用记录"),
    "revoked": _("撤销信用记录"),
    "correct_record": _("更正/撤销信用记录"),
    "send_feedback": _("发送更正/撤销反馈"),
    "platform_report_written": _("生成省级平台报送事项"),
    "liftings_opened": _("通知各实施部门解除惩戒措施"),
    "confirm_lifting": _("确认解除惩戒措施"),
    "confirm_report": _("确认已报送省级平台"),
    "close": _("办结"),
    "withdraw": _("撤回申请"),
    "apply_repair": _("提出信用修复申请"),
    "mark_under_repair": _("记录进入信用修复审核"),
    "clear_repair": _("记录恢复有效"),
    "repaired": _("信用记录已修复，停止公示"),
    "order": _("下达整改通知"),
    "explain": _("提交书面说明"),
    "submit_plan": _("提交整改方案"),
    "report_progress": _("报送整改进展"),
    "complete": _("提交整改完成报告"),
    "return_for_rework": _("退回整改"),
    "record_accountability": _("记录责任追究情况"),
    "deadline_started": _("开始计算期限"),
    "subject_moved": _("变更所属行政区域"),
    "deadline_paused": _("期限中止计算"),
    "deadline_resumed": _("期限恢复计算"),
    "deadline_extended": _("延长办理期限"),
    "deadline_recomputed": _("日历调整，期限重新计算"),
    "deadline_reminder_sent": _("发送到期提醒"),
    "deadline_escalated": _("逾期督办"),
    "platform_delivery_attempt": _("向省级平台报送"),
    "platform_delivery_retry": _("要求立即重新报送省级平台"),
    "platform_delivery_failed": _("省级平台拒收，报送失败"),
    "platform_delivery_escalated": _("报送异常，已报告监督人员"),
    "not_accept": _("不予受理"),
    "appeal_lodged": _("申请主体对修复决定提出申诉"),
    "appeal_decided": _("申诉处理决定已作出"),
    "draft_submit": _("决定文书提交审核"),
    "draft_approve": _("决定文书审核通过"),
    "draft_return": _("决定文书退回修改"),
    "draft_sign": _("签发决定文书"),
    "draft_withdraw": _("撤销决定文书稿"),
}
# The department's own 拟稿 → 审核 → 签发 (casework.services.letter_drafts): its inner deliberation,
# shown to staff, not to the subject, who sees the decision and its letter once signed off.
INTERNAL_AUDIT_ACTIONS = frozenset({"draft_submit", "draft_approve", "draft_return", "draft_sign",
                                    "draft_withdraw"})


def _state_label(value: str, case=None) -> str:
    from casework.models import ObjectionStatus, RecordStatus, RectificationStatus, RepairStatus

    from casework.models import DraftStatus

    # The case's own statuses first: kinds share values ("received", "decided") that mean other things.
    own = dict(case._meta.get_field("status").choices) if case is not None else {}
    if value in own:
        return own[value]
    for choices in (ObjectionStatus, RepairStatus, RectificationStatus, RecordStatus, DraftStatus):
        if value in choices.values:
            return choices(value).label
    return value


# Where a case kind's step has the same name as an objection's but means another thing.
KIND_ACTION_LABELS = {
    "repaircase": {"decide": _("作出信用修复决定")},
    "rectificationcase": {"accept": _("验收通过")},
    "repairappeal": {"lodge": _("提出信用修复申诉"), "accept": _("受理申诉"), "decide": _("作出申诉处理决定"),
                     "withdraw": _("撤回申诉")},
}


def timeline_rows(case, *, entries=None) -> list[dict]:
    """`case`'s audit trail as the pages show it; `entries`: rows just written, not read again."""
    rows = []
    labels = {**AUDIT_ACTION_LABELS, **KIND_ACTION_LABELS.get(case._meta.model_name, {})}
    for entry in audit_trail(case) if entries is None else entries:
        rows.append({
            "at": entry.at,
            "actor": entry.actor,
            "action": entry.action,
            "label": labels.get(entry.action, entry.action),
            "from_state": entry.from_state,
            "to_state": entry.to_state,
            "to_label": "" if entry.action in ("deadline_started", "deadline_paused", "deadline_resumed",
                                               "deadline_extended")
            else _state_label(entry.to_state, case),
            "reason": entry.reason,
            "internal": entry.action in INTERNAL_AUDIT_ACTIONS,
        })
    return rows
