"""The portal's appeal pages: the 申诉 button on a decided repair case, the form, the appeal's own
page with its due date and letters, withdrawal; nothing of another subject."""

import pytest

from casework.models import AppealStatus, RepairAppeal
from tests.factories import UserFactory, pdf_upload

pytestmark = pytest.mark.django_db
GROUNDS = "拖欠款项已于2026年8月全部付清，决定书认定未挽回损失与事实不符。"


def test_a_decided_repair_offers_the_appeal_until_the_last_day(client, appeal_world):
    repair = appeal_world["repair"]
    client.force_login(appeal_world["officer"])
    page = client.get(f"/portal/repairs/{repair.number}/").content.decode()
    # Decided 2026-09-21 + 60 days = 2026-11-20, a Friday.
    assert 'id="appeal-link"' in page and "2026年11月20日前提出申诉" in page
    form = client.get(f"/portal/repairs/{repair.number}/appeal/").content.decode()
    assert 'id="appeal-form"' in form and "申诉理由" in form


def test_appeal_then_follow_then_withdraw(client, appeal_world):
    repair = appeal_world["repair"]
    client.force_login(appeal_world["officer"])
    response = client.post(f"/portal/repairs/{repair.number}/appeal/", {"grounds": GROUNDS,
                                                                         "files": [pdf_upload("回单.pdf")]})
    case = RepairAppeal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/portal/appeals/{case.number}/"
    page = client.get(response["Location"]).content.decode()
    assert "2026年10月16日" in page  # 10 working days across National Day and the make-up Saturday 10-10
    assert "市联席会议办公室" in page and "回单.pdf" in page and "受理回执" in page
    # The repair page lists the appeal and offers no second one while it is open.
    repair_page = client.get(f"/portal/repairs/{repair.number}/").content.decode()
    assert case.number in repair_page and 'id="appeal-link"' not in repair_page
    home = client.get("/portal/").content.decode()
    assert 'id="appeals"' in home and case.number in home
    refused = client.get(f"/portal/repairs/{repair.number}/appeal/").content.decode()
    assert "已有正在处理的申诉" in refused and 'id="appeal-form"' not in refused
    client.post(f"/portal/appeals/{case.number}/withdraw/", {"reason": "已与认定部门沟通"})
    case.refresh_from_db()
    assert case.status == AppealStatus.WITHDRAWN


def test_short_grounds_are_refused_with_the_reason(client, appeal_world):
    client.force_login(appeal_world["officer"])
    response = client.post(f"/portal/repairs/{appeal_world['repair'].number}/appeal/", {"grounds": "不服"})
    assert response.status_code == 200 and "不少于10个字" in response.content.decode()
    assert not RepairAppeal.objects.exists()


def test_late_the_page_says_until_when_it_could_have_been(client, appeal_world, at):
    at(2026, 11, 23)
    client.force_login(appeal_world["officer"])
    repair = appeal_world["repair"]
    assert 'id="appeal-link"' not in client.get(f"/portal/repairs/{repair.number}/").content.decode()
    page = client.get(f"/portal/repairs/{repair.number}/appeal/").content.decode()
    assert "申诉期限已过" in page and "2026年11月20日前" in page
    response = client.post(f"/portal/repairs/{repair.number}/appeal/", {"grounds": GROUNDS})
    assert "申诉期限已过" in response.content.decode() and not RepairAppeal.objects.exists()


def test_another_subject_cannot_read_act_or_guess(client, appeal_world):
    from casework.services.appeals import repair_appeal_lodge

    case = repair_appeal_lodge(repair=appeal_world["repair"], grounds=GROUNDS,
                               acting_user=appeal_world["officer"])
    client.force_login(UserFactory(subject_officer=True))
    for url in (f"/portal/appeals/{case.number}/", "/portal/appeals/SS-2026-000999/",
                f"/portal/repairs/{appeal_world['repair'].number}/appeal/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/portal/appeals/{case.number}/withdraw/", {}).status_code == 404
