"""The portal's rectification pages: the government reads its order and how the time limit is
counted, explains first, then plans, reports and completes with evidence; nothing of another subject."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.models import RectificationStatus
from tests.factories import UserFactory, pdf_upload
from letters.selectors import letters_about
from workflows.actions import act
from workflows.rectification_actions import rectification_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at")]  # 28 Sept 2026, 10:00


@pytest.fixture
def order(rectification_world):
    w = rectification_world
    case = rectification_order(subject=w["government"], records=[w["record"]],
                               requirements="支付拖欠款项\n建立账款支付台账", limit_working_days=10,
                               acting_user=w["handler"])
    case.officer = w["officer"]
    case.handler = w["handler"]
    return case


def _page(client, case):
    return client.get(f"/portal/rectifications/{case.number}/").content.decode()


def test_the_order_page_shows_requirements_the_limit_and_how_it_is_counted(client, order):
    client.force_login(order.officer)
    page = _page(client, order)
    assert "建立账款支付台账" in page and "市联席会议办公室" in page
    assert "2026年10月16日" in page  # 10 working days across National Day
    assert "自下达之日的次日起10个工作日" in page
    assert "国庆节" in page and "第10个工作日" in page  # the day-by-day count
    assert "整改通知书" in page
    # Only the written explanation can be sent first.
    assert 'id="submit-explanation"' in page and 'id="submit-plan"' not in page
    assert order.number in client.get("/portal/").content.decode()
    assert order.number in client.get("/portal/rectifications/").content.decode()


def test_explain_then_plan_progress_and_completion_with_evidence(client, order):
    client.force_login(order.officer)
    base = f"/portal/rectifications/{order.number}/submit/"
    response = client.post(f"{base}plan/", {"plan-text": "十个工作日内付清欠款并建立台账。"})
    assert response.status_code == 302
    assert "请先提交书面说明" in _page(client, order)
    client.post(f"{base}explanation/", {"explanation-text": "因预算执行监控缺位，导致合同价款逾期支付。"})
    order.refresh_from_db()
    assert order.status == RectificationStatus.RECTIFYING
    page = _page(client, order)
    assert 'id="submit-plan"' in page and 'id="submit-completion"' not in page
    client.post(f"{base}plan/", {"plan-text": "十个工作日内付清欠款并建立台账。"})
    client.post(f"{base}progress/", {"progress-text": "已支付第一笔欠款，台账正在建立。"})
    fake = SimpleUploadedFile("凭证.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    client.post(f"{base}completion/", {"completion-text": "欠款已全部付清，台账已建立。", "completion-evidence": [fake]})
    order.refresh_from_db()
    assert order.status == RectificationStatus.RECTIFYING
    assert "不是PDF、JPG、PNG格式" in _page(client, order)
    client.post(f"{base}completion/", {"completion-text": "欠款已全部付清，台账已建立。",
                                       "completion-evidence": [pdf_upload("付款凭证.pdf")]})
    order.refresh_from_db()
    assert order.status == RectificationStatus.UNDER_ACCEPTANCE
    page = _page(client, order)
    assert "付款凭证.pdf" in page and "已于2026年9月28日报送整改完成报告" in page
    assert [s.kind for s in order.submissions.all()] == ["explanation", "plan", "progress", "completion"]
    evidence = order.evidence.get()
    response = client.get(f"/portal/rectifications/{order.number}/evidence/{evidence.pk}/")
    assert response.status_code == 200


def test_a_return_is_shown_with_its_reasons_and_new_limit(client, order):
    for action, text in (("submit-explanation", "因预算执行监控缺位，导致合同价款逾期支付。"),
                         ("submit-plan", "十个工作日内付清欠款并建立台账。"),
                         ("submit-completion", "欠款已全部付清，台账已建立。")):
        order.refresh_from_db()
        act(case=order, action=action, acting_user=order.officer, payload={"text": text})
    order.refresh_from_db()
    act(case=order, action="return", acting_user=order.handler,
                      payload={"reasons": "台账未覆盖全部项目。", "new_limit_date": datetime.date(2026, 10, 31)})
    client.force_login(order.officer)
    page = _page(client, order)
    assert "台账未覆盖全部项目。" in page
    # Saturday 31 October is not a working day: the limit ends on Monday 2 November.
    assert "2026年11月2日" in page and "整改验收意见书" in page
    assert 'id="submit-completion"' in page


def test_another_subject_cannot_read_act_or_guess(client, order):
    client.force_login(UserFactory(subject_officer=True))
    for url in (f"/portal/rectifications/{order.number}/", "/portal/rectifications/ZG-2026-000999/"):
        assert client.get(url).status_code == 404
    response = client.post(f"/portal/rectifications/{order.number}/submit/explanation/",
                           {"explanation-text": "冒名提交的书面说明，应当被拒绝。"})
    assert response.status_code == 404
    letter = letters_about(order).first()
    assert client.get(f"/portal/rectifications/{order.number}/letters/{letter.pk}/").status_code == 404
    assert order.number not in client.get("/portal/rectifications/").content.decode()
    order.refresh_from_db()
    assert order.status == RectificationStatus.ORDERED and not order.submissions.exists()


def test_staff_are_kept_out_of_the_portal(client, order):
    client.force_login(order.handler)
    assert client.get(f"/portal/rectifications/{order.number}/").status_code == 403
