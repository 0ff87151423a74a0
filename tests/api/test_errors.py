"""Domain errors as HTTP answers: 409 with what is allowed, 403, 409 conflict, 400 naming the field."""

import pytest

from api import objections as api_objections
from casework.models import AuditEntry, ObjectionStatus
from tests.api.conftest import PDF, PNG, client_for, upload
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/objections/"
GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"


def lodge(world, **data):
    body = {"record": world.record.pk, "grounds": GROUNDS, "channel": "department", **data}
    response = world.officer.post(BASE, body, format="json")
    assert response.status_code == 201, response.data
    return response.data["number"]


def post(client, number, action, data=None, **kwargs):
    return client.post(f"{BASE}{number}/{action}/", data or {}, format=kwargs.pop("format", "json"), **kwargs)


# --- 409: not in this state ----------------------------------------------------


def test_an_action_the_state_does_not_allow_is_409_with_what_is_allowed_now(world, at):
    number = lodge(world)
    response = post(world.handler, number, "reply")
    assert response.status_code == 409
    assert response.data["code"] == "transition_not_allowed"
    assert "已提交" in response.data["detail"]
    assert response.data["allowed_actions"] == ["accept", "reject", "request-materials"]

    response = post(world.officer, number, "supply-materials", {"note": "补充说明"})
    assert response.status_code == 409
    assert response.data["allowed_actions"] == ["withdraw"]


def test_no_withdrawal_after_the_decision(world, at):
    number = lodge(world)
    post(world.handler, number, "accept")
    post(world.handler, number, "decide", {"outcome": "not_upheld", "reasons": "认定无误。"})
    response = post(world.officer, number, "withdraw")
    assert response.status_code == 409
    assert response.data["allowed_actions"] == []


# --- 403: role or scope ------------------------------------------------------


def test_the_subject_cannot_take_a_departments_step(world, at):
    number = lodge(world)
    response = post(world.officer, number, "accept")
    assert response.status_code == 403
    assert response.data["code"] == "not_permitted"


def test_another_departments_handler_cannot_act(world, at):
    """Lodged with the city platform: the platform answers, the determining department only verifies."""
    platform = DepartmentFactory(
        name="测试市信用信息中心",
        jurisdiction=world.record.subject.jurisdiction,
        is_determining=False,
        is_platform_operator=True,
    )
    platform_handler = client_for(UserFactory(handler=True, department=platform))
    number = lodge(world, channel="platform")

    # The determining department sees the case but may not accept it for the platform …
    response = post(world.handler, number, "accept")
    assert response.status_code == 403 and response.data["code"] == "not_permitted"
    assert post(platform_handler, number, "accept").status_code == 200
    # … and the platform may not decide in the determining department's place.
    response = post(platform_handler, number, "decide", {"outcome": "not_upheld", "reasons": "认定无误。"})
    assert response.status_code == 403
    assert (
        post(world.handler, number, "decide", {"outcome": "not_upheld", "reasons": "认定无误。"}).status_code
        == 200
    )


def test_only_subject_officers_lodge(world, at):
    response = world.handler.post(BASE, {"record": world.record.pk, "grounds": GROUNDS}, format="json")
    assert response.status_code == 403


