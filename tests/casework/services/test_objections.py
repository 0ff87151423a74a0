"""Objection cases through the services: every path, dates across National Day 2026."""

import datetime

import pytest

from casework.errors import ConcurrentChangeError, DomainError, NotPermittedError, TransitionNotAllowedError
from casework.models import (
    AuditEntry,
    MeasureLifting,
    MeasureStatus,
    ObjectionStatus,
    PlatformReport,
    RecordChange,
    RecordStatus,
)
from casework.models.deadlines import DeadlineKind
from casework.services import objections as svc
from casework.services.audit import audit_trail
from letters.selectors import letters_about
from tests.factories import (
    DepartmentFactory,
    UserFactory,
    beijing,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(two_department_record):
    w = two_department_record
    return w["record"], w["officer"], w["handler"], w["other"]


def _lodge(record, officer, **kwargs):
    return svc.objection_lodge(record=record, grounds="该笔款项已全额支付，记录与事实不符。", channel="department",
                               acting_user=officer, received_at=beijing(2026, 9, 28), **kwargs)


def _due(case, kind):
    return svc.case_deadline(case, kind).due_date


def _statuses(case):
    return [(e.from_state, e.to_state) for e in audit_trail(case) if e.to_state]


def test_lodging_marks_the_record_under_objection_and_sets_the_reply_due_across_national_day(world, at):
    record, officer, *_ = world
    case = _lodge(record, officer)
    assert case.number == "YY-2026-000001"
    assert case.received_on == D(2026, 9, 28)
    record.refresh_from_db()
    assert record.status == RecordStatus.UNDER_OBJECTION
    assert _due(case, DeadlineKind.REPLY) == D(2026, 10, 23)


def test_received_late_evening_beijing_counts_from_that_beijing_day(world, at):
    record, officer, *_ = world
    case = svc.objection_lodge(record=record, grounds="记录与事实不符，请予核查更正。", channel="department",
                               acting_user=officer, received_at=beijing(2026, 9, 30, 23, 30))
    assert case.received_on == D(2026, 9, 30)
    assert svc.case_deadline(case, DeadlineKind.REPLY).start_date == case.received_on  # the one conversion
    # 15 working days after 30 Sept: 10-08, 10-09, Saturday 10-10, then 10-12 … 10-27.
    assert _due(case, DeadlineKind.REPLY) == D(2026, 10, 27)


def test_not_accepted_path(world, at):
    record, officer, handler, _ = world
    case = _lodge(record, officer)
    at(2026, 9, 29)
    case = svc.objection_reject(case=case, reason="no_grounds", explanation="未提供任何证明材料。", acting_user=handler)
    case.refresh_from_db()
    record.refresh_from_db()
    assert case.status == ObjectionStatus.NOT_ACCEPTED
    assert record.status == RecordStatus.ACTIVE
    assert [letter.kind for letter in letters_about(case)] == ["receipt", "non_acceptance_notice"]
    assert svc.case_deadline(case, DeadlineKind.REPLY).met_at is not None


def test_materials_pause_the_reply_clock_then_upheld_with_correction(world, at):
    record, officer, handler, other_handler = world
    case = _lodge(record, officer)
    at(2026, 9, 29)
    case = svc.objection_accept(case=case, acting_user=handler)
    case.refresh_from_db()
    assert case.status == ObjectionStatus.UNDER_VERIFICATION
    # Materials requested on 30 Sept; the clock stands still from 1 Oct.
    at(2026, 9, 30)
    case = svc.objection_request_materials(case=case, materials="付款凭证原件扫描件\n银行回单", acting_user=handler)
    case.refresh_from_db()
    assert case.status == ObjectionStatus.AWAITING_MATERIALS
    assert _due(case, DeadlineKind.MATERIALS) == D(2026, 10, 20)  # 10 working days after 30 Sept
    assert svc.case_deadline(case, DeadlineKind.REPLY).due_date is None  # paused
    # Supplied on Friday 9 Oct: paused 1–9 Oct, of which 10-08 and 10-09 are working days.
    at(2026, 10, 9)
    case = svc.objection_supply_materials(case=case, note="已补充银行回单。", acting_user=officer)
    case.refresh_from_db()
    assert case.status == ObjectionStatus.UNDER_VERIFICATION
    assert _due(case, DeadlineKind.REPLY) == D(2026, 10, 27)  # 10-23 plus the two paused working days
    at(2026, 10, 14)
    case = svc.objection_decide(case=case, outcome="partly_upheld", reasons="付款已完成，逾期天数有误。",
                         correction={"facts": "逾期支付合同价款（已于2026年1月付清）。", "severity": "minor"},
                         acting_user=handler)
    report = PlatformReport.objects.get()
    assert _due(report, DeadlineKind.PROVINCIAL_REPORT) == D(2026, 10, 21)
    at(2026, 10, 15)
    case = svc.objection_reply(case=case, acting_user=handler)
    case.refresh_from_db()
    record.refresh_from_db()
    assert case.status == ObjectionStatus.FOLLOWING_UP
    assert record.status == RecordStatus.CORRECTED and record.severity == "minor" and not record.is_published
    change = RecordChange.objects.get(record=record)
    assert change.before["severity"] == "general" and change.after["severity"] == "minor"
    kinds = [letter.kind for letter in letters_about(case)]
    assert kinds == ["receipt", "acceptance_notice", "materials_request", "objection_reply", "correction_feedback"]
    # Two departments each lift their own measure.
    liftings = list(svc.case_liftings(case))
    assert {lifting.department_id for lifting in liftings} == {handler.department_id, other_handler.department_id}
    svc.objection_confirm_lifting(case=case, measure_id=liftings[0].measure_id, acting_user=handler)
    case.refresh_from_db()
    with pytest.raises(NotPermittedError):
        svc.objection_confirm_lifting(case=case, measure_id=liftings[1].measure_id, acting_user=handler)
        case.refresh_from_db()
    svc.objection_confirm_lifting(case=case, measure_id=liftings[1].measure_id, acting_user=other_handler)
    case.refresh_from_db()
    case.refresh_from_db()
    assert case.status == ObjectionStatus.FOLLOWING_UP  # the report is still pending
    svc.objection_confirm_report(case=case, receipt="JLXY-20261016-0001", acting_user=handler)
    case.refresh_from_db()
    case.refresh_from_db()
    assert case.status == ObjectionStatus.CLOSED
    assert set(record.measures.values_list("status", flat=True)) == {MeasureStatus.LIFTED}
    assert "measure_lifting_notice" in [letter.kind for letter in letters_about(case)]
    assert _statuses(case)[-1] == (ObjectionStatus.FOLLOWING_UP, ObjectionStatus.CLOSED)


def test_upheld_with_revocation_lifts_measures_of_both_departments(world, at):
    record, officer, handler, other_handler = world
    case = _lodge(record, officer)
    case = svc.objection_accept(case=case, acting_user=handler)
    at(2026, 10, 8)
    case = svc.objection_decide(case=case, outcome="upheld", reasons="认定依据不成立。", revoke=True, acting_user=handler)
    case = svc.objection_reply(case=case, acting_user=handler)
    record.refresh_from_db()
    assert record.status == RecordStatus.REVOKED
    for lifting in svc.case_liftings(case):
        user = handler if lifting.department_id == handler.department_id else other_handler
        svc.objection_confirm_lifting(case=case, measure_id=lifting.measure_id, acting_user=user)
        case.refresh_from_db()
    svc.objection_confirm_report(case=case, receipt="R-1", acting_user=handler)
    case.refresh_from_db()
    case.refresh_from_db()
    assert case.status == ObjectionStatus.CLOSED
    assert PlatformReport.objects.get().change == PlatformReport.Change.REVOKED
    assert MeasureLifting.objects.filter(confirmed_at__isnull=False).count() == 2


def test_not_upheld_closes_on_reply_and_the_record_is_active_again(world, at):
    record, officer, handler, _ = world
    case = _lodge(record, officer)
    case = svc.objection_accept(case=case, acting_user=handler)
    case = svc.objection_decide(case=case, outcome="not_upheld", reasons="经核查，记录属实。", acting_user=handler)
    assert not PlatformReport.objects.exists()
    case = svc.objection_reply(case=case, acting_user=handler)
    case.refresh_from_db()
    record.refresh_from_db()
    assert case.status == ObjectionStatus.CLOSED
    assert record.status == RecordStatus.ACTIVE
    assert [letter.kind for letter in letters_about(case)] == ["receipt", "acceptance_notice", "objection_reply"]


def test_withdrawn_before_the_decision(world, at):
    record, officer, handler, _ = world
    case = _lodge(record, officer)
    case = svc.objection_accept(case=case, acting_user=handler)
    case = svc.objection_withdraw(case=case, reason="已与认定部门沟通一致。", acting_user=officer)
    case.refresh_from_db()
    record.refresh_from_db()
    assert case.status == ObjectionStatus.WITHDRAWN and record.status == RecordStatus.ACTIVE


def test_no_withdrawal_after_the_decision(world, at):
    record, officer, handler, _ = world
    case = _lodge(record, officer)
    case = svc.objection_accept(case=case, acting_user=handler)
    case = svc.objection_decide(case=case, outcome="not_upheld", reasons="记录属实。", acting_user=handler)
    with pytest.raises(TransitionNotAllowedError) as exc:
        case = svc.objection_withdraw(case=case, acting_user=officer)
    assert exc.value.allowed == []


def test_every_transition_writes_one_audit_row(world, at):
    record, officer, handler, _ = world
    case = _lodge(record, officer)
    case = svc.objection_accept(case=case, acting_user=handler)
    assert _statuses(case) == [
        ("", ObjectionStatus.LODGED),
        (ObjectionStatus.LODGED, ObjectionStatus.ACCEPTED),
        (ObjectionStatus.ACCEPTED, ObjectionStatus.UNDER_VERIFICATION),
    ]
    entry = audit_trail(case).get(action="accept")
    assert entry.actor == handler


def test_another_department_cannot_act(world, at):
    record, officer, _, other_handler = world
    case = _lodge(record, officer)
    with pytest.raises(NotPermittedError):
        case = svc.objection_accept(case=case, acting_user=other_handler)
    assert not AuditEntry.objects.filter(action="accept").exists()


def test_a_subject_cannot_object_to_another_subjects_record(world, at):
    record, *_ = world
    stranger = UserFactory(subject_officer=True)
    with pytest.raises(DomainError) as exc:
        _lodge(record, stranger)
    assert "不存在" in exc.value.message_dict["record"][0]


def test_a_second_objection_to_the_same_record_is_refused(world, at):
    record, officer, *_ = world
    first = _lodge(record, officer)
    with pytest.raises(DomainError) as exc:
        _lodge(record, officer)
    assert first.number in exc.value.message_dict["record"][0]


def test_acting_on_a_stale_copy_is_a_conflict(world, at):
    record, officer, handler, _ = world
    case = _lodge(record, officer)
    stale = type(case).objects.get(pk=case.pk)
    case = svc.objection_accept(case=case, acting_user=handler)
    with pytest.raises(ConcurrentChangeError):
        svc.objection_reject(case=stale, reason="no_grounds", acting_user=handler)


def test_upheld_needs_a_correction_or_revocation(world, at):
    record, officer, handler, _ = world
    case = _lodge(record, officer)
    case = svc.objection_accept(case=case, acting_user=handler)
    with pytest.raises(DomainError) as exc:
        case = svc.objection_decide(case=case, outcome="upheld", reasons="x", acting_user=handler)
    assert "correction" in exc.value.message_dict
    with pytest.raises(DomainError):
        case = svc.objection_decide(case=case, outcome="upheld", reasons="x", correction={"number": "X"},
                             acting_user=handler)


def test_platform_channel_is_handled_by_the_platform_and_verified_by_the_determining_department(world, at):
    record, officer, handler, _ = world
    platform = DepartmentFactory(name="测试市信用信息中心", jurisdiction=record.subject.jurisdiction,
                                 is_determining=False, is_platform_operator=True)
    platform_handler = UserFactory(handler=True, department=platform)
    case = svc.objection_lodge(record=record, grounds="平台公示的信息与认定文书不一致。", channel="platform",
                               acting_user=officer, received_at=beijing(2026, 9, 28))
    assert case.handling_department == platform and case.determining_department == record.determined_by
    with pytest.raises(NotPermittedError):
        case = svc.objection_accept(case=case, acting_user=handler)
    case = svc.objection_accept(case=case, acting_user=platform_handler)
    with pytest.raises(NotPermittedError):
        case = svc.objection_decide(case=case, outcome="not_upheld", reasons="属实", acting_user=platform_handler)
    case = svc.objection_decide(case=case, outcome="not_upheld", reasons="属实", acting_user=handler)
    case = svc.objection_reply(case=case, acting_user=platform_handler)
    reply = [letter for letter in letters_about(case) if letter.kind == "objection_reply"][0]
    assert reply.issuer_name == platform.name


def test_limits_are_settings(world, at, settings):
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "objection_reply_working_days": 5}
    record, officer, *_ = world
    case = _lodge(record, officer)
    assert _due(case, DeadlineKind.REPLY) == D(2026, 10, 10)  # 09-29, 09-30, 10-08, 10-09, Saturday 10-10


