"""拟稿 → 审核 → 签发 of decision letters (workflows.signoff), on a department that signs everything off."""

import datetime
import io

import pytest

from casework.errors import DomainError, NotPermittedError
from casework.models import (
    AuditEntry,
    DraftComment,
    DraftStatus,
    LetterDraft,
    ObjectionStatus,
    RepairStatus,
)
from casework.models.deadlines import DeadlineKind
from casework.services.followup import case_deadline
from letters.selectors import letters_about
from tests.factories import CreditRecordFactory, DepartmentFactory, UserFactory, beijing
from tests.flow_steps import open_nodes
from workflows.actions import act
from workflows.objection_actions import objection_lodge
from workflows.signoff import draft_preview_pdf, draft_sign, payload_decode, payload_encode
from casework.services.letter_drafts import letter_draft_approve, letter_draft_return

pytestmark = pytest.mark.django_db

DECISION = {"outcome": "not_upheld", "reasons": "经核查，款项至今未支付，记录属实。"}


@pytest.fixture
def office(at):
    """A department that signs off every decision letter, with a drafter, a reviewer and a signer,
    and an objection lodged with it on Monday 28 September 2026 (reply due 23 October: National
    Day 1–7 October off, Saturday 10 October a working day)."""
    department = DepartmentFactory(one_step_letter_kinds=[])
    record = CreditRecordFactory(determined_by=department)
    officer = UserFactory(subject_officer=True, subject=record.subject)
    people = {
        "drafter": UserFactory(handler=True, department=department),
        "reviewer": UserFactory(handler=True, department=department, may_review=True),
        "signer": UserFactory(handler=True, department=department, may_sign_off=True),
    }
    case = objection_lodge(record=record, grounds="款项已付清，记录与事实不符，请核查。", channel="department",
                           acting_user=officer, received_at=beijing(2026, 9, 28))
    act(case=case, action="accept", acting_user=people["drafter"])
    return {"case": type(case).objects.get(pk=case.pk), "department": department, **people}


def _fresh(case):
    return type(case).objects.get(pk=case.pk)


def _replies(case):
    return [letter for letter in letters_about(case) if letter.kind == "objection_reply"]


def test_the_conclusion_is_drafted_returned_resubmitted_reviewed_and_signed_off_once(office, at):
    case = office["case"]
    at(2026, 9, 30)
    draft = act(case=case, action="decide", acting_user=office["drafter"],
                payload={**DECISION, "reasons": "记录属实。"})
    assert isinstance(draft, LetterDraft) and draft.status == DraftStatus.IN_REVIEW
    assert _fresh(case).status == ObjectionStatus.UNDER_VERIFICATION  # nothing took effect
    assert _replies(case) == []

    letter_draft_return(draft=draft, comment="理由过于简略，请写明核查经过。", acting_user=office["reviewer"])
    at(2026, 10, 8)
    draft = act(case=_fresh(case), action="decide", acting_user=office["drafter"], payload=DECISION)
    assert draft.status == DraftStatus.IN_REVIEW and draft.payload["reasons"] == DECISION["reasons"]
    at(2026, 10, 9)
    letter_draft_approve(draft=draft, comment="同意。", acting_user=office["reviewer"])
    assert open_nodes(case) == ["verify"] and _fresh(case).status == ObjectionStatus.UNDER_VERIFICATION

    at(2026, 10, 10)  # the Saturday made a working day
    draft_sign(draft=LetterDraft.objects.get(pk=draft.pk), acting_user=office["signer"])

    case = _fresh(case)
    assert case.status == ObjectionStatus.CLOSED  # not upheld: decided, replied and closed in the signed step
    assert open_nodes(case) == []
    [reply] = _replies(case)
    assert reply.issued_on == datetime.date(2026, 10, 10) and reply.issued_by == office["signer"]
    deadline = case_deadline(case, DeadlineKind.REPLY)
    assert deadline.due_date == datetime.date(2026, 10, 23)
    assert deadline.met_on == datetime.date(2026, 10, 10)  # met at issue, not at the first draft (30 September)
    draft.refresh_from_db()
    assert (draft.status, draft.drafted_by, draft.reviewed_by, draft.signed_by) == (
        DraftStatus.ISSUED, office["drafter"], office["reviewer"], office["signer"])
    assert [(c.step, c.returned, c.text) for c in DraftComment.objects.filter(draft=draft)] == [
        ("review", True, "理由过于简略，请写明核查经过。"), ("review", False, "同意。")]
    trail = list(AuditEntry.objects.filter(target_id=case.pk, action__startswith="draft_")
                 .order_by("pk").values_list("action", "actor"))
    assert trail == [("draft_submit", office["drafter"].pk), ("draft_return", office["reviewer"].pk),
                     ("draft_submit", office["drafter"].pk), ("draft_approve", office["reviewer"].pk),
                     ("draft_sign", office["signer"].pk)]
    signed = AuditEntry.objects.get(target_id=case.pk, action="draft_sign")
    assert signed.details["drafted_by"] == office["drafter"].pk
    assert signed.details["reviewed_by"] == office["reviewer"].pk
    assert AuditEntry.objects.get(target_id=case.pk, action="decide").actor == office["signer"]


