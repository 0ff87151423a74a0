"""The public complaint form: no account, a captcha, the body found by name or credit code,
anonymous allowed; the receipt page shows the lookup code once, to the session that lodged;
the lookup finds the complaint by number and code; lodging is rate-limited per address."""

import pytest
from django.test import Client
from django.urls import reverse

from casework.models import ComplaintCase, ComplaintStatus
from tests.factories import SubjectFactory, pdf_upload

pytestmark = pytest.mark.django_db
URL = reverse("public:complaint_new")
FACTS = "该县政府承诺的招商引资奖励资金至今未兑现，多次催告无果。"


def _form(body, **extra):
    # django-simple-captcha's test mode (config/settings/test.py) accepts "PASSED".
    data = {"body": body, "facts": FACTS, "occurred_on": "2026-05-10", "captcha_0": "key", "captcha_1": "PASSED"}
    data.update(extra)
    return data


def test_the_form_says_anonymous_is_allowed_and_carries_a_captcha(client):
    page = client.get(URL).content.decode()
    assert "可以匿名投诉" in page and "姓名和联系方式均为选填" in page
    assert 'name="captcha_1"' in page and "/captcha/image/" in page
    assert 'enctype="multipart/form-data"' in page


def test_labels_end_in_the_full_width_colon(client):
    # Django's label suffix is ":" in its own zh_Hans catalog; the project's catalog makes it "：".
    page = client.get(URL).content.decode()
    assert "：</label>" in page and ":</label>" not in page


def test_lodged_by_credit_code_with_evidence_then_the_receipt_shows_the_code_once(
        client, rectification_world, at, django_capture_on_commit_callbacks):
    government = rectification_world["government"]
    with django_capture_on_commit_callbacks(execute=True):  # the receipt is rendered after commit
        response = client.post(URL, _form(government.uscc.lower(), complainant_name="李某",
                                          complainant_contact="lm@example.cn", files=[pdf_upload()]))
    case = ComplaintCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("public:complaint_receipt",
                                                                             args=[case.number])
    assert case.subject == government and case.evidence.count() == 1 and case.complainant_name == "李某"
    assert case.handling_office == rectification_world["office"]
    first = client.get(response["Location"]).content.decode()
    code = first.split('id="lookup-code">')[1].split("<")[0]
    assert case.number in first and len(code) == 12 and government.name in first
    again = client.get(response["Location"]).content.decode()
    assert code not in again and "已显示过" in again
    pdf = client.get(reverse("public:complaint_receipt_pdf", args=[case.number]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # Another browser (no session of the lodging) reaches neither page.
    stranger = Client()
    assert stranger.get(response["Location"]).status_code == 404
    assert stranger.get(reverse("public:complaint_receipt_pdf", args=[case.number])).status_code == 404
    # The lookup finds it by number and code; a wrong code answers as an unknown number.
    found = stranger.post(reverse("public:lookup"), {"number": case.number, "code": code.lower()}).content.decode()
    assert "政务失信投诉" in found and case.get_status_display() in found
    assert "李某" not in found and "lm@example.cn" not in found
    wrong = stranger.post(reverse("public:lookup"), {"number": case.number, "code": "ABCDEFGHJKMN"}).content.decode()
    assert "未查到" in wrong and case.get_status_display() not in wrong


def test_several_bodies_by_name_ask_which_one(client, rectification_world, at):
    government = rectification_world["government"]
    twin = SubjectFactory(name=government.name + "办公室", jurisdiction=government.jurisdiction)
    page = client.post(URL, _form(government.name)).content.decode()
    assert "找到多个单位" in page and twin.name in page and not ComplaintCase.objects.exists()
    response = client.post(URL, _form(government.name, subject=str(twin.pk)))
    assert response.status_code == 302 and ComplaintCase.objects.get().subject == twin


def test_unknown_body_and_too_long_text_are_refused(client, rectification_world, at):
    assert "没有找到该单位" in client.post(URL, _form("不存在的单位名称")).content.decode()
    assert client.post(URL, _form(rectification_world["government"].uscc, facts="长" * 5001)).status_code == 200
    assert not ComplaintCase.objects.exists()


def test_the_captcha_is_checked_against_its_stored_answer(client, rectification_world, at, monkeypatch):
    from captcha.conf import settings as captcha_settings
    from captcha.models import CaptchaStore

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)  # the real check, as in production
    uscc = rectification_world["government"].uscc
    key = CaptchaStore.generate_key()
    wrong = client.post(URL, _form(uscc, captcha_0=key, captcha_1="WRONG"))
    assert wrong.status_code == 200 and not ComplaintCase.objects.exists()
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    assert client.post(URL, _form(uscc, captcha_0=key, captcha_1=answer)).status_code == 302


def test_anonymous_complaint_answered_is_read_in_the_lookup(client, rectification_world, at):
    from casework.services import complaints as svc

    client.post(URL, _form(rectification_world["government"].uscc))
    case = ComplaintCase.objects.get()
    assert case.is_anonymous
    code = client.get(reverse("public:complaint_receipt", args=[case.number])).content.decode().split(
        'id="lookup-code">')[1].split("<")[0]
    handler = rectification_world["handler"]
    svc.complaint_accept(case=case, acting_user=handler)
    case.refresh_from_db()
    svc.complaint_record_findings(case=case, findings="经核实情况属实。", acting_user=handler)
    case.refresh_from_db()
    svc.complaint_answer(case=case, answer="已责令该县政府限期兑现。", acting_user=handler)
    assert ComplaintCase.objects.get().status == ComplaintStatus.CLOSED
    page = Client().post(reverse("public:lookup"), {"number": case.number, "code": code}).content.decode()
    assert "已责令该县政府限期兑现。" in page


def test_lodging_is_rate_limited_per_address(client, rectification_world, at, settings):
    settings.PUBLIC_COMPLAINT_RATE = "2/hour"
    uscc = rectification_world["government"].uscc
    assert client.post(URL, _form(uscc)).status_code == 302
    assert client.post(URL, _form(uscc)).status_code == 302
    refused = client.post(URL, _form(uscc))
    assert refused.status_code == 429 and "Retry-After" in refused
    assert ComplaintCase.objects.count() == 2
    # The second, same body and text, is kept and linked to the first.
    first, second = ComplaintCase.objects.order_by("id")
    assert second.duplicate_of == first
    assert Client(REMOTE_ADDR="10.0.0.9").post(URL, _form(uscc)).status_code == 302
