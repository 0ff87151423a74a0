"""Credit repair through the API: every path, the review due across National Day 2026.

Received Monday 28 Sept 2026: the review is due 10 working days later, on
16 Oct (1–7 Oct are holidays, Saturday 10 Oct is a make-up working day).
"""

import pytest

from casework.models import MeasureStatus, RecordStatus, Severity
from tests.api.conftest import PDF, client_for, upload
from tests.factories import CreditRecordFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/repairs/"


def apply(world, client=None, expect=201, **data):
    body = {"record": world.record.pk, "losses_recovered": "已全额支付拖欠款项及利息，取得企业书面确认。",
            "commitment_signed": True, "commitment_file": upload("承诺书.pdf", PDF), **data}
    response = (client or world.officer).post(BASE, body, format="multipart")
    assert response.status_code == expect, response.data
    return response.data


def act(client, number, action, data=None, *, expect=200):
    response = client.post(f"{BASE}{number}/{action}/", data or {}, format="json")
    assert response.status_code == expect, response.data
    return response.data


def review(case):
    return next(row for row in case["deadlines"] if row["kind"] == "repair_review")


def test_apply_answers_201_with_the_review_due_across_national_day(world, at):
    case = apply(world)
    assert case["number"] == "XF-2026-000001" and case["status"] == "under_review"
    assert review(case)["due_on"] == "2026-10-16"
    assert case["allowed_actions"] == ["withdraw"]
    assert [e["purpose"] for e in case["evidence"]] == ["commitment"]
    assert world.handler.get(f"{BASE}{case['number']}/").data["allowed_actions"] == ["request-materials", "decide"]


def test_an_application_without_proof_still_works_and_the_commitment_text_is_returned(world, at):
    """Clients written before the proof was asked for keep working (the department asks for it by
    补正); the commitment the subject accepted is in the detail."""
    from casework.repair_requirements import COMMITMENT_TEXT

    case = apply(world)
    assert case["commitment_signed"] is True and case["commitment_text"] == COMMITMENT_TEXT


def test_an_ineligible_record_is_refused_with_the_date_it_becomes_eligible(world, at):
    record = CreditRecordFactory(subject=world.record.subject, severity=Severity.SERIOUS)
    body = apply(world, record=record.pk, expect=400)
    assert "2027年3月16日起方可申请信用修复" in body["record"][0]


def test_materials_pause_then_approval_with_per_measure_decisions_then_follow_up(world, at):
    number = apply(world)["number"]
    at(2026, 9, 30)
    case = act(world.handler, number, "request-materials", {"materials": "银行回单"})
    assert case["status"] == "awaiting_materials" and review(case)["due_on"] is None
    at(2026, 10, 9)
    response = world.officer.post(f"{BASE}{number}/supply-materials/",
                                  {"evidence": [upload("回单.pdf", PDF)], "note": "已补充"}, format="multipart")
    assert response.status_code == 200, response.data
    assert review(response.data)["due_on"] == "2026-10-20"
    case = act(world.handler, number, "decide", {
        "approved": True, "reasons": "已主动挽回损失并消除不良影响。",
        "decisions": [{"measure": world.finance_measure.pk, "decision": "waive"},
                      {"measure": world.hr_measure.pk, "decision": "reduce", "reasons": "情节较轻"}],
    })
    assert case["status"] == "following_up" and case["record"]["status"] == RecordStatus.REPAIRED
    assert case["platform_report"]["change"] == "repaired"
    assert [letter["kind"] for letter in case["letters"]] == ["receipt", "materials_request", "repair_decision"]
    assert world.hr_handler.get(f"{BASE}{number}/").data["allowed_actions"] == ["confirm-lifting"]
    act(world.handler, number, "confirm-lifting", {"measure": world.finance_measure.pk})
    act(world.hr_handler, number, "confirm-lifting", {"measure": world.hr_measure.pk})
    case = act(world.handler, number, "confirm-report", {"receipt": "SJPT-9"})
    assert case["status"] == "closed"
    world.hr_measure.refresh_from_db()
    assert world.hr_measure.status == MeasureStatus.REDUCED


def test_rejection_and_its_state_errors(world, at):
    number = apply(world)["number"]
    body = act(world.handler, number, "decide", {"approved": False, "reasons": "材料不足以证明已挽回损失。"})
    assert body["status"] == "rejected" and body["record"]["status"] == RecordStatus.ACTIVE
    conflict = act(world.officer, number, "withdraw", expect=409)
    assert conflict["code"] == "transition_not_allowed" and conflict["allowed_actions"] == []


def test_another_subject_or_department_cannot_read_act_or_guess(world, at):
    number = apply(world)["number"]
    for client in (world.stranger, world.stranger_handler):
        assert client.get(f"{BASE}{number}/").status_code == 404
        assert client.post(f"{BASE}{number}/decide/", {"approved": False, "reasons": "x"},
                           format="json").status_code == 404
        assert client.get(BASE).data["count"] == 0
    assert world.officer.get(f"{BASE}XF-2026-000999/").status_code == 404
    # A record of another subject is "not found" to the applicant.
    body = apply(world, client=world.stranger, expect=400)
    assert body["record"] == ["所选信用记录不存在。"]
    # The subject itself may not decide.
    assert act(world.officer, number, "decide", {"approved": True, "reasons": "x"}, expect=403)["code"] == \
        "not_permitted"


def test_list_filters_by_status(world, at):
    apply(world)
    assert world.officer.get(BASE, {"status": "under_review"}).data["count"] == 1
    assert world.officer.get(BASE, {"status": "closed"}).data["count"] == 0
    assert world.officer.get(BASE, {"status": "nonsense"}).status_code == 400
    supervisor = client_for(UserFactory(supervisor=True, jurisdiction=world.record.subject.jurisdiction))
    assert supervisor.get(BASE).data["count"] == 1
