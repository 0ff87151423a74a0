"""Objection cases (异议申请), seed 二(十) and DOMAIN rules 1–5.

Every function is one write: atomic, case row locked, FSM transition, audit
row, deadlines, letters (rendered after commit by the worker). Functions take
keyword arguments and the acting user.
"""

import dataclasses
import datetime

from django.db import transaction

from calendars import clock
from casework.classification import refuse_classified, refuse_resident_ids
from casework.errors import DomainError, NotPermittedError
from casework.limits import LONG_TEXT_MAX, SHORT_TEXT_MAX, limit, text_check
from casework.models import (
    CreditRecord,
    Department,
    EvidenceFile,
    JurisdictionLevel,
    KeyArea,
    MeasureLifting,
    MeasureLiftingAction,
    MeasureStatus,
    OPEN_REPAIR_STATUSES,
    NonAcceptanceReason,
    ObjectionCase,
    ObjectionChannel,
    ObjectionOutcome,
    ObjectionStatus,
    PlatformLevel,
    PlatformReport,
    RecordChange,
    RecordStatus,
    Role,
    Severity,
    User,
)
from casework.models.deadlines import DeadlineKind
from casework.permissions import objection_actor_may
from casework.services import deadlines as deadline_services
from casework.services import followup
from casework.services.audit import audit_entry, audit_write, audit_write_many
from casework.services.case_letters import case_letter_issue
from casework.services.free_text import optional_text
from casework.services.materials import evidence_inspect, evidence_store, materials_request, materials_supply
from casework.services.numbering import number_next
from casework.services.receipts import case_receipt_issue
from casework.services.tallies import case_tally
from casework.services.transitions import lock_case, transit

# Fields of a record that a correction may change, with how to read a new value.
CORRECTABLE_FIELDS = {
    "facts": str,
    "legal_basis": str,
    "severity": str,
    "key_area": str,
    "determined_on": datetime.date.fromisoformat,
}
_FIELD_CHOICES = {"severity": Severity.values, "key_area": KeyArea.values}
_PLATFORM_LEVEL_JURISDICTION = {
    PlatformLevel.PROVINCE: JurisdictionLevel.PROVINCE,
    PlatformLevel.CITY: JurisdictionLevel.CITY,
    PlatformLevel.COUNTY: JurisdictionLevel.COUNTY,
}


# --- reading helpers used by the services (and by selectors) ---

# Shared with every case kind (casework.services.followup); the names stay
# importable from here for the callers that know them.
case_deadline = followup.case_deadline
case_platform_report = followup.case_platform_report
case_liftings = followup.case_liftings
platform_report_acknowledge = followup.platform_report_acknowledge
_open_deadline = followup.open_deadline
_meet = followup.meet
_due_iso = followup.due_iso


def platform_department_for(record: CreditRecord) -> Department:
    """The operator of the platform holding `record`, in the subject's chain of jurisdictions."""
    level = _PLATFORM_LEVEL_JURISDICTION[record.platform_level]
    codes = [c for c in record.subject.jurisdiction.path.split("/") if c]
    department = (
        Department.objects.filter(
            is_platform_operator=True, jurisdiction__code__in=codes, jurisdiction__level=level
        )
        .order_by("id")
        .first()
    )
    if department is None:
        raise DomainError(
            {"channel": f"未找到{PlatformLevel(record.platform_level).label}的运行单位，请向认定部门提出异议。"}
        )
    return department


def _letter_base(case: ObjectionCase) -> dict:
    reply = case_deadline(case, DeadlineKind.REPLY)
    return {
        "case_number": case.number,
        "subject_name": case.subject.name,
        "record_number": case.record.number,
        "record_summary": case.record.facts,
        "received_on": case.received_on.isoformat(),
        "reply_due_on": reply.due_date.isoformat() if reply and reply.due_date else "",
        # The letter says a provisional date follows the State Council's notice when published.
        "reply_due_provisional": bool(reply and reply.due_date and reply.provisional),
        "grounds": case.grounds,
    }


def _issue(case, kind, context, acting_user, department=None):
    return case_letter_issue(
        case=case, department=department or case.handling_department, kind=kind, addressee=case.subject.name,
        context={**_letter_base(case), **context}, acting_user=acting_user,
    )


def _now(at: datetime.datetime | None) -> datetime.datetime:
    return at or clock.now()


# --- lodging ---

@transaction.atomic
def objection_lodge(**lodging) -> ObjectionCase:
    """A subject officer objects to one of its subject's records (the arguments are
    `objection_lodge_within`'s), in a transaction of its own.

    The record shows 异议处理中 from now until the case ends; the reply
    deadline runs from the Beijing date of receipt (that day not counted).
    """
    return objection_lodge_within(**lodging)


