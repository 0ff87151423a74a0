"""Rectification orders through the services: order, explanation first, plan, progress,
completion, return with a new time limit, accountability, acceptance; results per jurisdiction."""

import datetime

import pytest

from casework.errors import DomainError, NotPermittedError, TransitionNotAllowedError
from casework.models import RectificationStatus, SubjectKind
from casework.models.deadlines import DeadlineKind
from casework.selectors import rectification_results_by_jurisdiction
from casework.services import followup
from casework.services import rectifications as svc
from letters.selectors import letters_about
from tests.factories import (
    CreditRecordFactory,
    SubjectFactory,
    SupervisorOfficeFactory,
    UserFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(rectification_world):
    return rectification_world


def _order(world, **kwargs):
    values = {"subject": world["government"], "records": [world["record"]],
              "requirements": "支付拖欠款项\n建立账款支付台账", "acting_user": world["handler"]}
    values.update(kwargs)
    return svc.rectification_order(**values)


def _limit(case):
    return followup.case_deadline(case, DeadlineKind.RECTIFICATION)


def _submit(case, world, kind, text="按要求报送的整改材料内容。"):
    case.refresh_from_db()
    return svc.rectification_submit(case=case, kind=kind, text=text, acting_user=world["officer"])


def _to_acceptance(case, world):
    """The government explains, plans and reports completion: the case waits for acceptance."""
    for kind in ("explanation", "plan", "completion"):
        _submit(case, world, kind)
    case.refresh_from_db()


def test_order_in_working_days_is_due_across_national_day_and_stated_in_the_letter(world, at):
    case = _order(world, limit_working_days=10)
    assert case.status == RectificationStatus.ORDERED
    assert _limit(case).due_date == D(2026, 10, 16)
    assert _limit(case).stated_in_letter
    letter, receipt = letters_about(case)
    assert letter.kind == "rectification_order" and letter.context["deadline_on"] == "2026-10-16"
    assert receipt.kind == "receipt" and receipt.context["due_on"] == "2026-10-16"


def test_a_limit_date_on_a_holiday_moves_to_the_next_working_day(world, at):
    case = _order(world, limit_date=D(2026, 10, 4))
    assert _limit(case).due_date == D(2026, 10, 8)


def test_without_a_limit_the_default_of_the_settings_applies(world, at, settings):
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "rectification_default_working_days": 5}
    case = _order(world)
    assert case.limit_working_days == 5 and _limit(case).due_date == D(2026, 10, 10)


def test_only_a_supervisor_office_above_the_government_orders_and_only_governments(world, at):
    with pytest.raises(NotPermittedError):
        _order(world, acting_user=UserFactory(handler=True, department=world["record"].determined_by))
    far_office = SupervisorOfficeFactory()
    with pytest.raises(NotPermittedError):
        _order(world, acting_user=UserFactory(handler=True, department=far_office))
    department = SubjectFactory(kind=SubjectKind.DEPARTMENT, jurisdiction=world["government"].jurisdiction)
    with pytest.raises(DomainError):
        _order(world, subject=department, records=[CreditRecordFactory(subject=department)])
    with pytest.raises(DomainError):
        _order(world, records=[CreditRecordFactory()])  # another subject's record


def test_the_written_explanation_comes_first(world, at):
    case = _order(world, limit_working_days=10)
    with pytest.raises(TransitionNotAllowedError) as err:
        _submit(case, world, "plan")
    assert "书面说明" in err.value.messages[0]
    _submit(case, world, "explanation")
    case.refresh_from_db()
    assert case.status == RectificationStatus.RECTIFYING
    with pytest.raises(TransitionNotAllowedError):
        _submit(case, world, "completion")  # the plan comes before the completion report