def test_the_drafter_may_neither_review_nor_sign_off_their_own_draft(office):
    drafter = UserFactory(handler=True, department=office["department"], may_review=True, may_sign_off=True)
    draft = act(case=office["case"], action="decide", acting_user=drafter, payload=DECISION)
    with pytest.raises(NotPermittedError):
        letter_draft_approve(draft=draft, acting_user=drafter)
    letter_draft_approve(draft=draft, acting_user=office["reviewer"])
    with pytest.raises(NotPermittedError):
        draft_sign(draft=draft, acting_user=drafter)
    assert _fresh(office["case"]).status == ObjectionStatus.UNDER_VERIFICATION


def test_the_reviewer_may_not_sign_off_what_they_reviewed(office):
    both = UserFactory(handler=True, department=office["department"], may_review=True, may_sign_off=True)
    draft = act(case=office["case"], action="decide", acting_user=office["drafter"], payload=DECISION)
    letter_draft_approve(draft=draft, acting_user=both)
    with pytest.raises(NotPermittedError):
        draft_sign(draft=LetterDraft.objects.get(pk=draft.pk), acting_user=both)


def test_another_departments_signer_may_not_sign_off(office):
    outsider = UserFactory(handler=True, may_review=True, may_sign_off=True)
    draft = act(case=office["case"], action="decide", acting_user=office["drafter"], payload=DECISION)
    with pytest.raises(NotPermittedError):
        letter_draft_approve(draft=draft, acting_user=outsider)


def test_a_second_draft_waits_for_the_open_one(office):
    act(case=office["case"], action="decide", acting_user=office["drafter"], payload=DECISION)
    with pytest.raises(DomainError, match="待审核"):
        act(case=office["case"], action="decide", acting_user=office["reviewer"], payload=DECISION)


def test_an_invalid_decision_is_refused_at_drafting(office):
    with pytest.raises(DomainError):
        act(case=office["case"], action="decide", acting_user=office["drafter"],
            payload={"outcome": "not_upheld", "reasons": ""})
    assert not LetterDraft.objects.exists()


def test_a_return_needs_its_reasons(office):
    draft = act(case=office["case"], action="decide", acting_user=office["drafter"], payload=DECISION)
    with pytest.raises(DomainError):
        letter_draft_return(draft=draft, comment=" ", acting_user=office["reviewer"])