def test_unauthenticated_requests_are_401(world):
    from rest_framework.test import APIClient

    response = APIClient().get(BASE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


# --- 409: someone else acted first ------------------------------------------------


def test_acting_on_a_case_another_user_changed_meanwhile_is_409_conflict(world, at, monkeypatch):
    """The handler's request loads the case; before it acts, the subject withdraws it."""
    number = lodge(world)
    load = api_objections.ObjectionViewSet.get_for_user

    def load_then_the_subject_withdraws(self, *, user, number):
        case = load(self, user=user, number=number)
        monkeypatch.setattr(api_objections.ObjectionViewSet, "get_for_user", load)  # once
        assert post(world.officer, number, "withdraw", {"reason": "不再异议"}).status_code == 200
        return case

    monkeypatch.setattr(api_objections.ObjectionViewSet, "get_for_user", load_then_the_subject_withdraws)
    response = post(world.handler, number, "accept")

    assert response.status_code == 409
    assert response.data["code"] == "conflict"
    assert response.data["detail"] == "案件已被他人处理，状态已变化，请刷新页面后重试。"
    assert world.officer.get(f"{BASE}{number}/").data["status"] == ObjectionStatus.WITHDRAWN
    assert not AuditEntry.objects.filter(action="accept").exists()


# --- 400: invalid data, naming the field -----------------------------------------


def test_missing_grounds(world, at):
    response = world.officer.post(BASE, {"record": world.record.pk, "channel": "department"}, format="json")
    assert response.status_code == 400
    assert list(response.data) == ["grounds"]


def test_grounds_too_short_is_refused_by_the_service(world, at):
    response = world.officer.post(BASE, {"record": world.record.pk, "grounds": "不对"}, format="json")
    assert response.status_code == 400
    assert response.data == {"grounds": ["请写明异议理由（不少于10个字）。"]}


def test_a_bad_channel(world, at):
    response = world.officer.post(
        BASE, {"record": world.record.pk, "grounds": GROUNDS, "channel": "mail"}, format="json"
    )
    assert response.status_code == 400 and list(response.data) == ["channel"]


def test_another_subjects_record_does_not_exist_for_the_caller(world, at):
    for record_id in (world.stranger_record.pk, 999999, "abc"):
        response = world.officer.post(BASE, {"record": record_id, "grounds": GROUNDS}, format="json")
        assert response.status_code == 400 and list(response.data) == ["record"], record_id


def test_a_text_file_named_pdf_is_refused_a_png_named_pdf_is_fine(world, at):
    body = {"record": world.record.pk, "grounds": GROUNDS, "channel": "department"}
    response = world.officer.post(
        BASE, {**body, "evidence": [upload("凭证.pdf", b"just some text, not a PDF")]}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.data) == ["evidence"] and "凭证.pdf" in response.data["evidence"][0]
    assert not world.officer.get(BASE).data["results"]  # nothing was lodged

    response = world.officer.post(BASE, {**body, "evidence": [upload("凭证.pdf", PNG)]}, format="multipart")
    assert response.status_code == 201
    assert response.data["evidence"][0]["content_type"] == "image/png"


def test_supplied_materials_are_checked_the_same_way(world, at):
    number = lodge(world)
    post(world.handler, number, "request-materials", {"materials": "银行回单"})
    response = post(
        world.officer,
        number,
        "supply-materials",
        {"evidence": [upload("回单.pdf", b"plain text")], "note": ""},
        format="multipart",
    )
    assert response.status_code == 400 and list(response.data) == ["evidence"]
    response = post(
        world.officer, number, "supply-materials", {"evidence": [upload("回单.pdf", PDF)]}, format="multipart"
    )
    assert response.status_code == 200


def test_bad_outcome_and_bad_corrections_name_their_field(world, at):
    number = lodge(world)
    post(world.handler, number, "accept")
    response = post(world.handler, number, "decide", {"outcome": "maybe", "reasons": "理由"})
    assert response.status_code == 400 and list(response.data) == ["outcome"]
    response = post(world.handler, number, "decide", {"outcome": "upheld"})
    assert response.status_code == 400 and list(response.data) == ["reasons"]
    response = post(world.handler, number, "decide", {"outcome": "upheld", "reasons": "理由"})
    assert response.status_code == 400 and list(response.data) == [
        "correction"
    ]  # neither correction nor revoke
    response = post(
        world.handler,
        number,
        "decide",
        {"outcome": "upheld", "reasons": "理由", "correction": {"subject": "别的主体"}},
    )
    assert response.status_code == 400 and list(response.data) == ["correction"]
    response = post(
        world.handler, number, "decide", {"outcome": "upheld", "reasons": "理由", "correction": "x"}
    )
    assert response.status_code == 400 and list(response.data) == ["correction"]


def test_other_actions_name_their_field(world, at):
    number = lodge(world)
    assert list(post(world.handler, number, "reject", {}).data) == ["reason"]
    assert list(post(world.handler, number, "reject", {"reason": "because"}).data) == ["reason"]
    assert list(post(world.handler, number, "request-materials", {"materials": " \n "}).data) == ["materials"]
    post(world.handler, number, "accept")
    post(world.handler, number, "decide", {"outcome": "upheld", "reasons": "款项已付清。", "revoke": True})
    post(world.handler, number, "reply")
    response = post(world.handler, number, "confirm-lifting", {"measure": world.stranger_record.pk + 1000})
    assert response.status_code == 400 and list(response.data) == ["measure"]
    assert list(post(world.handler, number, "confirm-lifting", {"measure": "one"}).data) == ["measure"]
    assert list(post(world.handler, number, "confirm-report", {"receipt": ""}).data) == ["receipt"]


def test_an_error_naming_no_field_is_a_detail(world, at):
    number = lodge(world)
    post(world.handler, number, "accept")
    response = post(world.handler, number, "confirm-report", {"receipt": "R-1"})  # nothing to report yet
    assert response.status_code == 400
    assert response.data == {"detail": "该案件没有需要报送省级平台的事项。", "code": "invalid"}
