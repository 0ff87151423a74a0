"""A handler's decision over the API is drafted (202) where the department signs off; the reviewer and
the signer take it on at /draft/approve/, /draft/return/ and /draft/sign/."""

import pytest

from casework.models import LetterDraft, ObjectionStatus
from tests.api.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DECISION = {"outcome": "not_upheld", "reasons": "经核查，款项至今未支付，记录属实。"}


@pytest.fixture
def signing(world, at):
    at(2026, 9, 29)
    world.finance.one_step_letter_kinds = []
    world.finance.save()
    response = world.officer.post("/api/v1/objections/", {"record": world.record.pk, "channel": "department",
                                                          "grounds": "款项已付清，记录与事实不符，请核查。"}, format="json")
    number = response.data["number"]
    assert world.handler.post(f"/api/v1/objections/{number}/accept/").status_code == 200
    return {"number": number, "world": world,
            "reviewer": client_for(UserFactory(handler=True, department=world.finance, may_review=True)),
            "signer": client_for(UserFactory(handler=True, department=world.finance, may_sign_off=True))}


def _url(number, tail):
    return f"/api/v1/objections/{number}/{tail}/"


def test_decide_answers_202_with_the_draft_and_the_case_waits(signing):
    number, world = signing["number"], signing["world"]
    response = world.handler.post(_url(number, "decide"), DECISION, format="json")
    assert response.status_code == 202
    assert response.data["status"] == "in_review" and response.data["letter_kind"] == "objection_reply"
    assert response.data["case"] == number and response.data["signed_by"] is None
    assert world.handler.get(f"/api/v1/objections/{number}/").data["status"] == ObjectionStatus.UNDER_VERIFICATION


def test_review_return_and_sign_over_the_api(signing):
    number, world = signing["number"], signing["world"]
    world.handler.post(_url(number, "decide"), DECISION, format="json")
    assert world.handler.post(_url(number, "draft/approve"), {}, format="json").status_code == 403  # own draft
    assert signing["reviewer"].post(_url(number, "draft/return"), {}, format="json").status_code == 400
    response = signing["reviewer"].post(_url(number, "draft/return"), {"comment": "请补充核查经过。"}, format="json")
    assert response.status_code == 200 and response.data["status"] == "returned"
    assert world.handler.post(_url(number, "decide"), DECISION, format="json").status_code == 202
    assert signing["reviewer"].post(_url(number, "draft/approve"), {}, format="json").data["status"] == \
        "awaiting_signoff"
    response = signing["signer"].post(_url(number, "draft/sign"), {}, format="json")
    assert response.status_code == 200 and response.data["status"] == "issued"
    assert world.handler.get(f"/api/v1/objections/{number}/").data["status"] == ObjectionStatus.CLOSED
    assert signing["signer"].post(_url(number, "draft/sign"), {}, format="json").status_code == 404  # none open


def test_another_department_gets_404(signing):
    number, world = signing["number"], signing["world"]
    world.handler.post(_url(number, "decide"), DECISION, format="json")
    assert world.stranger_handler.post(_url(number, "draft/approve"), {}, format="json").status_code == 404
    assert LetterDraft.objects.get().status == "in_review"


def test_the_subject_sees_the_signed_decision_not_the_departments_deliberation(signing):
    number, world = signing["number"], signing["world"]
    world.handler.post(_url(number, "decide"), DECISION, format="json")
    signing["reviewer"].post(_url(number, "draft/return"), {"comment": "内部意见：请补充核查经过。"}, format="json")
    world.handler.post(_url(number, "decide"), DECISION, format="json")
    signing["reviewer"].post(_url(number, "draft/approve"), {}, format="json")
    signing["signer"].post(_url(number, "draft/sign"), {}, format="json")
    staff_actions = [row["action"] for row in world.handler.get(f"/api/v1/objections/{number}/").data["timeline"]]
    assert {"draft_submit", "draft_return", "draft_approve", "draft_sign", "decide", "reply"} <= set(staff_actions)
    subject = world.officer.get(f"/api/v1/objections/{number}/").data
    assert not [row for row in subject["timeline"] if row["action"].startswith("draft_")]
    assert {"decide", "reply"} <= {row["action"] for row in subject["timeline"]}
    assert "内部意见" not in str(subject)
