"""The case page's draft panel: a handler submits a decision for 审核, the reviewer returns or approves,
the signer signs off after a confirmation; outsiders get 404, the 草稿 PDF is the letter to be."""

import pytest

from casework.models import DraftComment, DraftStatus, LetterDraft, ObjectionStatus
from letters.selectors import letters_about
from tests.factories import CreditRecordFactory, DepartmentFactory, UserFactory, beijing
from workflows.actions import act
from workflows.objection_actions import objection_lodge

pytestmark = pytest.mark.django_db

DECIDE = {"action": "decide", "outcome": "not_upheld", "reasons": "经核查，款项至今未支付，记录属实。"}


@pytest.fixture
def desk(at):
    """An objection under verification in a department that signs off everything, its three people."""
    at(2026, 9, 29)
    department = DepartmentFactory(one_step_letter_kinds=[])
    record = CreditRecordFactory(determined_by=department)
    handler = UserFactory(handler=True, department=department)
    case = objection_lodge(record=record, grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=UserFactory(subject_officer=True, subject=record.subject),
                           received_at=beijing(2026, 9, 28))
    act(case=case, action="accept", acting_user=handler)
    return {"case": case, "url": f"/staff/work/objections/{case.number}/", "handler": handler,
            "reviewer": UserFactory(handler=True, department=department, may_review=True),
            "signer": UserFactory(handler=True, department=department, may_sign_off=True)}


def _as(client, user):
    client.force_login(user)
    return client


def _status(case):
    return type(case).objects.get(pk=case.pk).status


def test_the_handlers_form_says_submit_for_review_and_submitting_asks_nothing(client, desk):
    page = _as(client, desk["handler"]).get(desk["url"]).content.decode()
    assert "作出核查结论：提交审核" in page
    response = client.post(desk["url"], DECIDE)
    assert response.status_code == 302  # no confirm panel: submitting changes nothing yet
    assert LetterDraft.objects.get().status == DraftStatus.IN_REVIEW
    assert _status(desk["case"]) == ObjectionStatus.UNDER_VERIFICATION
    page = client.get(desk["url"]).content.decode()
    assert 'id="draft"' in page and "待审核" in page and "查看草稿" in page
    assert 'id="action-decide"' not in page  # the draft stands for it until returned
    assert 'value="draft-approve"' not in page  # the drafter may not review


def test_return_resubmit_approve_and_sign_on_the_pages(client, desk):
    _as(client, desk["handler"]).post(desk["url"], {**DECIDE, "reasons": "属实。"})
    draft = LetterDraft.objects.get()
    page = _as(client, desk["reviewer"]).get(desk["url"]).content.decode()
    assert 'value="draft-approve"' in page and "退回修改" in page
    client.post(desk["url"], {"action": "draft-return", "draft": draft.pk, "comment": "请写明核查经过。"})
    assert LetterDraft.objects.get().status == DraftStatus.RETURNED

    page = _as(client, desk["handler"]).get(desk["url"]).content.decode()
    assert "请写明核查经过。" in page and 'id="action-decide"' in page
    assert "属实。</textarea>" in page  # the returned text, to edit
    client.post(desk["url"], DECIDE)
    _as(client, desk["reviewer"]).post(desk["url"], {"action": "draft-approve", "draft": draft.pk, "comment": "同意"})
    assert LetterDraft.objects.get().status == DraftStatus.AWAITING_SIGNOFF

    signer = _as(client, desk["signer"])
    page = signer.post(desk["url"], {"action": "draft-sign", "draft": draft.pk}).content.decode()
    assert "此操作不可撤回：签发后即按文书稿作出决定" in page  # asked first
    assert _status(desk["case"]) == ObjectionStatus.UNDER_VERIFICATION
    response = signer.post(desk["url"], {"action": "draft-sign", "draft": draft.pk, "confirmed": "1"})
    assert response.status_code == 302
    assert _status(desk["case"]) == ObjectionStatus.CLOSED
    assert [letter.kind for letter in letters_about(desk["case"])].count("objection_reply") == 1
    assert DraftComment.objects.filter(returned=True).count() == 1
    page = signer.get(desk["url"]).content.decode()
    assert "已签发" in page and "请写明核查经过。" in page


def test_the_draft_pdf_is_served_to_the_department_and_404_to_outsiders(client, desk):
    _as(client, desk["handler"]).post(desk["url"], DECIDE)
    response = _as(client, desk["reviewer"]).get(desk["url"] + "letters/draft.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    outsider = UserFactory(handler=True, may_review=True, may_sign_off=True)
    assert _as(client, outsider).get(desk["url"] + "letters/draft.pdf").status_code == 404
    draft = LetterDraft.objects.get()
    assert client.post(desk["url"], {"action": "draft-approve", "draft": draft.pk}).status_code == 404
    assert LetterDraft.objects.get().status == DraftStatus.IN_REVIEW


def test_no_draft_no_pdf(client, desk):
    assert _as(client, desk["handler"]).get(desk["url"] + "letters/draft.pdf").status_code == 404
