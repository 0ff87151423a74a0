"""Credit repair (信用修复), seed 二(十) and DOMAIN rule 6.

A subject that recovered the losses, removed the bad effects or prevented the
harm asks for one dishonesty record to be repaired. Eligibility is checked
and explained before anything is stored; the determining department reviews
within 10 working days (paused while materials are awaited) and decides per
measure. Every function is one write: atomic, case row locked, FSM
transition, audit row, deadlines, letters.
"""

import dataclasses
import datetime

from django.db import transaction

from calendars import clock
from casework.classification import refuse_classified
from casework.errors import DomainError, NotPermittedError
from casework.evidence import check_upload_count
from casework.limits import LONG_TEXT_MAX, limit, text_check
from casework.models import (
    OPEN_OBJECTION_STATUSES,
    OPEN_REPAIR_STATUSES,
    CreditRecord,
    EvidenceFile,
    MeasureLifting,
    MeasureLiftingAction,
    MeasureStatus,
    PlatformReport,
    RecordChange,
    RecordKind,
    RecordStatus,
    RepairCase,
    RepairMeasureDecision,
    RepairStatus,
    Role,
    Severity,
    User,
)
from casework.models.deadlines import DeadlineKind
from casework.permissions import repair_actor_may
from casework.publication import add_months, publication_period, publication_start
from casework.repair_requirements import COMMITMENT_TEXT, MISSING_COMMITMENT, MISSING_COMMITMENT_FILE
from casework.services import deadlines as deadline_services
from casework.services import followup
from casework.services.audit import audit_write
from casework.services.case_letters import case_letter_issue
from casework.services.free_text import optional_text
from casework.services.materials import evidence_inspect, evidence_store, materials_request, materials_supply
from casework.services.numbering import number_next
from casework.services.receipts import case_receipt_issue
from casework.services.tallies import case_tally
from casework.services.transitions import ensure_can, lock_case, transit

# How each decision reaches the measure, through its imposing department.
_LIFTING_ACTIONS = {
    RepairMeasureDecision.WAIVE: MeasureLiftingAction.LIFT,
    RepairMeasureDecision.REDUCE: MeasureLiftingAction.REDUCE,
    RepairMeasureDecision.APPLY_LIGHTER: MeasureLiftingAction.APPLY_LIGHTER,
}
# The words the decision letter prints (letters.kinds knows "waive", "reduce", "reject").
_LETTER_DECISIONS = {
    RepairMeasureDecision.WAIVE: "waive",
    RepairMeasureDecision.REDUCE: "reduce",
    RepairMeasureDecision.APPLY_LIGHTER: "从轻适用",
    RepairMeasureDecision.REJECT: "reject",
}


# --- eligibility ---


@dataclasses.dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reason: str = ""
    # The first day an application may be made, when only time stands in the way.
    eligible_on: datetime.date | None = None


def repair_min_publication_months(severity: str) -> int:
    return publication_period(severity).min_months


def repair_eligibility(*, record: CreditRecord, subject_id: int, today: datetime.date) -> Eligibility:
    """Whether `record` may be repaired on `today` at its subject's request, and if not why.

    The minimum publication period runs from the day the record was
    published (for a record never published, from its determination).
    """
    if record.subject_id != subject_id:
        return Eligibility(False, "所选信用记录不存在。")
    if record.kind != RecordKind.DISHONESTY:
        return Eligibility(False, "只有政务失信记录可以申请信用修复。")
    if record.status == RecordStatus.UNDER_OBJECTION:
        case = record.objections.filter(status__in=OPEN_OBJECTION_STATUSES).first()
        return Eligibility(
            False, f"该记录有正在处理的异议（{case.number if case else '处理中'}），异议办结前不能申请信用修复。"
        )
    if record.status == RecordStatus.UNDER_REPAIR:
        case = record.repairs.filter(status__in=OPEN_REPAIR_STATUSES).first()
        return Eligibility(False, f"该记录已有正在审核的信用修复申请（{case.number if case else '审核中'}），不能重复申请。")
    if record.status != RecordStatus.ACTIVE:
        return Eligibility(False, f"该记录状态为“{record.get_status_display()}”，不能申请信用修复。")
    months = repair_min_publication_months(record.severity)
    start = publication_start(record)
    eligible_on = add_months(start, months)
    if today < eligible_on:
        since = "公示" if record.published_on else "认定"
        return Eligibility(
            False,
            f"该记录为{Severity(record.severity).label}失信记录，最短公示期为{months}个月"
            f"（自{start:%Y年%-m月%-d日}{since}之日起算），"
            f"{eligible_on:%Y年%-m月%-d日}起方可申请信用修复。",
            eligible_on,
        )
    return Eligibility(True)