# --- classified content and ID numbers are refused on every write (seed 二(十)) ---

def test_a_correction_with_a_secrecy_marking_is_refused_and_the_record_keeps_its_text(world, at):
    record, officer, handler, _ = world
    case = svc.objection_accept(case=_lodge(record, officer), acting_user=handler)
    with pytest.raises(DomainError) as exc:
        svc.objection_decide(case=case, outcome="upheld", reasons="认定依据有误。",
                             correction={"facts": "机密★10年 某专项资金使用情况"}, acting_user=handler)
    assert set(exc.value.error_dict) == {"correction.facts"} and "机密★" in exc.value.messages[0]
    case.refresh_from_db()
    assert case.status == ObjectionStatus.UNDER_VERIFICATION and case.correction == {}
    assert not PlatformReport.objects.exists()


def test_a_correction_with_a_full_id_number_is_refused_a_masked_one_is_kept(world, at):
    record, officer, handler, _ = world
    case = svc.objection_accept(case=_lodge(record, officer), acting_user=handler)
    with pytest.raises(DomainError) as exc:
        svc.objection_decide(case=case, outcome="partly_upheld", reasons="逾期天数有误。",
                             correction={"facts": "法定代表人（身份证号220102198001011234）逾期支付。"},
                             acting_user=handler)
    assert "220102********1234" in exc.value.messages[0] and "220102198001011234" not in exc.value.messages[0]
    case = svc.objection_decide(case=case, outcome="partly_upheld", reasons="逾期天数有误。",
                                correction={"facts": "法定代表人（身份证号220102********1234）逾期支付。"},
                                acting_user=handler)
    assert case.correction["fields"]["facts"].startswith("法定代表人（身份证号220102********1234）")