def objection_lodge_within(
    *,
    record: CreditRecord,
    grounds: str,
    channel: str,
    acting_user: User,
    evidence=(),
    received_at: datetime.datetime | None = None,
) -> ObjectionCase:
    """`objection_lodge` for a caller that holds the transaction already and lets every error
    end it (workflows.objection_actions: the case and its flow start are one transaction).

    The same writes without a savepoint of their own: two statements fewer per lodge. A
    refusal raised here must not be caught and carried on from inside that transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("objection_lodge_within runs inside the caller's transaction (else: objection_lodge)")
    text_check(grounds=(grounds, LONG_TEXT_MAX))
    if acting_user.role != Role.SUBJECT_OFFICER:
        raise NotPermittedError("只有政务主体经办人可以提出异议。")
    # The determining department and its jurisdiction are read here, not again for the receipt;
    # only the record's row is locked (not the subject's, department's or jurisdiction's).
    record = (CreditRecord.objects.select_for_update(of=("self",))
              .select_related("subject__jurisdiction", "determined_by__jurisdiction").get(pk=record.pk))
    if record.subject_id != acting_user.subject_id:
        # Not "forbidden": to the subject another subject's record does not exist.
        raise DomainError({"record": "所选信用记录不存在。"})
    grounds = (grounds or "").strip()
    if len(grounds) < 10:
        raise DomainError({"grounds": "请写明异议理由（不少于10个字）。"})
    refuse_classified(texts={"grounds": grounds})
    if channel not in ObjectionChannel.values:
        raise DomainError({"channel": "请选择向认定部门或向信用信息平台提出。"})
    if record.status == RecordStatus.UNDER_OBJECTION:
        open_case = record.objections.exclude(
            status__in=[ObjectionStatus.CLOSED, ObjectionStatus.WITHDRAWN, ObjectionStatus.NOT_ACCEPTED]
        ).first()
        raise DomainError({"record": f"该记录已有正在处理的异议（{open_case.number if open_case else '处理中'}），不能重复提出。"})
    if record.status == RecordStatus.UNDER_REPAIR:
        open_repair = record.repairs.filter(status__in=OPEN_REPAIR_STATUSES).first()
        raise DomainError({"record": f"该记录有正在审核的信用修复申请（{open_repair.number if open_repair else '审核中'}），"
                                     "修复申请办结前不能提出异议。"})
    if record.status != RecordStatus.ACTIVE:
        raise DomainError({"record": f"该记录已{record.get_status_display()}，不能再提出异议。"})
    inspected = evidence_inspect(evidence)

    received_at = _now(received_at)
    handling = record.determined_by if channel == ObjectionChannel.DEPARTMENT else platform_department_for(record)
    received_on = clock.beijing_date(received_at)
    case = ObjectionCase(
        number=number_next(prefix="YY", year=received_on.year),
        subject=record.subject,
        record=record,
        grounds=grounds,
        channel=channel,
        received_at=received_at,
        received_on=received_on,
        handling_department=handling,
        determining_department=record.determined_by,
        lodged_by=acting_user,
    )
    case.save()
    case_tally(case, before=None, after=case.status)
    evidence_store(case=case, inspected=inspected, purpose=EvidenceFile.Purpose.LODGING, acting_user=acting_user)
    record.mark_under_objection()
    record.save(update_fields=["status"])
    audit = [
        audit_entry(target=case, action="lodge", actor=acting_user, to_state=case.status,
                    details={"channel": channel, "evidence": len(inspected), "record": record.number}),
        audit_entry(target=record, action="mark_under_objection", actor=acting_user,
                    from_state=RecordStatus.ACTIVE, to_state=record.status, details={"case": case.number}),
    ]
    # Created as stated: the receipt below tells the subject this due date, in this transaction.
    reply = deadline_services.deadline_create(
        owner=case, kind=DeadlineKind.REPLY, start=received_on, working_days=limit("objection_reply_working_days"),
        acting_user=acting_user, stated_in_letter=True, audit_rows=audit,
    )
    audit_write_many(audit)  # the case's, the record's and the deadline's rows: one INSERT
    receipt = case_receipt_issue(case=case, department=handling, case_kind="信用信息异议申请", deadline=reply,
                                 basis="《吉林省政务诚信建设实施方案》规定的异议答复期限",
                                 record_number=record.number, acting_user=acting_user)
    case.lodged = Lodged(deadlines=[reply], audit=[entry for entry in audit if entry.target_id == case.pk
                                                   and entry.target_type.model_class() is ObjectionCase],
                         letters=[receipt], evidence=None if inspected else [])
    return case


@dataclasses.dataclass(frozen=True)
class Lodged:
    """What a lodge wrote about its case, kept on the instance it returns (`case.lodged`), so
    the answer to the lodger is built from it instead of read back
    (casework.selectors.objection_detail_as_lodged). A new case has no platform report and no
    liftings yet."""

    deadlines: list
    audit: list  # the case's own audit rows, oldest first
    letters: list
    evidence: list | None  # None: files were uploaded, read them


# --- the handling department ---

@transaction.atomic
def objection_accept(*, case: ObjectionCase, acting_user: User) -> ObjectionCase:
    """Accept (受理) and pass the case to verification by the determining department.

    For an objection lodged with a platform, verification is the determining
    department's; the platform stays responsible for the reply.
    """
    case = lock_case(case)
    transit(case, "accept", acting_user=acting_user)
    transit(case, "start_verification", acting_user=acting_user,
            reason="转认定部门核查" if case.channel == ObjectionChannel.PLATFORM else "")
    _issue(case, "acceptance_notice", {}, acting_user)
    reply = _open_deadline(case, DeadlineKind.REPLY)
    if reply is not None and reply.due_date:
        deadline_services.deadline_state_in_letter(deadline=reply, acting_user=acting_user)
    return case


@transaction.atomic
def objection_reject(*, case: ObjectionCase, reason: str, explanation: str = "", acting_user: User) -> ObjectionCase:
    """Do not accept (不予受理), with one of the reasons the law allows, in writing."""
    text_check(explanation=(explanation, SHORT_TEXT_MAX))
    if reason not in NonAcceptanceReason.values:
        raise DomainError({"reason": "请选择不予受理的理由。"})
    refuse_classified(texts={"explanation": explanation})
    case = lock_case(case)
    label = str(NonAcceptanceReason(reason).label)
    transit(case, "reject", acting_user=acting_user, reason=explanation or label, details={"reason": reason},
            code=reason, at=clock.now())
    _end_objection_on_record(case, acting_user)
    _issue(case, "non_acceptance_notice", {"reasons": "\n".join([label] + ([explanation.strip()] if explanation else []))},
           acting_user)
    _meet(case, DeadlineKind.REPLY, acting_user)
    return case


def objection_request_materials(*, case: ObjectionCase, materials: str, acting_user: User) -> ObjectionCase:
    """Ask the subject for missing materials (补正); the reply clock stops meanwhile."""

    def issue_letter(case, items, materials_deadline, reply, today):
        _issue(case, "materials_request",
               {"materials": items, "materials_due_on": materials_deadline.due_date.isoformat()}, acting_user)

    return materials_request(case=case, materials=materials, clock_kind=DeadlineKind.REPLY,
                             pause_reason="等待申请主体补正材料，答复期限中止计算", issue_letter=issue_letter,
                             acting_user=acting_user)


def objection_supply_materials(*, case: ObjectionCase, files=(), note: str = "", acting_user: User) -> ObjectionCase:
    """The subject supplies the materials; the reply clock runs again from the next day."""
    return materials_supply(case=case, files=files, note=note, clock_kind=DeadlineKind.REPLY,
                            acting_user=acting_user)


# --- the determining department ---

def _clean_correction(record: CreditRecord, outcome: str, correction: dict | None, revoke: bool) -> dict:
    if outcome == ObjectionOutcome.NOT_UPHELD:
        if correction or revoke:
            raise DomainError({"correction": "异议不成立时不能更正或撤销记录。"})
        return {}
    if revoke:
        if correction:
            raise DomainError({"correction": "撤销记录时无需填写更正内容。"})
        return {"revoke": True}
    if not correction:
        raise DomainError({"correction": "异议成立或部分成立时，请填写更正内容，或选择撤销记录。"})
    unknown = sorted(set(correction) - set(CORRECTABLE_FIELDS))
    if unknown:
        raise DomainError({"correction": f"不能更正的字段：{'、'.join(unknown)}。"})
    fields = {}
    for name, value in correction.items():
        try:
            parsed = CORRECTABLE_FIELDS[name](value) if not isinstance(value, datetime.date) else value
        except (TypeError, ValueError):
            raise DomainError({"correction": f"字段 {name} 的值无效：{value}"}) from None
        if name in _FIELD_CHOICES and parsed not in _FIELD_CHOICES[name]:
            raise DomainError({"correction": f"字段 {name} 的值无效：{value}"})
        if isinstance(parsed, str) and not parsed.strip():
            raise DomainError({"correction": f"字段 {name} 不能为空。"})
        if getattr(record, name) != parsed:
            fields[name] = parsed.isoformat() if isinstance(parsed, datetime.date) else parsed
    if not fields:
        raise DomainError({"correction": "更正内容与原记录相同，请填写需要更正的内容。"})
    return {"fields": fields}


@transaction.atomic
def objection_decide(
    *,
    case: ObjectionCase,
    outcome: str,
    reasons: str,
    findings: str = "",
    correction: dict | None = None,
    revoke: bool = False,
    acting_user: User,
) -> ObjectionCase:
    """The determining department's conclusion after verification.

    When the information is wrong (upheld, partly upheld) the report to the
    provincial platform is written now, in this transaction, due in 5
    working days from today.
    """
    text_check(reasons=(reasons, LONG_TEXT_MAX), findings=(findings, LONG_TEXT_MAX))
    if outcome not in ObjectionOutcome.values:
        raise DomainError({"outcome": "请选择核查结论：成立、部分成立或不成立。"})
    if not (reasons or "").strip():
        raise DomainError({"reasons": "请写明结论理由。"})
    # The correction becomes the record's published text: no marking, no full ID number.
    refuse_classified(texts={"reasons": reasons, "findings": findings,
                             **{f"correction.{name}": value for name, value in (correction or {}).items()}})
    refuse_resident_ids(texts={f"correction.{name}": value for name, value in (correction or {}).items()})
    case = lock_case(case)
    cleaned = _clean_correction(case.record, outcome, correction, revoke)
    now = clock.now()
    transit(case, "decide", acting_user=acting_user, reason=reasons.strip(),
            details={"outcome": outcome, "correction": cleaned},
            outcome=outcome, findings=(findings or "").strip(), reasons=reasons.strip(), correction=cleaned, at=now)
    if case.is_upheld:
        change = PlatformReport.Change.REVOKED if cleaned.get("revoke") else PlatformReport.Change.CORRECTED
        followup.platform_report_write(
            case=case, record=case.record, change=change, at=now, acting_user=acting_user,
            payload={
                "case_number": case.number,
                "subject_name": case.subject.name,
                "subject_uscc": case.subject.uscc,
                "record_number": case.record.number,
                "change": change,
                "correction": cleaned.get("fields", {}),
                "decided_at": now.isoformat(),
            },
        )
    return case


# --- the reply, and what follows an upheld objection ---

@transaction.atomic
def objection_reply(*, case: ObjectionCase, acting_user: User) -> ObjectionCase:
    """Reply in writing (书面答复). Upheld: correct or revoke the record, send the
    correction feedback and open a lifting task for every active measure.
    Not upheld: the record is active again and the case closes."""
    case = lock_case(case)
    transit(case, "reply", acting_user=acting_user)
    context = {
        "outcome": case.outcome,
        # Findings are optional when deciding; the reply always states who verified.
        "findings": case.findings or f"{case.determining_department.name}已对异议所涉信息进行了核查。",
        "reasons": case.decision_reasons,
    }
    if case.correction.get("revoke"):
        context["revoked"] = True
    elif case.correction.get("fields"):
        context["correction"] = _before_after(case.record, case.correction["fields"])
    if case.is_upheld:
        # What follows, stated in the reply itself: the report's date and each measure to be lifted.
        context["report_due_on"] = _due_iso(case_platform_report(case)) or None
        context["measures"] = [
            {"kind": measure.get_kind_display(), "imposed_by": measure.imposed_by.name}
            for measure in case.record.measures.filter(status=MeasureStatus.ACTIVE).select_related("imposed_by")
        ] or None
    _issue(case, "objection_reply", context, acting_user)
    _meet(case, DeadlineKind.REPLY, acting_user)
    if not case.is_upheld:
        _end_objection_on_record(case, acting_user)
        transit(case, "close", acting_user=None, reason="异议不成立，已书面答复，案件办结", at=clock.now())
        return case
    _correct_record(case, acting_user)
    transit(case, "send_feedback", acting_user=acting_user)
    objection_try_close(case)
    return case


_FIELD_LABELS = {"facts": "失信事实", "legal_basis": "认定依据", "severity": "严重程度", "key_area": "重点领域",
                 "determined_on": "认定日期"}


def _field_text(name: str, value) -> str:
    if name == "severity":
        value = str(Severity(value).label)
    elif name == "key_area":
        value = str(KeyArea(value).label)
    return f"{_FIELD_LABELS[name]}：{_plain(value)}"


def _before_after(record: CreditRecord, fields: dict) -> dict:
    """The correction as two texts for the letters: what the record said, what it says now."""
    return {
        "before": "\n".join(_field_text(name, getattr(record, name)) for name in fields),
        "after": "\n".join(_field_text(name, value) for name, value in fields.items()),
    }


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def _correct_record(case: ObjectionCase, acting_user: User) -> None:
    """Apply the decision to the record and start lifting every active measure.

    Expects the case locked and in `replied`.
    """
    record = CreditRecord.objects.select_for_update().get(pk=case.record_id)
    snapshot = {name: _plain(getattr(record, name)) for name in [*CORRECTABLE_FIELDS, "status", "is_published"]}
    if case.correction.get("revoke"):
        record.revoke()
        action = RecordChange.Action.REVOKED
    else:
        fields = {
            name: CORRECTABLE_FIELDS[name](value) if name == "determined_on" else value
            for name, value in case.correction["fields"].items()
        }
        record.correct(fields=fields)
        action = RecordChange.Action.CORRECTED
    record.save()
    after = {name: _plain(getattr(record, name)) for name in snapshot}
    RecordChange.objects.create(
        record=record, action=action, before=snapshot, after=after, case=case, changed_by=acting_user
    )
    audit_write(target=record, action=action, actor=acting_user, from_state=snapshot["status"],
                to_state=record.status, details={"case": case.number})
    transit(case, "correct_record", acting_user=acting_user, reason=RecordChange.Action(action).label)
    followup.liftings_open(
        case=case, acting_user=acting_user,
        measures=[(measure, MeasureLiftingAction.LIFT)
                  for measure in record.measures.filter(status=MeasureStatus.ACTIVE).select_related("imposed_by")],
    )
    report = case_platform_report(case)
    if action == RecordChange.Action.REVOKED:
        texts = {"before": _field_text("facts", snapshot["facts"]), "after": "该信用记录已撤销，停止公示。"}
    else:
        fields = case.correction["fields"]
        texts = {
            "before": "\n".join(_field_text(name, snapshot[name]) for name in fields),
            "after": "\n".join(_field_text(name, value) for name, value in fields.items()),
        }
    _issue(case, "correction_feedback", {"action": action, **texts, "report_due_on": _due_iso(report)},
           acting_user)


def _end_objection_on_record(case: ObjectionCase, acting_user: User | None) -> None:
    record = CreditRecord.objects.select_for_update().get(pk=case.record_id)
    if record.status == RecordStatus.UNDER_OBJECTION:
        record.clear_objection()
        record.save(update_fields=["status"])
        audit_write(target=record, action="clear_objection", actor=acting_user,
                    from_state=RecordStatus.UNDER_OBJECTION, to_state=record.status, details={"case": case.number})


def objection_try_close(case: ObjectionCase) -> bool:
    """Close the case once the report is delivered and every measure lifted.

    Expects the case locked. Returns whether it closed.
    """
    if case.status != ObjectionStatus.FOLLOWING_UP or not followup.followup_done(case):
        return False
    liftings = list(case_liftings(case))
    if liftings:
        _issue(case, "measure_lifting_notice", {
            "measures": [
                {
                    "kind": lifting.measure.get_kind_display(),
                    "imposed_by": lifting.department.name,
                    "imposed_on": lifting.measure.imposed_on.isoformat(),
                    "lifted_on": lifting.measure.lifted_on.isoformat() if lifting.measure.lifted_on else "",
                }
                for lifting in liftings
            ]
        }, None)
    transit(case, "close", acting_user=None, reason="已书面答复、报送省级平台并解除全部惩戒措施，案件办结",
            at=clock.now())
    return True


# --- follow-up: the provincial report and the measures ---

def objection_confirm_report(*, case: ObjectionCase, receipt: str, acting_user: User) -> PlatformReport:
    """A handler records by hand that the provincial platform acknowledged the report."""
    return followup.report_confirm(case=case, receipt=receipt, actor_may=objection_actor_may, acting_user=acting_user)


def objection_confirm_lifting(*, case: ObjectionCase, measure_id: int, acting_user: User) -> MeasureLifting:
    """The imposing department confirms it lifted its measure."""
    return followup.lifting_confirm(case=case, measure_id=measure_id, acting_user=acting_user)


# --- the subject withdraws ---

@transaction.atomic
def objection_withdraw(*, case: ObjectionCase, reason: str = "", acting_user: User) -> ObjectionCase:
    """The subject withdraws its objection before the decision."""
    reason = optional_text(reason, "reason")
    case = lock_case(case)
    transit(case, "withdraw", acting_user=acting_user, reason=reason, at=clock.now())
    _end_objection_on_record(case, acting_user)
    for kind in (DeadlineKind.REPLY, DeadlineKind.MATERIALS):
        _meet(case, kind, acting_user)
    return case