# --- helpers ---


def _actions_text(case: RepairCase) -> str:
    parts = [
        ("主动挽回损失", case.losses_recovered),
        ("消除不良影响", case.effects_removed),
        ("有效阻止危害结果发生", case.harm_prevented),
    ]
    return "\n".join(f"{label}：{text}" for label, text in parts if text)


def _letter_base(case: RepairCase) -> dict:
    return {
        "case_number": case.number,
        "subject_name": case.subject.name,
        "record_number": case.record.number,
        "record_summary": case.record.facts,
        "received_on": case.received_on.isoformat(),
    }


def _end_repair_on_record(case: RepairCase, acting_user: User | None) -> None:
    record = CreditRecord.objects.select_for_update().get(pk=case.record_id)
    if record.status == RecordStatus.UNDER_REPAIR:
        record.clear_repair()
        record.save(update_fields=["status"])
        audit_write(target=record, action="clear_repair", actor=acting_user,
                    from_state=RecordStatus.UNDER_REPAIR, to_state=record.status, details={"case": case.number})


# --- the subject applies ---


@transaction.atomic
def repair_apply(
    *,
    record: CreditRecord,
    losses_recovered: str = "",
    effects_removed: str = "",
    harm_prevented: str = "",
    commitment_file=None,
    commitment_signed: bool = False,
    evidence=(),
    acting_user: User,
    received_at: datetime.datetime | None = None,
) -> RepairCase:
    """A subject officer applies to repair one of its subject's dishonesty records.

    Refused, with the reason and (when only time stands in the way) the date
    it becomes possible, unless the record is eligible today. The record then
    shows 信用修复申请审核中 and accepts no objection until the case ends.

    What Order No. 36 and 国办发〔2025〕22号 ask of an application: the
    remedying conduct (at least one of the three texts), the credit commitment
    (ticked; its exact text, COMMITMENT_TEXT, is kept with the case) with the
    sealed commitment letter, and proof the legal duties were performed. The
    proof (`evidence`) is required by the portal form; here it stays optional
    so that API clients written before it keep working: an application without
    it is answered with a request for materials (补正), the text's own way.
    """
    text_check(losses_recovered=(losses_recovered, LONG_TEXT_MAX), effects_removed=(effects_removed, LONG_TEXT_MAX), harm_prevented=(harm_prevented, LONG_TEXT_MAX))
    if acting_user.role != Role.SUBJECT_OFFICER:
        raise NotPermittedError("只有政务主体经办人可以申请信用修复。")
    record = CreditRecord.objects.select_for_update().select_related("subject").get(pk=record.pk)
    received_at = received_at or clock.now()
    received_on = clock.beijing_date(received_at)
    eligibility = repair_eligibility(record=record, subject_id=acting_user.subject_id, today=received_on)
    if not eligibility.eligible:
        raise DomainError({"record": eligibility.reason})
    texts = {
        "losses_recovered": (losses_recovered or "").strip(),
        "effects_removed": (effects_removed or "").strip(),
        "harm_prevented": (harm_prevented or "").strip(),
    }
    if sum(len(text) for text in texts.values()) < 10:
        raise DomainError({"losses_recovered": "请写明主动挽回损失、消除不良影响或有效阻止危害结果发生的情况"
                                               "（至少一项，不少于10个字）。"})
    refuse_classified(texts=texts)
    if not commitment_signed:
        raise DomainError({"commitment_signed": MISSING_COMMITMENT})
    if commitment_file is None:
        raise DomainError({"commitment_file": MISSING_COMMITMENT_FILE})
    uploads = list(evidence)
    check_upload_count(uploads + [commitment_file])
    commitment = evidence_inspect([commitment_file])
    inspected = evidence_inspect(uploads)

    case = RepairCase(
        number=number_next(prefix="XF", year=received_on.year),
        subject=record.subject, record=record, determining_department=record.determined_by,
        commitment_signed=True, commitment_text=COMMITMENT_TEXT, received_at=received_at, received_on=received_on,
        lodged_by=acting_user, **texts,
    )
    case.save()
    case_tally(case, before=None, after=case.status)
    evidence_store(case=case, inspected=commitment, purpose=EvidenceFile.Purpose.COMMITMENT, acting_user=acting_user)
    evidence_store(case=case, inspected=inspected, purpose=EvidenceFile.Purpose.REPAIR, acting_user=acting_user)
    record.mark_under_repair()
    record.save(update_fields=["status"])
    audit_write(target=case, action="apply_repair", actor=acting_user, to_state=case.status,
                details={"record": record.number, "evidence": len(inspected), "commitment": True})
    audit_write(target=record, action="mark_under_repair", actor=acting_user,
                from_state=RecordStatus.ACTIVE, to_state=record.status, details={"case": case.number})
    review = deadline_services.deadline_create(
        owner=case, kind=DeadlineKind.REPAIR_REVIEW, start=received_on,
        working_days=limit("repair_review_working_days"), acting_user=acting_user,
    )
    case_receipt_issue(case=case, department=case.determining_department, case_kind="信用修复申请",
                       deadline=review, basis="认定部门审核信用修复申请的时限，补正材料期间不计入",
                       due_label="审核决定", record_number=record.number, acting_user=acting_user)
    return case


