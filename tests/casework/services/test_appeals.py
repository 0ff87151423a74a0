"""Appeals against a repair decision through the services: lodged by the subject within the
window after the decision letter, one open at a time, heard by the office above the deciding
department within 10 working days; accept or not, decide, withdraw; letters once, audit rows."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from casework.errors import DomainError, NotPermittedError, TransitionNotAllowedError
from casework.models import AppealOutcome, AppealStatus, AuditEntry, EvidenceFile
from casework.models.deadlines import DeadlineKind
from casework.permissions import appeals_visible_to, repairs_visible_to
from casework.services import appeals as svc
from casework.services import followup
from casework.services.repairs import repair_apply
from letters.selectors import letters_about
from tests.factories import DepartmentFactory, SubjectFactory, UserFactory, pdf_upload, rejected_repair

pytestmark = pytest.mark.django_db
D = datetime.date
GROUNDS = "拖欠款项已于2026年7月全部付清，决定书认定未挽回损失与事实不符。"


@pytest.fixture
def world(appeal_parties):
    return appeal_parties


def _decided_repair(world, at, *, decided=(2026, 8, 3)):
    return rejected_repair(world, at, applied=(2026, 7, 20), decided=decided)


@pytest.fixture
def lodged(world, at):
    """An appeal lodged on Monday 2026-09-28 against the repair decision of Monday 2026-08-03."""
    repair = _decided_repair(world, at)
    at(2026, 9, 28)
    return _lodge(world, repair)


def _lodge(world, repair, **kwargs):
    values = {"repair": repair, "grounds": GROUNDS, "files": [pdf_upload()], "acting_user": world["officer"]}
    values.update(kwargs)
    return svc.repair_appeal_lodge(**values)


def _decision_due(case):
    return followup.case_deadline(case, DeadlineKind.APPEAL_DECISION)


def _audit(obj):
    """The history of `obj`'s own steps (the deadlines' rows left out)."""
    actions = (AuditEntry.objects.filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)
               .order_by("pk").values_list("action", flat=True))
    return [action for action in actions if not action.startswith("deadline")]


# --- lodging ---


def test_lodged_appeal_goes_to_the_office_above_the_deciding_department_due_in_ten_working_days(
        world, lodged):
    case = lodged
    repair = case.repair
    assert case.number.startswith("SS-2026-") and case.status == AppealStatus.RECEIVED
    assert case.handling_office == world["office"] and case.subject == world["government"]
    # 09-29, 09-30, 10-08, 10-09, Saturday 10-10 (make-up day), 10-12 … 10-16.
    due = _decision_due(case)
    assert (due.working_days, due.due_date) == (10, D(2026, 10, 16))
    assert due.acting_department_id == world["office"].pk and due.stated_in_letter
    receipt = letters_about(case).get()
    assert receipt.kind == "receipt" and receipt.context["case_kind"] == "信用修复申诉"
    assert receipt.context["due_on"] == "2026-10-16" and receipt.issuer_name == "市联席会议办公室"
    assert list(case.evidence.values_list("purpose", flat=True)) == [EvidenceFile.Purpose.APPEAL]
    assert _audit(case) == ["lodge"] and "appeal_lodged" in _audit(repair)


def test_the_sunday_make_up_day_before_national_day_counts(world, at):
    repair = _decided_repair(world, at)
    at(2026, 9, 18)  # Friday: Sunday 09-20 is a working day; 09-25 (Mid-Autumn) and 10-01 … 10-07 are not.
    case = _lodge(world, repair)
    # 09-20 (1), 09-21 … 09-24 (2–5), 09-28 … 09-30 (6–8), 10-08 (9), 10-09 (10).
    assert _decision_due(case).due_date == D(2026, 10, 9)


def test_the_window_ending_in_the_national_day_holiday_runs_to_the_next_working_day(world, at):
    repair = _decided_repair(world, at)  # the letter is issued on Monday 2026-08-03
    assert svc.repair_decision_letter(repair).issued_on == D(2026, 8, 3)
    # 60 days later is 10-02, inside the holiday: the last day is Thursday 10-08.
    assert svc.appeal_last_day(D(2026, 8, 3)) == D(2026, 10, 8)
    at(2026, 10, 9)
    with pytest.raises(DomainError) as late:
        _lodge(world, repair)
    assert "申诉期限已过" in str(late.value) and "2026年10月8日" in str(late.value)
    at(2026, 10, 8)
    assert _lodge(world, repair).status == AppealStatus.RECEIVED


def test_one_open_appeal_per_decision_and_another_after_it_ends(world, at):
    repair = _decided_repair(world, at)
    at(2026, 9, 28)
    first = _lodge(world, repair)
    with pytest.raises(DomainError, match="已有正在处理的申诉"):
        _lodge(world, repair)
    svc.appeal_withdraw(case=first, acting_user=world["officer"])
    assert _lodge(world, repair).status == AppealStatus.RECEIVED


def test_an_undecided_repair_cannot_be_appealed(world, at):
    at(2026, 7, 20)
    repair = repair_apply(record=world["record"], losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                          commitment_file=pdf_upload("承诺书.pdf"), acting_user=world["officer"])
    with pytest.raises(DomainError, match="尚未作出决定"):
        _lodge(world, repair)


def test_only_the_repair_subjects_officer_appeals_and_the_grounds_must_say_something(world, at):
    repair = _decided_repair(world, at)
    at(2026, 9, 28)
    for user in (world["handler"], UserFactory(subject_officer=True, subject=SubjectFactory())):
        with pytest.raises(NotPermittedError):
            _lodge(world, repair, acting_user=user)
    with pytest.raises(DomainError, match="申诉理由"):
        _lodge(world, repair, grounds="不服")


# --- scope ---


def test_the_office_the_department_the_subject_and_the_supervisor_see_it_no_one_else(world, lodged):
    case = lodged
    repair = case.repair
    for who in ("handler", "determining", "officer", "supervisor"):
        assert appeals_visible_to(world[who]).filter(pk=case.pk).exists(), who
    stranger = UserFactory(handler=True, department=DepartmentFactory())
    other_officer = UserFactory(subject_officer=True, subject=SubjectFactory())
    for user in (stranger, other_officer):
        assert not appeals_visible_to(user).exists()
    # The office hearing the appeal reads the repair application it is about.
    assert repairs_visible_to(world["handler"]).filter(pk=repair.pk).exists()


# --- handling ---


def test_accept_then_decide_upheld_issues_the_decision_once_copied_to_the_department(world, at, lodged):
    case = lodged
    repair = case.repair
    with pytest.raises(NotPermittedError):
        svc.appeal_accept(case=case, acting_user=world["determining"])
    case = svc.appeal_accept(case=case, reason="在申诉期限内提出，予以受理。", acting_user=world["handler"])
    assert case.status == AppealStatus.REVIEWING
    with pytest.raises(DomainError, match="处理理由"):
        svc.appeal_decide(case=case, outcome=AppealOutcome.UPHELD, reasons=" ", acting_user=world["handler"])
    at(2026, 10, 12)
    case = svc.appeal_decide(case=case, outcome=AppealOutcome.UPHELD, reasons="欠款已付清属实，原决定认定有误。",
                             acting_user=world["handler"])
    assert case.status == AppealStatus.DECIDED and case.outcome == AppealOutcome.UPHELD and case.closed_at
    assert _decision_due(case).met_at is not None
    decision = letters_about(case).get(kind="appeal_decision")
    assert decision.addressee == world["government"].name and decision.cc == ["市财政局"]
    assert decision.context["outcome"] == "upheld" and decision.context["repair_decided_on"] == "2026-08-03"
    assert _audit(case) == ["lodge", "accept", "decide"]
    assert _audit(repair)[-1] == "appeal_decided"
    with pytest.raises(TransitionNotAllowedError):
        svc.appeal_decide(case=case, outcome=AppealOutcome.DISMISSED, reasons="再次决定。",
                          acting_user=world["handler"])
    assert letters_about(case).filter(kind="appeal_decision").count() == 1


def test_not_accepted_ends_the_appeal_with_the_reason_in_the_decision_letter(world, lodged):
    case = lodged
    with pytest.raises(DomainError, match="不予受理的理由"):
        svc.appeal_not_accept(case=case, reason="", acting_user=world["handler"])
    case = svc.appeal_not_accept(case=case, reason="申诉事项不属于对信用修复决定的异议。", acting_user=world["handler"])
    assert case.status == AppealStatus.NOT_ACCEPTED and case.closed_at
    decision = letters_about(case).get(kind="appeal_decision")
    assert decision.context["accepted"] is False and "不属于" in decision.context["reasons"]
    assert _decision_due(case).met_at is not None


def test_the_subject_withdraws_before_the_decision_not_after(world, lodged):
    case = lodged
    with pytest.raises(NotPermittedError):
        svc.appeal_withdraw(case=case, acting_user=world["handler"])
    case = svc.appeal_accept(case=case, acting_user=world["handler"])
    case = svc.appeal_withdraw(case=case, reason="已与认定部门沟通。", acting_user=world["officer"])
    assert case.status == AppealStatus.WITHDRAWN and _decision_due(case).met_at is not None
    assert not letters_about(case).filter(kind="appeal_decision").exists()
    with pytest.raises(TransitionNotAllowedError):
        svc.appeal_withdraw(case=case, acting_user=world["officer"])


def test_a_decision_of_the_office_itself_is_heard_a_level_up(world):
    province_office = DepartmentFactory(name="省联席会议办公室", jurisdiction=world["office"].jurisdiction.parent,
                                        is_determining=False, is_supervisor_office=True)
    assert svc.appeal_office_for(world["office"]) == province_office
    assert svc.appeal_office_for(world["department"]) == world["office"]
