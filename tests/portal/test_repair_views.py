"""The portal's credit repair pages: eligibility explained, apply, follow, withdraw; nothing of another subject."""

import pytest

from casework.models import RecordStatus, RepairCase, RepairStatus, Severity
from tests.factories import CreditRecordFactory, RepairCaseFactory, UserFactory, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at")]  # 28 Sept 2026, 10:00


@pytest.fixture
def officer_and_records():
    ready = CreditRecordFactory(severity=Severity.GENERAL)  # determined 2026-03-16: eligible since 06-16
    too_early = CreditRecordFactory(subject=ready.subject, severity=Severity.SERIOUS)  # from 2027-03-16
    return UserFactory(subject_officer=True, subject=ready.subject), ready, too_early


def test_the_form_explains_which_records_may_be_repaired_and_from_when(client, officer_and_records):
    officer, ready, too_early = officer_and_records
    client.force_login(officer)
    page = client.get("/portal/repairs/new/").content.decode()
    assert "可以申请" in page and "2027年3月16日起方可申请信用修复" in page
    assert f'<option value="{too_early.pk}"' not in page


def test_apply_then_follow_then_withdraw(client, officer_and_records):
    officer, ready, _ = officer_and_records
    client.force_login(officer)
    response = client.post("/portal/repairs/new/", {
        "record": ready.pk, "losses_recovered": "已全额支付拖欠款项及利息。", "commitment_signed": "on",
        "commitment_file": pdf_upload("承诺书.pdf"), "evidence": [pdf_upload("回单.pdf")],
    })
    case = RepairCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/portal/repairs/{case.number}/"
    page = client.get(response["Location"]).content.decode()
    assert "2026年10月16日" in page  # 10 working days across National Day
    assert "信用承诺书" in page
    home = client.get("/portal/").content.decode()
    assert case.number in home
    client.post(f"/portal/repairs/{case.number}/withdraw/", {"reason": "暂不申请"})
    case.refresh_from_db()
    ready.refresh_from_db()
    assert case.status == RepairStatus.WITHDRAWN and ready.status == RecordStatus.ACTIVE


def test_without_the_commitment_the_form_says_what_is_missing(client, officer_and_records):
    officer, ready, _ = officer_and_records
    client.force_login(officer)
    response = client.post("/portal/repairs/new/", {"record": ready.pk, "losses_recovered": "已全额支付拖欠款项及利息。"})
    assert response.status_code == 200
    assert "请阅读信用承诺内容并勾选确认" in response.content.decode()
    assert not RepairCase.objects.exists()


def test_another_subject_cannot_read_act_or_guess(client):
    case = RepairCaseFactory()
    client.force_login(UserFactory(subject_officer=True))
    for url in (f"/portal/repairs/{case.number}/", "/portal/repairs/XF-2026-000999/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/portal/repairs/{case.number}/withdraw/", {}).status_code == 404
    evidence = case.evidence.first()
    assert client.get(f"/portal/repairs/{case.number}/evidence/{evidence.pk}/").status_code == 404
    page = client.post("/portal/repairs/new/", {"record": case.record.pk, "losses_recovered": "已挽回全部损失款项。",
                                                "commitment_signed": "on", "commitment_file": pdf_upload()})
    assert page.status_code == 200
    case.refresh_from_db()
    assert case.status == RepairStatus.UNDER_REVIEW


def test_the_form_lists_what_the_application_must_contain_and_the_limits(client, officer_and_records):
    officer, _, _ = officer_and_records
    client.force_login(officer)
    page = client.get("/portal/repairs/new/").content.decode()
    assert "法定责任义务履行完毕的证明材料" in page and "加盖公章的信用承诺书" in page
    assert "3个工作日内决定是否受理，10个工作日内审核并作出决定" in page
    # The commitment is shown where it is ticked.
    assert "本单位承诺：已纠正失信行为、履行相关法定责任义务" in page


def test_without_proof_the_duties_were_performed_the_form_says_so(client, officer_and_records):
    officer, ready, _ = officer_and_records
    client.force_login(officer)
    response = client.post("/portal/repairs/new/", {
        "record": ready.pk, "losses_recovered": "已全额支付拖欠款项及利息。", "commitment_signed": "on",
        "commitment_file": pdf_upload("承诺书.pdf"),
    })
    assert response.status_code == 200
    assert "请上传法定责任义务履行完毕的证明材料（如付款凭证、整改完成的证明）。" in response.content.decode()
    assert not RepairCase.objects.exists()


def test_the_ticked_commitment_is_kept_with_the_case(client, officer_and_records):
    from casework.repair_requirements import COMMITMENT_TEXT

    officer, ready, _ = officer_and_records
    client.force_login(officer)
    client.post("/portal/repairs/new/", {
        "record": ready.pk, "losses_recovered": "已全额支付拖欠款项及利息。", "commitment_signed": "on",
        "commitment_file": pdf_upload("承诺书.pdf"), "evidence": [pdf_upload("回单.pdf")],
    })
    assert RepairCase.objects.get().commitment_text == COMMITMENT_TEXT


def test_the_record_page_links_its_repair_notice(client, officer_and_records, django_capture_on_commit_callbacks):
    from casework.services.repair_notices import repair_notice_of
    from letters.services import letter_render

    officer, ready, _ = officer_and_records
    notice = repair_notice_of(ready)
    letter_render(letter_id=notice.pk)
    client.force_login(officer)
    page = client.get(f"/portal/records/{ready.pk}/").content.decode()
    assert f"/portal/records/{ready.pk}/repair-notice/" in page and notice.number in page
    response = client.get(f"/portal/records/{ready.pk}/repair-notice/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    notice.refresh_from_db()
    assert notice.first_downloaded_at is not None


def test_another_subjects_record_notice_is_not_found(client, officer_and_records):
    _, ready, _ = officer_and_records
    client.force_login(UserFactory(subject_officer=True))
    assert client.get(f"/portal/records/{ready.pk}/repair-notice/").status_code == 404