# --- the determining department reviews ---


def repair_request_materials(*, case: RepairCase, materials: str, acting_user: User) -> RepairCase:
    """Ask for missing materials; the review clock stops until they arrive."""

    def issue_letter(case, items, materials_deadline, review, today):
        case_letter_issue(
            case=case, department=case.determining_department, kind="materials_request",
            addressee=case.subject.name,
            context={
                **_letter_base(case), "title": "信用修复申请补正材料通知书", "grounds": _actions_text(case),
                "reply_due_on": review.due_date.isoformat() if review and review.due_date else today.isoformat(),
                "materials": items, "materials_due_on": materials_deadline.due_date.isoformat(),
            },
            acting_user=acting_user,
        )

    return materials_request(case=case, materials=materials, clock_kind=DeadlineKind.REPAIR_REVIEW,
                             pause_reason="等待申请主体补正材料，审核期限中止计算", issue_letter=issue_letter,
                             acting_user=acting_user)


def repair_supply_materials(*, case: RepairCase, files=(), note: str = "", acting_user: User) -> RepairCase:
    """The subject supplies the materials; the review clock runs again from the next day."""
    return materials_supply(case=case, files=files, note=note, clock_kind=DeadlineKind.REPAIR_REVIEW,
                            acting_user=acting_user)


def _clean_decisions(case: RepairCase, approved: bool, decisions, reasons: str) -> list[dict]:
    """One decision per active measure of the record, each with its reasons."""
    measures = {m.pk: m for m in case.record.measures.filter(status=MeasureStatus.ACTIVE)}
    given = {}
    for item in decisions or []:
        try:
            measure_id = int(item.get("measure"))
        except (TypeError, ValueError, AttributeError):
            raise DomainError({"decisions": "每项决定须注明惩戒措施（measure）。"}) from None
        if measure_id not in measures:
            raise DomainError({"decisions": f"惩戒措施 {measure_id} 不属于该记录或已不在执行中。"})
        decision = item.get("decision")
        if decision not in RepairMeasureDecision.values:
            raise DomainError({"decisions": "请对每项惩戒措施选择免除、减轻、从轻或不予修复。"})
        given[measure_id] = {"decision": decision, "reasons": (item.get("reasons") or "").strip()}
    cleaned = []
    for measure_id, measure in measures.items():
        if measure_id not in given:
            if approved:
                raise DomainError({"decisions": f"请对惩戒措施“{measure.get_kind_display()}（{measure.imposed_by}）”"
                                                "作出处理决定。"})
            given[measure_id] = {"decision": RepairMeasureDecision.REJECT, "reasons": ""}
        item = given[measure_id]
        if not approved and item["decision"] != RepairMeasureDecision.REJECT:
            raise DomainError({"decisions": "不予修复时，各项惩戒措施均应维持（不予修复）。"})
        cleaned.append({"measure": measure_id, "decision": str(item["decision"]),
                        "reasons": item["reasons"] or reasons})
    return cleaned