@pytest.mark.parametrize("grounds", ["本条含国家秘密内容，不应公示。", "秘密 某事项的记录与事实不符"])
def test_grounds_with_classified_content_are_refused_at_lodging(world, at, grounds):
    record, officer, *_ = world
    with pytest.raises(DomainError) as exc:
        svc.objection_lodge(record=record, grounds=grounds, channel="department", acting_user=officer)
    assert "grounds" in exc.value.error_dict
    record.refresh_from_db()
    assert record.status == RecordStatus.ACTIVE and not record.objections.exists()


def test_materials_request_reasons_and_withdrawal_are_checked_too(world, at):
    record, officer, handler, _ = world
    case = svc.objection_accept(case=_lodge(record, officer), acting_user=handler)
    with pytest.raises(DomainError) as exc:
        svc.objection_request_materials(case=case, materials="绝密★ 某项目合同", acting_user=handler)
    assert "materials" in exc.value.error_dict
    with pytest.raises(DomainError) as exc:
        svc.objection_decide(case=case, outcome="not_upheld", reasons="涉密事项，记录属实。", acting_user=handler)
    assert "reasons" in exc.value.error_dict
    with pytest.raises(DomainError) as exc:
        svc.objection_withdraw(case=case, reason="机密★1年", acting_user=officer)
    case.refresh_from_db()
    assert case.status == ObjectionStatus.UNDER_VERIFICATION
