"""Complaints through the services: lodged without an account, to the supervisor office of the
body's jurisdiction; accepted or not, transferred with a time limit, findings, answer, close;
duplicates linked; the complainant named in no letter and no history row."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from calendars.arithmetic import add_working_days
from casework.errors import DomainError, NotPermittedError
from casework.models import AuditEntry, ComplaintStatus
from casework.models.deadlines import DeadlineKind
from casework.permissions import complaint_identity_visible_to, complaints_visible_to
from casework.services import complaints as svc
from casework.services import followup
from letters.selectors import letters_about
from tests.factories import UserFactory, pdf_upload

pytestmark = pytest.mark.django_db
NAME, CONTACT = "王某某", "13900000000"
FACTS = "该县政府与我公司签订的采购合同约定2026年3月付款，至今未付，多次催告无果。"


@pytest.fixture
def world(rectification_world):
    return rectification_world


def _lodge(world, **kwargs):
    values = {"subject": world["government"], "facts": FACTS, "occurred_on": datetime.date(2026, 3, 31),
              "complainant_name": NAME, "complainant_contact": CONTACT}
    values.update(kwargs)
    case = svc.complaint_lodge(**values)
    return case, case.lookup_code


def _identity_nowhere(case):
    """No letter (addressee, context) and no history row of `case` names the complainant."""
    for letter in letters_about(case):
        text = f"{letter.addressee} {letter.context}"
        assert NAME not in text and CONTACT not in text, letter.kind
    entries = AuditEntry.objects.filter(target_type=ContentType.objects.get_for_model(case), target_id=case.pk)
    for entry in entries:
        assert NAME not in f"{entry.reason} {entry.details}" and CONTACT not in f"{entry.reason} {entry.details}"


def test_lodged_complaint_goes_to_the_office_above_the_county_with_a_receipt_and_acceptance_limit(world, at):
    case, code = _lodge(world, files=[pdf_upload()])
    assert case.number.startswith("TS-2026-")
    assert case.handling_office == world["office"]  # the county has no office of its own: the city's
    assert case.status == ComplaintStatus.RECEIVED
    deadline = followup.case_deadline(case, DeadlineKind.COMPLAINT_ACCEPTANCE)
    assert deadline.working_days == 5
    assert deadline.due_date == add_working_days(datetime.date(2026, 9, 28), 5)  # across National Day
    assert deadline.acting_department_id == world["office"].pk and deadline.stated_in_letter
    receipt = letters_about(case).get(kind="receipt")
    assert receipt.addressee == "投诉人" and receipt.context["case_kind"] == "政务失信投诉"
    assert case.evidence.count() == 1
    # The code is shown once: only its hash is stored, and it proves the case.
    assert code not in case.lookup_code_hash and len(code) == 12
    assert svc.complaint_lookup_matches(case, code.lower()) and not svc.complaint_lookup_matches(case, "X" * 12)
    _identity_nowhere(case)


def test_acceptance_limit_is_the_setting(world, at, settings):
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "complaint_acceptance_working_days": 3}
    case, _code = _lodge(world)
    assert followup.case_deadline(case, DeadlineKind.COMPLAINT_ACCEPTANCE).working_days == 3


def test_same_body_and_text_within_the_window_is_kept_and_linked_to_the_first(world, at):
    first, _ = _lodge(world)
    at(2026, 10, 20)
    again, _ = _lodge(world, facts=FACTS.replace("，", ", ") + "  ", complainant_name="", complainant_contact="")
    assert again.duplicate_of == first and again.pk != first.pk
    assert list(first.duplicates.all()) == [again]
    at(2026, 12, 1)
    later, _ = _lodge(world)
    assert later.duplicate_of is None  # past the 30 days


def test_other_text_or_other_body_is_no_duplicate(world, at, rectification_world):
    first, _ = _lodge(world)
    other, _ = _lodge(world, facts="县政府在招商引资中承诺的奖励资金至今未兑现，相关文件附后。")
    assert other.duplicate_of is None and first.duplicate_of is None


def test_whole_path_transfer_findings_by_the_department_answer_and_close(world, at):
    case, _ = _lodge(world)
    department = world["determining"].department
    svc.complaint_accept(case=case, acting_user=world["handler"])
    assert followup.case_deadline(case, DeadlineKind.COMPLAINT_ACCEPTANCE).met_at is not None
    case.refresh_from_db()
    svc.complaint_transfer(case=case, department_id=department.pk, requirements="请核实合同履行情况并书面报告。",
                           acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == ComplaintStatus.TRANSFERRED and case.transferred_to == department
    handling = followup.case_deadline(case, DeadlineKind.COMPLAINT_HANDLING)
    assert handling.working_days == 15 and handling.stated_in_letter
    transfer = letters_about(case).get(kind="complaint_transfer")
    assert transfer.addressee == department.name and transfer.context["deadline_on"] == handling.due_date.isoformat()
    # The department sees the complaint, never who made it; it records the findings.
    assert complaints_visible_to(world["determining"]).filter(pk=case.pk).exists()
    assert not complaint_identity_visible_to(world["determining"], case)
    svc.complaint_record_findings(case=case, findings="经核实，合同款项确未按期支付。", acting_user=world["determining"])
    case.refresh_from_db()
    assert followup.case_deadline(case, DeadlineKind.COMPLAINT_HANDLING).met_at is not None
    with pytest.raises(NotPermittedError):
        svc.complaint_answer(case=case, answer="已责令限期支付。", acting_user=world["determining"])
    svc.complaint_answer(case=case, answer="已责令限期支付。", acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == ComplaintStatus.ANSWERED
    answer = letters_about(case).get(kind="complaint_answer")
    assert answer.addressee == "投诉人" and answer.context["findings"].startswith("经核实")
    svc.complaint_close(case=case, acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == ComplaintStatus.CLOSED and case.closed_at is not None
    _identity_nowhere(case)


def test_anonymous_complaint_is_closed_by_its_answer_kept_for_lookup(world, at):
    case, _ = _lodge(world, complainant_name="", complainant_contact="")
    assert case.is_anonymous
    svc.complaint_accept(case=case, acting_user=world["handler"])
    case.refresh_from_db()
    svc.complaint_record_findings(case=case, findings="经核实，情况属实。", acting_user=world["handler"])
    case.refresh_from_db()
    svc.complaint_answer(case=case, answer="已督促整改。", acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == ComplaintStatus.CLOSED and case.answer == "已督促整改。"


def test_not_accepted_ends_with_the_reason(world, at):
    case, _ = _lodge(world)
    svc.complaint_not_accept(case=case, reason="所反映问题不属于政务失信行为。", acting_user=world["handler"])
    case.refresh_from_db()
    assert case.status == ComplaintStatus.NOT_ACCEPTED and case.closed_at is not None
    assert case.decision_reason == "所反映问题不属于政务失信行为。"
    assert letters_about(case).get(kind="complaint_answer").context["accepted"] is False


def test_only_the_handling_office_decides_and_sees_the_complainant(world, at):
    case, _ = _lodge(world)
    with pytest.raises(NotPermittedError):
        svc.complaint_accept(case=case, acting_user=world["determining"])
    assert complaint_identity_visible_to(world["handler"], case)
    assert complaint_identity_visible_to(UserFactory(), case)  # an administrator
    assert not complaint_identity_visible_to(world["supervisor"], case)
    # The body complained about sees no complaint at all.
    assert not complaints_visible_to(world["officer"]).exists()
    assert complaints_visible_to(world["supervisor"]).filter(pk=case.pk).exists()


def test_links_to_a_record_and_a_rectification_both_ways(world, at):
    from casework.services.rectifications import rectification_order

    case, _ = _lodge(world)
    with pytest.raises(DomainError):
        svc.complaint_link(case=case, record_number=world["record"].number, acting_user=world["handler"])
    svc.complaint_accept(case=case, acting_user=world["handler"])
    order = rectification_order(subject=world["government"], records=[world["record"]], requirements="限期支付",
                                acting_user=world["handler"])
    svc.complaint_link(case=case, record_number=world["record"].number, rectification_number=order.number,
                       acting_user=world["handler"])
    assert list(world["record"].complaints.all()) == [case]
    assert list(order.complaints.all()) == [case]
    with pytest.raises(DomainError):
        svc.complaint_link(case=case, record_number="XX-0", acting_user=world["handler"])


def test_input_limits_and_file_rules(world, at):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(DomainError):
        _lodge(world, facts="太短")
    with pytest.raises(DomainError):
        _lodge(world, facts="很长" * 3000)
    with pytest.raises(DomainError):
        _lodge(world, occurred_on=datetime.date(2026, 10, 1))  # after today
    with pytest.raises(DomainError):
        _lodge(world, files=[SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", content_type="application/pdf")])
