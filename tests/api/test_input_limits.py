"""Bad input gets a clear answer, never a 500: long texts, huge numbers, deep or large bodies, unknown addresses."""

import json

import pytest
from django.test import override_settings

from casework.limits import LONG_TEXT_MAX, SHORT_TEXT_MAX
from casework.models import ObjectionCase
from tests.api.conftest import PDF, upload

pytestmark = pytest.mark.django_db

BASE = "/api/v1/objections/"
GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"


def lodge(world):
    response = world.officer.post(BASE, {"record": world.record.pk, "grounds": GROUNDS}, format="json")
    assert response.status_code == 201, response.data
    return response.data["number"]


def raw_post(client, path, body: bytes, content_type="application/json"):
    return client.generic("POST", path, body, content_type=content_type)


# --- texts ---------------------------------------------------------------------


def test_over_long_grounds_are_400_with_the_limit_and_the_length_in_chinese(world, at):
    response = world.officer.post(BASE, {"record": world.record.pk, "grounds": "理" * (LONG_TEXT_MAX + 1)},
                                  format="json")
    assert response.status_code == 400
    assert response.json() == {"grounds": [f"不能超过{LONG_TEXT_MAX}个字符（当前{LONG_TEXT_MAX + 1}个）。"]}
    assert not ObjectionCase.objects.exists()


def test_grounds_at_the_limit_are_accepted(world, at):
    response = world.officer.post(BASE, {"record": world.record.pk, "grounds": "理" * LONG_TEXT_MAX}, format="json")
    assert response.status_code == 201


def test_an_over_long_withdrawal_reason_is_400_and_the_case_stays_open(world, at):
    number = lodge(world)
    response = world.officer.post(f"{BASE}{number}/withdraw/", {"reason": "因" * (SHORT_TEXT_MAX + 1)}, format="json")
    assert response.status_code == 400
    assert response.json() == {"reason": [f"不能超过{SHORT_TEXT_MAX}个字符（当前{SHORT_TEXT_MAX + 1}个）。"]}
    assert ObjectionCase.objects.get(number=number).status == "lodged"


def test_an_over_long_text_in_a_multipart_upload_is_400(world, at):
    number = lodge(world)
    world.handler.post(f"{BASE}{number}/request-materials/", {"materials": "付款凭证"}, format="json")
    response = world.officer.post(f"{BASE}{number}/supply-materials/",
                                  {"note": "补" * (SHORT_TEXT_MAX + 1), "evidence": [upload("凭证.pdf", PDF)]},
                                  format="multipart")
    assert response.status_code == 400
    assert list(response.json()) == ["note"]


def test_an_over_long_receipt_number_is_400_not_a_database_error(world, at):
    # receipt_number is a 64-character column: PostgreSQL would refuse a longer value with a 500.
    number = lodge(world)
    response = world.handler.post(f"{BASE}{number}/confirm-report/", {"receipt": "R" * 65}, format="json")
    assert response.status_code == 400
    assert response.json() == {"receipt": ["不能超过64个字符（当前65个）。"]}


# --- numbers -------------------------------------------------------------------


@pytest.mark.parametrize("measure", [2**63, 10**30, -(2**63) - 1, 0])
def test_a_huge_or_non_positive_measure_id_in_confirm_lifting_is_400(world, at, measure):
    number = lodge(world)
    response = world.handler.post(f"{BASE}{number}/confirm-lifting/", {"measure": measure}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["measure"]


@pytest.mark.parametrize("record", [2**64, "99999999999999999999999", -1])
def test_a_huge_record_id_is_a_record_that_does_not_exist(world, at, record):
    response = world.officer.post(BASE, {"record": record, "grounds": GROUNDS}, format="json")
    assert response.status_code == 400
    assert response.json() == {"record": ["所选信用记录不存在。"]}


def test_a_huge_page_number_is_a_json_answer_not_a_500(world, at):
    response = world.officer.get(BASE, {"page": str(2**70)})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


# --- bodies ----------------------------------------------------------------------


def test_json_nested_1000_deep_is_400(world, at):
    body = ("[" * 1000 + "]" * 1000).encode()
    response = raw_post(world.officer, BASE, body)
    assert response.status_code == 400
    assert "嵌套" in response.json()["detail"]


def test_json_nested_100000_deep_is_400_not_a_recursion_error(world, at):
    body = ('{"a":' * 100000 + "1" + "}" * 100000).encode()
    response = raw_post(world.officer, BASE, body)
    assert response.status_code == 400


def test_json_within_the_depth_limit_is_parsed(world, at):
    body = {"record": world.record.pk, "grounds": GROUNDS, "extra": json.loads("[" * 20 + "]" * 20)}
    response = world.officer.post(BASE, body, format="json")
    assert response.status_code == 201


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64 * 1024)
def test_a_json_body_over_the_limit_is_413(world, at):
    body = json.dumps({"record": world.record.pk, "grounds": "x" * (100 * 1024)}).encode()
    response = raw_post(world.officer, BASE, body)
    assert response.status_code == 413
    assert response.json()["detail"].startswith("请求内容不能超过")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64 * 1024)
def test_multipart_fields_over_the_limit_are_413(world, at):
    response = world.officer.post(BASE, {"record": world.record.pk, "grounds": "x" * (100 * 1024)},
                                  format="multipart")
    assert response.status_code == 413


def test_malformed_json_is_400(world, at):
    response = raw_post(world.officer, BASE, b'{"record": ')
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


# --- addresses -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v2/objections/", "/api/v1/objections/X/letters/abc/"])
def test_an_unknown_api_address_is_a_json_404(world, path):
    response = world.officer.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "未找到。", "code": "not_found"}


def test_an_unknown_case_is_a_json_404(world):
    response = world.officer.get(f"{BASE}YY-2099-999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "异议案件不存在。"
