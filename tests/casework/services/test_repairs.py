"""Credit repair through the services: eligibility, review across National Day 2026, every decision."""

import datetime

import pytest

from casework.errors import ConcurrentChangeError, DomainError, NotPermittedError, TransitionNotAllowedError
from casework.models import (
    EvidenceFile,
    MeasureLifting,
    MeasureStatus,
    PlatformReport,
    RecordChange,
    RecordStatus,
    RepairCase,
    RepairStatus,
    Severity,
)
from casework.models.deadlines import DeadlineKind
from casework.services import followup
from casework.services import objections as objection_services
from casework.services import repairs as svc
from letters.selectors import letters_about
from tests.factories import (
    CreditRecordFactory,
    ObjectionCaseFactory,
    UserFactory,
    beijing,
    pdf_upload,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(two_department_record):
    return two_department_record


def _apply(world, **kwargs):
    values = {
        "record": world["record"], "losses_recovered": "已全额支付拖欠款项及利息，取得企业书面确认。",
        "commitment_signed": True, "commitment_file": pdf_upload("承诺书.pdf"), "evidence": [pdf_upload()],
        "acting_user": world["officer"], "received_at": beijing(2026, 9, 28),
    }
    values.update(kwargs)
    return svc.repair_apply(**values)


def _review(case):
    return followup.case_deadline(case, DeadlineKind.REPAIR_REVIEW)


# --- eligibility ---


def test_review_is_due_ten_working_days_after_receipt_across_national_day(world, at):
    case = _apply(world)
    assert case.status == RepairStatus.UNDER_REVIEW
    # 09-29, 09-30, 10-08, 10-09, Saturday 10-10 (make-up day), 10-12 … 10-16.
    assert _review(case).due_date == D(2026, 10, 16)
    world["record"].refresh_from_db()
    assert world["record"].status == RecordStatus.UNDER_REPAIR
    purposes = sorted(case.evidence.values_list("purpose", flat=True))
    assert purposes == [EvidenceFile.Purpose.COMMITMENT, EvidenceFile.Purpose.REPAIR]


def test_review_counts_the_sunday_make_up_day_before_national_day(world):
    case = _apply(world, received_at=beijing(2026, 9, 18))  # a Friday
    # Sunday 09-20 (make-up day), 09-21 … 09-24 (Friday 09-25 is Mid-Autumn), 09-28 … 09-30,
    # National Day 10-01 … 10-07 off, 10-08, 10-09.
    assert _review(case).due_date == D(2026, 10, 9)
    assert _review(case).working_days == 10


def test_the_review_length_is_the_setting(world, settings):
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "repair_review_working_days": 3}
    case = _apply(world)  # Monday 09-28: 09-29, 09-30, then 10-08 after the holiday
    assert _review(case).due_date == D(2026, 10, 8)


def test_the_commitment_the_subject_ticked_is_kept_with_the_case(world):
    from casework.repair_requirements import COMMITMENT_TEXT

    case = _apply(world)
    assert case.commitment_signed is True and case.commitment_text == COMMITMENT_TEXT


@pytest.mark.parametrize(
    "severity, applied, eligible_on",
    [(Severity.GENERAL, D(2026, 6, 15), "2026年6月16日"), (Severity.SERIOUS, D(2027, 3, 15), "2027年3月16日")],
)
def test_before_the_minimum_publication_period_the_refusal_names_the_day_it_ends(severity, applied, eligible_on):
    record = CreditRecordFactory(severity=severity)
    officer = UserFactory(subject_officer=True, subject=record.subject)
    with pytest.raises(DomainError) as err:
        svc.repair_apply(record=record, losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                         commitment_file=pdf_upload(), acting_user=officer,
                         received_at=beijing(applied.year, applied.month, applied.day))
    message = err.value.message_dict["record"][0]
    assert eligible_on in message and str(Severity(severity).label) in message
    assert not RepairCase.objects.exists()
    record.refresh_from_db()
    assert record.status == RecordStatus.ACTIVE


def test_on_the_day_the_period_ends_the_application_is_accepted():
    record = CreditRecordFactory(severity=Severity.GENERAL)
    officer = UserFactory(subject_officer=True, subject=record.subject)
    case = svc.repair_apply(record=record, losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                            commitment_file=pdf_upload(), acting_user=officer, received_at=beijing(2026, 6, 16))
    assert case.status == RepairStatus.UNDER_REVIEW


def test_a_minor_record_may_be_repaired_at_once():
    record = CreditRecordFactory(severity=Severity.MINOR, determined_on=D(2026, 9, 1))
    officer = UserFactory(subject_officer=True, subject=record.subject)
    eligibility = svc.repair_eligibility(record=record, subject_id=officer.subject_id, today=D(2026, 9, 1))
    assert eligibility.eligible


