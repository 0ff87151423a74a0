"""The case page's draft panel: a handler submits a decision for 审核, the reviewer returns or approves,
the signer signs off after a confirmation; outsiders get 404, the 草稿 PDF is the letter to be."""

import pytest

from casework.models import DraftComment, DraftStatus, LetterDraft, ObjectionStatus
from letters.selectors import letters_about
from tests.factories import UserFactory

from tests.staff.conftest import DECISION

pytestmark = pytest.mark.django_db

DECIDE = {"action": "decide", **DECISION}


def _as(client, user):
    client.force_login(user)
    return client


def _status(case):
    return type(case).objects.get(pk=case.pk).status


def test_the_handlers_form_says_submit_for_review_and_submitting_asks_nothing(client, signoff_desk):
    page = _as(client, signoff_desk["handler"]).get(signoff_desk["url"]).content.decode()
    assert "作出核查结论：提交审核" in page
    response = client.post(signoff_desk["url"], DECIDE)
    assert response.status_code == 302  # no confirm panel: submitting changes nothing yet
    assert LetterDraft.objects.get().status == DraftStatus.IN_REVIEW
    assert _status(signoff_desk["case"]) == ObjectionStatus.UNDER_VERIFICATION
    page = client.get(signoff_desk["url"]).content.decode()
    assert 'id="draft"' in page and "待审核" in page and "查看草稿" in page
    assert 'id="action-decide"' not in page  # the draft stands for it until returned
    assert 'value="draft-approve"' not in page  # the drafter may not review


def test_return_resubmit_approve_and_sign_on_the_pages(client, signoff_desk):
    _as(client, signoff_desk["handler"]).post(signoff_desk["url"], {**DECIDE, "reasons": "属实。"})
    draft = LetterDraft.objects.get()
    page = _as(client, signoff_desk["reviewer"]).get(signoff_desk["url"]).content.decode()
    assert 'value="draft-approve"' in page and "退回修改" in page
    client.post(signoff_desk["url"], {"action": "draft-return", "draft": draft.pk, "comment": "请写明核查经过。"})
    assert LetterDraft.objects.get().status == DraftStatus.RETURNED

    page = _as(client, signoff_desk["handler"]).get(signoff_desk["url"]).content.decode()
    assert "请写明核查经过。" in page and 'id="action-decide"' in page
    assert "属实。</textarea>" in page  # the returned text, to edit
    client.post(signoff_desk["url"], DECIDE)
    _as(client, signoff_desk["reviewer"]).post(signoff_desk["url"], {"action": "draft-approve", "draft": draft.pk, "comment": "同意"})
    assert LetterDraft.objects.get().status == DraftStatus.AWAITING_SIGNOFF

    signer = _as(client, signoff_desk["signer"])
    page = signer.post(signoff_desk["url"], {"action": "draft-sign", "draft": draft.pk}).content.decode()
    assert "此操作不可撤回：签发后即按文书稿作出决定" in page  # asked first
    assert _status(signoff_desk["case"]) == ObjectionStatus.UNDER_VERIFICATION
    response = signer.post(signoff_desk["url"], {"action": "draft-sign", "draft": draft.pk, "confirmed": "1"})
    assert response.status_code == 302
    assert _status(signoff_desk["case"]) == ObjectionStatus.CLOSED
    assert [letter.kind for letter in letters_about(signoff_desk["case"])].count("objection_reply") == 1
    assert DraftComment.objects.filter(returned=True).count() == 1
    page = signer.get(signoff_desk["url"]).content.decode()
    assert "已签发" in page and "请写明核查经过。" in page


def test_the_draft_pdf_is_served_to_the_department_and_404_to_outsiders(client, signoff_desk):
    _as(client, signoff_desk["handler"]).post(signoff_desk["url"], DECIDE)
    response = _as(client, signoff_desk["reviewer"]).get(signoff_desk["url"] + "letters/draft.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    outsider = UserFactory(handler=True, may_review=True, may_sign_off=True)
    assert _as(client, outsider).get(signoff_desk["url"] + "letters/draft.pdf").status_code == 404
    draft = LetterDraft.objects.get()
    assert client.post(signoff_desk["url"], {"action": "draft-approve", "draft": draft.pk}).status_code == 404
    assert LetterDraft.objects.get().status == DraftStatus.IN_REVIEW


def test_no_draft_no_pdf(client, signoff_desk):
    assert _as(client, signoff_desk["handler"]).get(signoff_desk["url"] + "letters/draft.pdf").status_code == 404