def test_one_step_issue_when_the_department_names_the_letter_kind(office):
    department = office["department"]
    department.one_step_letter_kinds = ["objection_reply"]
    department.save()
    case = office["case"]
    act(case=case, action="decide", acting_user=office["drafter"], payload=DECISION)
    assert _fresh(case).status == ObjectionStatus.DECIDED
    act(case=_fresh(case), action="reply", acting_user=office["drafter"])
    assert _fresh(case).status == ObjectionStatus.CLOSED and len(_replies(case)) == 1
    assert not LetterDraft.objects.exists()


def test_a_repair_decision_goes_the_same_way_with_no_code_of_its_kind(two_department_record, at):
    from casework.models import PunishmentMeasure
    from tests.factories import pdf_upload
    from workflows.repair_actions import repair_apply

    world = two_department_record
    department = world["record"].determined_by
    department.one_step_letter_kinds = []
    department.save()
    case = repair_apply(record=world["record"], losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                        commitment_file=pdf_upload("承诺书.pdf"), acting_user=world["officer"],
                        received_at=beijing(2026, 9, 28))
    decision = {"approved": True, "reasons": "已挽回损失。",
                "decisions": [{"measure": world["own"].pk, "decision": "waive"},
                              {"measure": world["theirs"].pk, "decision": "reduce"}]}
    draft = act(case=case, action="decide", acting_user=world["handler"], payload=decision)
    assert draft.letter_kind == "repair_decision" and _fresh(case).status == RepairStatus.UNDER_REVIEW
    letter_draft_approve(draft=draft, acting_user=UserFactory(handler=True, department=department, may_review=True))
    draft_sign(draft=LetterDraft.objects.get(pk=draft.pk),
               acting_user=UserFactory(handler=True, department=department, may_sign_off=True))
    assert _fresh(case).status == RepairStatus.FOLLOWING_UP
    assert [letter.kind for letter in letters_about(case)].count("repair_decision") == 1
    assert PunishmentMeasure.objects.filter(pk=world["own"].pk).exists()


def test_the_draft_pdf_is_watermarked_unnumbered_and_stores_nothing(office):
    import pypdf

    draft = act(case=office["case"], action="decide", acting_user=office["drafter"], payload=DECISION)
    before = {"letters": len(letters_about(office["case"])), "audit": AuditEntry.objects.count()}
    pdf = draft_preview_pdf(draft)
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "草稿" in text
    assert DECISION["reasons"] in text.replace("\n", "")
    assert "异复〔2026〕　　号" in text  # the serial left blank: a number is taken at 签发 only
    assert {"letters": len(letters_about(office["case"])), "audit": AuditEntry.objects.count()} == before
    assert _fresh(office["case"]).status == ObjectionStatus.UNDER_VERIFICATION


def test_payload_dates_come_back_as_dates():
    payload = {"new_limit_date": datetime.date(2026, 10, 10), "reasons": "补充材料", "decisions": [{"a": 1}]}
    stored = payload_encode(payload)
    assert stored["new_limit_date"] == {"$date": "2026-10-10"}
    assert payload_decode(stored) == payload


def test_a_draft_waiting_for_review_goes_with_its_case_when_the_subject_withdraws(office, at):
    case = office["case"]
    at(2026, 9, 30)
    draft = act(case=case, action="decide", acting_user=office["drafter"], payload=DECISION)
    officer = UserFactory(subject_officer=True, subject=case.subject)
    at(2026, 10, 8)
    act(case=_fresh(case), action="withdraw", acting_user=officer, payload={"reason": "已自行核实记录无误。"})

    draft = LetterDraft.objects.get(pk=draft.pk)
    assert _fresh(case).status == ObjectionStatus.WITHDRAWN and draft.status == DraftStatus.WITHDRAWN
    entry = AuditEntry.objects.filter(action="draft_withdraw").get()
    assert entry.details["ended_with_case"] is True and "文书稿随之撤销" in entry.reason
    assert _replies(case) == []
    with pytest.raises((DomainError, NotPermittedError)):
        draft_sign(draft=draft, acting_user=office["signer"])