def test_periods_are_settings(settings):
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "repair_min_publication_months_general": 6}
    record = CreditRecordFactory(severity=Severity.GENERAL)
    eligibility = svc.repair_eligibility(record=record, subject_id=record.subject_id, today=D(2026, 9, 1))
    assert eligibility.eligible_on == D(2026, 9, 16)


def test_another_subjects_record_does_not_exist_for_the_applicant(world):
    stranger = UserFactory(subject_officer=True)
    with pytest.raises(DomainError) as err:
        _apply(world, acting_user=stranger)
    assert err.value.message_dict["record"] == ["所选信用记录不存在。"]


def test_a_record_under_objection_cannot_be_repaired_and_vice_versa(world, at):
    objection = ObjectionCaseFactory(record=world["record"], acting_user=world["officer"])
    with pytest.raises(DomainError) as err:
        _apply(world)
    assert objection.number in err.value.message_dict["record"][0]

    record = CreditRecordFactory(subject=world["record"].subject)
    case = _apply(world, record=record)
    with pytest.raises(DomainError) as err:
        objection_services.objection_lodge(record=record, grounds="记录与事实不符，请核查更正。",
                                           channel="department", acting_user=world["officer"])
    assert case.number in err.value.message_dict["record"][0]


def test_a_second_application_is_refused_while_the_first_is_open(world, at):
    first = _apply(world)
    with pytest.raises(DomainError) as err:
        _apply(world)
    assert first.number in err.value.message_dict["record"][0]


def test_the_commitment_needs_the_checkbox_and_the_signed_file(world, at):
    with pytest.raises(DomainError) as err:
        _apply(world, commitment_signed=False)
    assert "commitment_signed" in err.value.message_dict
    with pytest.raises(DomainError) as err:
        _apply(world, commitment_file=None)
    assert "commitment_file" in err.value.message_dict
    with pytest.raises(DomainError) as err:
        _apply(world, losses_recovered="", effects_removed="", harm_prevented="")
    assert "losses_recovered" in err.value.message_dict


def test_only_a_subject_officer_applies(world):
    with pytest.raises(NotPermittedError):
        _apply(world, acting_user=world["handler"])


# --- review ---