def test_return_with_a_new_limit_then_accountability_then_acceptance(world, at):
    case = _order(world, limit_working_days=10)
    _submit(case, world, "explanation")
    _submit(case, world, "plan")
    at(2026, 10, 9)
    _submit(case, world, "progress")
    case.refresh_from_db()
    svc.rectification_submit(case=case, kind="completion", text="拖欠款项已全部支付，台账已建立。",
                             files=[pdf_upload("付款凭证.pdf")], acting_user=world["officer"])
    case.refresh_from_db()
    assert case.status == RectificationStatus.UNDER_ACCEPTANCE
    assert _limit(case).met_at is not None
    with pytest.raises(NotPermittedError):
        svc.rectification_accept(case=case, opinion="通过", acting_user=world["officer"])

    returned = svc.rectification_return(case=case, reasons="台账未覆盖全部项目。", new_limit_date=D(2026, 10, 30),
                                        acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == RectificationStatus.RECTIFYING and returned.new_limit_date == D(2026, 10, 30)
    assert _limit(case).due_date == D(2026, 10, 30) and _limit(case).met_at is None

    at(2026, 10, 20)
    _submit(case, world, "completion", "台账已覆盖全部项目，附清单。")
    case.refresh_from_db()
    with pytest.raises(DomainError) as err:
        svc.rectification_accept(case=case, opinion="整改到位。", acting_user=world["handler"])
    assert "责任追究" in err.value.messages[0]
    svc.rectification_record_accountability(case=case, person="王某", position="县财政局局长",
                                            action_taken="诫勉谈话", acting_user=world["handler"])
    svc.rectification_accept(case=case, opinion="整改到位。", acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == RectificationStatus.ACCEPTED and case.closed_at is not None
    assert [letter.kind for letter in letters_about(case)] == [
        "rectification_order", "receipt", "rectification_acceptance", "rectification_acceptance"]
    assert case.returns.count() == 1
    assert case.evidence.get().purpose == "completion"


def test_a_return_without_a_new_limit_keeps_the_order_s_date(world, at):
    case = _order(world, limit_working_days=10)
    _to_acceptance(case, world)
    svc.rectification_return(case=case, reasons="材料不全。", acting_user=world["handler"])
    assert _limit(case).due_date == D(2026, 10, 16)


def test_another_government_cannot_submit(world, at):
    case = _order(world, limit_working_days=10)
    with pytest.raises(NotPermittedError):
        svc.rectification_submit(case=case, kind="explanation", text="这不是我们的整改通知内容。",
                                 acting_user=UserFactory(subject_officer=True))


def test_results_per_jurisdiction(world, at):
    done = _order(world, limit_working_days=10)
    _to_acceptance(done, world)
    svc.rectification_record_accountability(case=done, person="李某", position="副县长", action_taken="通报批评",
                                            acting_user=world["handler"])
    svc.rectification_accept(case=done, opinion="整改到位。", acting_user=world["handler"])
    _order(world, limit_working_days=3)  # due 2026-10-08, still open
    rows = rectification_results_by_jurisdiction(user=world["supervisor"], today=D(2026, 10, 12))
    assert len(rows) == 1
    row = rows[0]
    assert row["jurisdiction"] == world["government"].jurisdiction
    assert (row["ordered"], row["open"], row["overdue"], row["accepted"], row["accepted_on_time"],
            row["accountable"]) == (2, 1, 1, 1, 1, 1)
    assert rectification_results_by_jurisdiction(user=UserFactory(supervisor=True), today=D(2026, 10, 12)) == []


def test_classified_text_is_refused_in_every_rectification_write(world, at):
    with pytest.raises(DomainError) as exc:
        _order(world, requirements="支付拖欠款项\n秘密 某事项的整改")
    assert "requirements" in exc.value.error_dict
    case = _order(world)
    with pytest.raises(DomainError) as exc:
        _submit(case, world, "explanation", "本条含国家秘密内容，原因另行说明。")
    assert "text" in exc.value.error_dict
    _submit(case, world, "explanation")
    with pytest.raises(DomainError) as exc:
        svc.rectification_record_accountability(case=case, person="王某", position="县财政局局长",
                                                action_taken="依机密★10年文件处理", acting_user=world["handler"])
    assert "action_taken" in exc.value.error_dict
    assert not case.accountability.exists()
    _submit(case, world, "plan")
    case.refresh_from_db()
    svc.rectification_submit(case=case, kind="completion", text="拖欠款项已全部支付，台账已建立。",
                             acting_user=world["officer"])
    case.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        svc.rectification_return(case=case, reasons="绝密★长期", acting_user=world["handler"])
    assert "reasons" in exc.value.error_dict
    case.refresh_from_db()
    assert case.status == RectificationStatus.UNDER_ACCEPTANCE