@transaction.atomic
def repair_decide(
    *,
    case: RepairCase,
    approved: bool,
    reasons: str,
    findings: str = "",
    decisions=None,
    acting_user: User,
) -> RepairCase:
    """The determining department decides: repair or not, and per measure waive, reduce, apply more lightly or keep.

    Approved: the record is repaired and unpublished, the change is reported
    to the provincial platform (5 working days) and each imposing department
    is asked to apply its measure's decision. Rejected: the record is active
    again and the case ends. Either way the decision letter (信用修复决定书) is issued.
    """
    text_check(reasons=(reasons, LONG_TEXT_MAX), findings=(findings, LONG_TEXT_MAX))
    if not (reasons or "").strip():
        raise DomainError({"reasons": "请写明决定理由。"})
    refuse_classified(texts={"reasons": reasons, "findings": findings,
                             **{f"decisions.{i}.reasons": item.get("reasons")
                                for i, item in enumerate(decisions or []) if isinstance(item, dict)}})
    approved = bool(approved)
    case = lock_case(case)
    ensure_can(case, "decide", acting_user=acting_user)
    reasons = reasons.strip()
    cleaned = _clean_decisions(case, approved, decisions, reasons)
    now = clock.now()
    transit(case, "decide", acting_user=acting_user, reason=reasons,
            details={"approved": approved, "decisions": cleaned},
            approved=approved, findings=(findings or "").strip(), reasons=reasons, decisions=cleaned, at=now)
    followup.meet(case, DeadlineKind.REPAIR_REVIEW, acting_user, at=now)
    measures = {m.pk: m for m in case.record.measures.select_related("imposed_by")}
    rows = [{"measure": f"信用记录{case.record.number}",
             "decision": "准予信用修复，停止公示" if approved else "reject", "reasons": reasons}]
    rows += [
        {"measure": f"{measures[item['measure']].get_kind_display()}（{measures[item['measure']].imposed_by.name}）",
         "decision": _LETTER_DECISIONS[item["decision"]], "reasons": item["reasons"]}
        for item in cleaned
    ]
    context = {**_letter_base(case), "decisions": rows, "approved": approved,
               "findings": case.findings or f"{case.determining_department.name}已对修复申请及证明材料进行了审核。"}
    if not approved:
        case_letter_issue(case=case, department=case.determining_department, kind="repair_decision",
                          addressee=case.subject.name, context=context, acting_user=acting_user)
        _end_repair_on_record(case, acting_user)
        return case
    _repair_record(case, acting_user)
    report = followup.platform_report_write(
        case=case, record=case.record, change=PlatformReport.Change.REPAIRED, at=now, acting_user=acting_user,
        payload={
            "case_number": case.number, "subject_name": case.subject.name, "subject_uscc": case.subject.uscc,
            "record_number": case.record.number, "change": PlatformReport.Change.REPAIRED,
            "decisions": cleaned, "decided_at": now.isoformat(),
        },
    )
    # Issued once the report exists, so the decision states the date the platform is told.
    context["report_due_on"] = followup.due_iso(report) or None
    case_letter_issue(case=case, department=case.determining_department, kind="repair_decision",
                      addressee=case.subject.name, context=context, acting_user=acting_user)
    followup.liftings_open(
        case=case, acting_user=acting_user,
        measures=[(measures[item["measure"]], _LIFTING_ACTIONS[item["decision"]])
                  for item in cleaned if item["decision"] != RepairMeasureDecision.REJECT],
    )
    return case


def _repair_record(case: RepairCase, acting_user: User) -> None:
    """Mark the record repaired and stop its publication. Expects the case locked."""
    record = CreditRecord.objects.select_for_update().get(pk=case.record_id)
    before = {"status": record.status, "is_published": record.is_published}
    record.repair()
    record.save(update_fields=["status", "is_published"])
    RecordChange.objects.create(
        record=record, action=RecordChange.Action.REPAIRED, before=before,
        after={"status": record.status, "is_published": record.is_published}, case=case, changed_by=acting_user,
    )
    audit_write(target=record, action="repaired", actor=acting_user, from_state=before["status"],
                to_state=record.status, details={"case": case.number})


def repair_try_close(case: RepairCase) -> bool:
    """Close the case once the platform acknowledged and every department confirmed.

    Expects the case locked. Returns whether it closed.
    """
    if case.status != RepairStatus.FOLLOWING_UP or not followup.followup_done(case):
        return False
    transit(case, "close", acting_user=None, reason="已作出修复决定、报送省级平台并落实惩戒措施调整，案件办结",
            at=clock.now())
    return True


# --- follow-up ---


def repair_confirm_report(*, case: RepairCase, receipt: str, acting_user: User) -> PlatformReport:
    """A handler records by hand that the provincial platform acknowledged the report."""
    return followup.report_confirm(case=case, receipt=receipt, actor_may=repair_actor_may, acting_user=acting_user)


def repair_confirm_lifting(*, case: RepairCase, measure_id: int, acting_user: User) -> MeasureLifting:
    """The imposing department confirms it waived, reduced or lightened its measure."""
    return followup.lifting_confirm(case=case, measure_id=measure_id, acting_user=acting_user)


# --- the subject withdraws ---


@transaction.atomic
def repair_withdraw(*, case: RepairCase, reason: str = "", acting_user: User) -> RepairCase:
    """The subject withdraws its application before the decision."""
    reason = optional_text(reason, "reason")
    case = lock_case(case)
    transit(case, "withdraw", acting_user=acting_user, reason=reason, at=clock.now())
    _end_repair_on_record(case, acting_user)
    for kind in (DeadlineKind.REPAIR_REVIEW, DeadlineKind.MATERIALS):
        followup.meet(case, kind, acting_user)
    return case
