"""The portal's objection pages: lodge with evidence, follow, supply, withdraw, download."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.models import ObjectionCase, ObjectionStatus
from tests.factories import CreditRecordFactory, PunishmentMeasureFactory, UserFactory, beijing, image_bytes, pdf_bytes
from workflows.actions import act
from workflows.objection_actions import objection_lodge

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at")]  # 28 Sept 2026, 10:00
PNG = image_bytes("PNG")
PDF = pdf_bytes()


@pytest.fixture
def officer(client):
    record = CreditRecordFactory()
    PunishmentMeasureFactory(record=record, imposed_by=record.determined_by)
    user = UserFactory(subject_officer=True, subject=record.subject)
    client.force_login(user)
    return user, record


def _lodge_post(client, record, **overrides):
    data = {"record": record.pk, "channel": "department", "grounds": "该款项已于2026年1月付清，记录与事实不符。",
            "evidence": [SimpleUploadedFile("付款凭证.pdf", PDF, "application/pdf")]}
    data.update(overrides)
    return client.post(reverse("portal:objection_new"), data)


def test_lodge_with_evidence_shows_the_receipt_and_the_reply_due(client, officer):
    user, record = officer
    response = _lodge_post(client, record)
    case = ObjectionCase.objects.get()
    assert response.status_code == 302 and response.url == reverse("portal:objection", args=[case.number])
    page = client.get(response.url).content.decode()
    assert case.number in page and "2026年10月23日" in page
    assert "第15个工作日" in page and "国庆节" in page  # how the date was counted
    assert "付款凭证.pdf" in page
    assert "受理通知书" not in page  # not accepted yet


def test_a_text_file_named_pdf_is_refused_and_nothing_is_stored(client, officer):
    _, record = officer
    response = _lodge_post(client, record, evidence=[SimpleUploadedFile("证明.pdf", b"just text", "application/pdf")])
    assert response.status_code == 200
    assert "不是PDF、JPG、PNG格式" in response.content.decode()
    assert not ObjectionCase.objects.exists()


def test_missing_grounds_are_named(client, officer):
    _, record = officer
    response = _lodge_post(client, record, grounds="", evidence=[])
    assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()


def test_another_subjects_record_cannot_be_chosen(client, officer):
    stranger = CreditRecordFactory()
    response = _lodge_post(client, stranger)
    assert response.status_code == 200
    assert not ObjectionCase.objects.exists()


def _case_for(record, user):
    return objection_lodge(record=record, grounds="该款项已付清，记录与事实不符。", channel="department",
                           acting_user=user, received_at=beijing(2026, 9, 28))


def test_supply_materials_then_withdraw(client, officer):
    user, record = officer
    case = _case_for(record, user)
    handler = UserFactory(handler=True, department=record.determined_by)
    act(case=case, action="accept", acting_user=handler)
    case.refresh_from_db()
    act(case=case, action="request-materials", acting_user=handler, payload={"materials": "银行回单"})
    page = client.get(reverse("portal:objection", args=[case.number])).content.decode()
    assert "银行回单" in page and "补正材料通知书" in page and "期限中止计算" in page
    client.post(reverse("portal:objection_supply", args=[case.number]),
                {"note": "补充回单", "evidence": [SimpleUploadedFile("回单.png", PNG, "image/png")]})
    case.refresh_from_db()
    assert case.status == ObjectionStatus.UNDER_VERIFICATION
    client.post(reverse("portal:objection_withdraw", args=[case.number]), {"reason": "已协商"})
    case.refresh_from_db()
    assert case.status == ObjectionStatus.WITHDRAWN


def test_letters_download_as_pdf(client, officer, django_capture_on_commit_callbacks):
    user, record = officer
    case = _case_for(record, user)
    # Letters render after the issuing transaction commits (in the worker).
    with django_capture_on_commit_callbacks(execute=True):
        act(case=case, action="accept",
                      acting_user=UserFactory(handler=True, department=record.determined_by))
    from letters.selectors import letters_about

    letter = letters_about(case).get(kind="acceptance_notice")  # the receipt came first
    response = client.get(reverse("portal:objection_letter", args=[case.number, letter.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.first_downloaded_at is not None


def test_another_subject_cannot_read_act_or_guess(client, officer):
    user, record = officer
    case = _case_for(record, user)
    evidence_case = case
    other = UserFactory(subject_officer=True)
    client.force_login(other)
    for url in [
        reverse("portal:objection", args=[case.number]),
        reverse("portal:objection", args=["YY-2026-000002"]),
        reverse("portal:objection_letter", args=[case.number, 1]),
        reverse("portal:objection_evidence", args=[evidence_case.number, 1]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [reverse("portal:objection_supply", args=[case.number]),
                reverse("portal:objection_withdraw", args=[case.number])]:
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    case.refresh_from_db()
    assert case.status == ObjectionStatus.LODGED
    assert case.number not in client.get(reverse("portal:home")).content.decode()


def test_the_subject_does_not_see_the_departments_review_of_a_draft(client, officer):
    from casework.services.letter_drafts import letter_draft_return

    user, record = officer
    department = record.determined_by
    department.one_step_letter_kinds = []
    department.save()
    case = _case_for(record, user)
    handler = UserFactory(handler=True, department=department)
    act(case=case, action="accept", acting_user=handler)
    draft = act(case=ObjectionCase.objects.get(pk=case.pk), action="decide", acting_user=handler,
                payload={"outcome": "not_upheld", "reasons": "记录属实。"})
    letter_draft_return(draft=draft, comment="内部意见：理由过简。",
                        acting_user=UserFactory(handler=True, department=department, may_review=True))
    page = client.get(reverse("portal:objection", args=[case.number])).content.decode()
    assert "受理" in page and "内部意见" not in page and "退回修改" not in page