def test_materials_pause_the_review_then_it_resumes(world, at):
    case = _apply(world)
    at(2026, 9, 30)
    svc.repair_request_materials(case=case, materials="付款银行回单\n企业确认函", acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == RepairStatus.AWAITING_MATERIALS
    assert _review(case).due_date is None
    assert [letter.kind for letter in letters_about(case)] == ["receipt", "materials_request"]
    with pytest.raises(TransitionNotAllowedError):
        svc.repair_decide(case=case, approved=True, reasons="x", acting_user=world["handler"])
    at(2026, 10, 9)
    svc.repair_supply_materials(case=case, files=[pdf_upload("回单.pdf")], note="已补充", acting_user=world["officer"])
    case.refresh_from_db()
    assert case.status == RepairStatus.UNDER_REVIEW
    # Two days counted before the pause; eight more from 10-10 (make-up Saturday): 10-12 … 10-16, 10-19, 10-20.
    assert _review(case).due_date == D(2026, 10, 20)


def test_approved_repair_repairs_the_record_reports_it_and_adjusts_each_measure(world, at):
    case = _apply(world)
    at(2026, 10, 9)
    svc.repair_decide(
        case=case, approved=True, reasons="已主动挽回损失并消除不良影响。", findings="经审核，材料真实。",
        decisions=[{"measure": world["own"].pk, "decision": "waive", "reasons": "损失已全部挽回"},
                   {"measure": world["theirs"].pk, "decision": "apply_lighter"}],
        acting_user=world["handler"],
    )
    case.refresh_from_db()
    record = world["record"]
    record.refresh_from_db()
    assert case.status == RepairStatus.FOLLOWING_UP and case.approved is True
    assert record.status == RecordStatus.REPAIRED and record.is_published is False
    assert RecordChange.objects.get(record=record).action == RecordChange.Action.REPAIRED
    report = PlatformReport.objects.get()
    assert report.change == PlatformReport.Change.REPAIRED and report.case == case
    # 10-09 + 5 working days: Saturday 10-10, 10-12 … 10-15.
    assert followup.case_deadline(report, DeadlineKind.PROVINCIAL_REPORT).due_date == D(2026, 10, 15)
    assert _review(case).met_at is not None
    assert [letter.kind for letter in letters_about(case)] == ["receipt", "repair_decision"]
    decisions = {d["measure"]: d for d in case.measure_decisions}
    assert decisions[world["theirs"].pk]["reasons"] == "已主动挽回损失并消除不良影响。"
    liftings = {lifting.measure_id: lifting for lifting in followup.case_liftings(case)}
    assert liftings[world["own"].pk].action == "lift" and liftings[world["theirs"].pk].action == "apply_lighter"

    with pytest.raises(NotPermittedError):
        svc.repair_confirm_lifting(case=case, measure_id=world["theirs"].pk, acting_user=world["handler"])
    svc.repair_confirm_lifting(case=case, measure_id=world["own"].pk, acting_user=world["handler"])
    svc.repair_confirm_lifting(case=case, measure_id=world["theirs"].pk, acting_user=world["other"])
    world["own"].refresh_from_db()
    world["theirs"].refresh_from_db()
    assert world["own"].status == MeasureStatus.LIFTED and world["theirs"].status == MeasureStatus.REDUCED
    case.refresh_from_db()
    assert case.status == RepairStatus.FOLLOWING_UP  # the platform has not acknowledged yet
    svc.repair_confirm_report(case=case, receipt="SJPT-7", acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == RepairStatus.CLOSED and case.closed_at is not None


def test_the_platforms_acknowledgement_closes_a_repair_too(world, at):
    case = _apply(world)
    svc.repair_decide(case=case, approved=True, reasons="已挽回损失。",
                      decisions=[{"measure": world["own"].pk, "decision": "reject"},
                                 {"measure": world["theirs"].pk, "decision": "reject"}],
                      acting_user=world["handler"])
    assert not MeasureLifting.objects.exists()
    followup.platform_report_acknowledge(report=PlatformReport.objects.get(), receipt="R1", at=beijing(2026, 9, 29))
    case.refresh_from_db()
    assert case.status == RepairStatus.CLOSED


def test_approval_needs_a_decision_for_every_active_measure(world, at):
    case = _apply(world)
    with pytest.raises(DomainError) as err:
        svc.repair_decide(case=case, approved=True, reasons="已挽回损失。",
                          decisions=[{"measure": world["own"].pk, "decision": "waive"}], acting_user=world["handler"])
    assert "decisions" in err.value.message_dict
    with pytest.raises(DomainError):
        svc.repair_decide(case=case, approved=False, reasons="材料不实。",
                          decisions=[{"measure": world["own"].pk, "decision": "waive"}], acting_user=world["handler"])


def test_rejected_repair_leaves_the_record_active_and_ends_the_case(world, at):
    case = _apply(world)
    svc.repair_decide(case=case, approved=False, reasons="未能证明已挽回损失。", acting_user=world["handler"])
    case.refresh_from_db()
    world["record"].refresh_from_db()
    assert case.status == RepairStatus.REJECTED and case.closed_at is not None
    assert {d["decision"] for d in case.measure_decisions} == {"reject"}
    assert world["record"].status == RecordStatus.ACTIVE
    assert not PlatformReport.objects.exists()
    assert [letter.kind for letter in letters_about(case)] == ["receipt", "repair_decision"]


def test_only_the_determining_department_decides(world, at):
    case = _apply(world)
    with pytest.raises(NotPermittedError):
        svc.repair_decide(case=case, approved=False, reasons="x", acting_user=world["other"])
    with pytest.raises(NotPermittedError):
        svc.repair_decide(case=case, approved=False, reasons="x", acting_user=world["officer"])


def test_withdrawal_before_the_decision_frees_the_record(world, at):
    case = _apply(world)
    svc.repair_withdraw(case=case, reason="暂不申请", acting_user=world["officer"])
    case.refresh_from_db()
    world["record"].refresh_from_db()
    assert case.status == RepairStatus.WITHDRAWN
    assert world["record"].status == RecordStatus.ACTIVE
    assert _review(case).met_at is not None


def test_acting_on_a_stale_copy_is_a_conflict(world, at):
    case = _apply(world)
    stale = RepairCase.objects.get(pk=case.pk)
    svc.repair_request_materials(case=case, materials="回单", acting_user=world["handler"])
    with pytest.raises(ConcurrentChangeError):
        svc.repair_decide(case=stale, approved=False, reasons="x", acting_user=world["handler"])


def test_an_application_with_classified_text_is_refused(world, at):
    with pytest.raises(DomainError) as exc:
        _apply(world, losses_recovered="已全额支付拖欠款项，详见秘密★1年文件。")
    assert "losses_recovered" in exc.value.error_dict
    world["record"].refresh_from_db()
    assert not world["record"].repairs.exists()
