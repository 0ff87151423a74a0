"""Rectification orders through the API: every path, the time limit across National Day.

Ordered Monday 28 Sept 2026 with 10 working days: due 16 Oct (1–7 Oct are holidays,
Saturday 10 Oct is a make-up working day).
"""

import pytest

from tests.api.conftest import PDF, PNG, client_for, upload
from tests.factories import (
    CreditRecordFactory,
    JurisdictionFactory,
    SubjectFactory,
    SupervisorOfficeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/rectifications/"


class Office:
    """rectification_world (a city's supervisor office, a county government with a record) as API
    clients, and outsiders in another city."""

    def __init__(self, world):
        self.government = world["government"]
        self.record = world["record"]
        self.handler = client_for(world["handler"])
        self.colleague = client_for(world["colleague"])
        self.officer = client_for(world["officer"])
        self.determining = client_for(world["determining"])
        self.supervisor = client_for(world["supervisor"])
        other_city = JurisdictionFactory()
        self.far_office = client_for(UserFactory(handler=True,
                                                 department=SupervisorOfficeFactory(jurisdiction=other_city)))
        self.stranger = client_for(UserFactory(subject_officer=True, subject=SubjectFactory(jurisdiction=other_city)))
        self.far_supervisor = client_for(UserFactory(supervisor=True, jurisdiction=other_city))


@pytest.fixture
def office(rectification_world):
    return Office(rectification_world)


def order(o, client=None, expect=201, **data):
    body = {"subject": o.government.pk, "records": [o.record.pk], "requirements": "支付拖欠款项\n建立账款支付台账",
            "limit_working_days": 10, **data}
    response = (client or o.handler).post(BASE, body, format="json")
    assert response.status_code == expect, response.data
    return response.data


def act(client, number, action, data=None, *, expect=200, multipart=False):
    response = client.post(f"{BASE}{number}/{action}/", data or {}, format="multipart" if multipart else "json")
    assert response.status_code == expect, response.data
    return response.data


def limit(case):
    return [row for row in case["deadlines"] if row["kind"] == "rectification"][-1]


def submit(o, number, kind, text="按要求报送的整改材料内容，共十个字以上。", **extra):
    return act(o.officer, number, f"submit-{kind}", {"text": text, **extra}, multipart=True)


def test_order_answers_201_with_the_limit_across_national_day_and_the_order_letter(office, at):
    case = order(office)
    assert case["number"] == "ZG-2026-000001" and case["status"] == "ordered"
    assert limit(case)["due_on"] == "2026-10-16" and limit(case)["working_days_left"] == 10
    assert case["requirements"] == ["支付拖欠款项", "建立账款支付台账"]
    assert [letter["kind"] for letter in case["letters"]] == ["rectification_order", "receipt"]
    assert case["allowed_actions"] == ["record-accountability"]
    assert office.officer.get(f"{BASE}{case['number']}/").data["allowed_actions"] == ["submit-explanation"]


def test_order_with_a_date_on_a_holiday_ends_on_the_next_working_day(office, at):
    case = order(office, limit_working_days=None, limit_date="2026-10-04")
    assert limit(case)["due_on"] == "2026-10-08"


def test_who_may_order_and_what(office, at):
    for client in (office.officer, office.determining, office.supervisor):
        assert order(office, client=client, expect=403)["code"] == "not_permitted"
    # Another city's office does not see the government; records must be the government's own.
    assert order(office, client=office.far_office, expect=400)["subject"] == ["所选政府不存在。"]
    assert order(office, records=[CreditRecordFactory().pk], expect=400)["records"] == ["所选信用记录不存在。"]
    assert "二者选一" in order(office, limit_date="2026-10-30", expect=400)["limit_date"][0]
    assert "整改要求" in order(office, requirements=" ", expect=400)["requirements"][0]


def test_explanation_first_then_plan_progress_completion_return_accountability_accept(office, at):
    number = order(office)["number"]
    conflict = act(office.officer, number, "submit-plan", {"text": "十个工作日内付清欠款并建立台账。"},
                   expect=409, multipart=True)
    assert conflict["code"] == "transition_not_allowed" and "书面说明" in conflict["detail"]
    assert conflict["allowed_actions"] == ["submit-explanation"]
    case = submit(office, number, "explanation", "因预算执行监控缺位，导致合同价款逾期支付。")
    assert case["status"] == "rectifying"
    assert case["allowed_actions"] == ["submit-plan", "submit-progress"]
    submit(office, number, "plan", "十个工作日内付清欠款并建立台账。")
    at(2026, 10, 9)
    submit(office, number, "progress", "已支付第一笔欠款，台账正在建立。", evidence=[upload("台账.png", PNG)])
    bad = act(office.officer, number, "submit-completion",
              {"text": "欠款已全部付清，台账已建立。", "evidence": [upload("凭证.pdf", b"MZ not a pdf")]},
              expect=400, multipart=True)
    assert "不是PDF、JPG、PNG格式" in bad["evidence"][0]
    case = submit(office, number, "completion", "欠款已全部付清，台账已建立。", evidence=[upload("凭证.pdf", PDF)])
    assert case["status"] == "under_acceptance" and limit(case)["met_on"] == "2026-10-09"
    assert [e["purpose"] for e in case["evidence"]] == ["progress", "completion"]
    assert office.handler.get(f"{BASE}{number}/").data["allowed_actions"] == [
        "record-accountability", "return", "accept"]

    case = act(office.handler, number, "return", {"reasons": "台账未覆盖全部项目。", "new_limit_date": "2026-10-31"})
    assert case["status"] == "rectifying" and case["returns"][0]["new_limit_date"] == "2026-10-31"
    assert limit(case)["due_on"] == "2026-11-02"  # Saturday 31 Oct is not a working day
    at(2026, 10, 20)
    submit(office, number, "completion", "台账已覆盖全部项目，附清单。")
    refused = act(office.handler, number, "accept", {"opinion": "整改到位。"}, expect=400)
    assert "责任追究" in refused["opinion"][0]
    act(office.handler, number, "record-accountability",
        {"person": "王某", "position": "县财政局局长", "action_taken": "诫勉谈话"})
    # The re-submitted case came back to the officer who returned it: a colleague may not take it over.
    held = act(office.colleague, number, "accept", {"opinion": "整改到位。"}, expect=403)
    assert held["code"] == "not_permitted" and f"已由 {office.handler.user} 认领" in held["detail"]
    case = act(office.handler, number, "accept", {"opinion": "整改到位。"})
    assert case["status"] == "accepted" and case["acceptance_opinion"] == "整改到位。"
    assert case["accountability"][0]["person"] == "王某"
    assert [letter["kind"] for letter in case["letters"]] == [
        "rectification_order", "receipt", "rectification_acceptance", "rectification_acceptance"]
    assert [s["kind"] for s in case["submissions"]] == ["explanation", "plan", "progress", "completion", "completion"]
    assert case["allowed_actions"] == []
    late = act(office.handler, number, "record-accountability",
               {"person": "李某", "position": "副县长", "action_taken": "通报"}, expect=409)
    assert late["code"] == "transition_not_allowed"


def test_state_and_role_errors(office, at):
    number = order(office)["number"]
    assert act(office.handler, number, "accept", {"opinion": "通过"}, expect=409)["code"] == "transition_not_allowed"
    assert act(office.handler, number, "submit-explanation", {"text": "由办公室代为提交的书面说明。"},
               expect=403, multipart=True)["code"] == "not_permitted"
    submit(office, number, "explanation", "因预算执行监控缺位，导致合同价款逾期支付。")
    submit(office, number, "plan", "十个工作日内付清欠款并建立台账。")
    submit(office, number, "completion", "欠款已全部付清，台账已建立。")
    assert act(office.officer, number, "accept", {"opinion": "自行验收"}, expect=403)["code"] == "not_permitted"
    assert act(office.supervisor, number, "return", {"reasons": "x"}, expect=403)["code"] == "not_permitted"
    assert "退回理由" in act(office.handler, number, "return", {"reasons": ""}, expect=400)["reasons"][0]


def test_another_subject_or_office_cannot_read_act_or_guess(office, at):
    case = order(office)
    number = case["number"]
    for client in (office.stranger, office.far_office, office.determining, office.far_supervisor):
        assert client.get(f"{BASE}{number}/").status_code == 404
        assert client.post(f"{BASE}{number}/submit-explanation/", {"text": "冒名提交的书面说明内容。"},
                           format="multipart").status_code == 404
        assert client.post(f"{BASE}{number}/accept/", {"opinion": "x"}, format="json").status_code == 404
        assert client.get(BASE).data["count"] == 0
    assert office.officer.get(f"{BASE}ZG-2026-000999/").status_code == 404


def test_letters_download_for_the_government_and_the_office_only(office, at):
    from letters.models import Letter
    from letters.services import letter_render

    number = order(office)["number"]
    letter = Letter.objects.get(kind="rectification_order")  # the receipt is listed after it
    assert office.officer.get(f"{BASE}{number}/").data["letters"][0]["download_url"] is None  # still rendering
    letter_render(letter_id=letter.pk)
    url = office.officer.get(f"{BASE}{number}/").data["letters"][0]["download_url"]
    assert url.endswith(f"/api/v1/rectifications/{number}/letters/{letter.pk}/")
    assert office.handler.get(url).status_code == 200
    letter.refresh_from_db()
    assert letter.first_downloaded_at is None  # only the addressee's download counts
    response = office.officer.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.first_downloaded_at is not None
    assert office.stranger.get(url).status_code == 404


def test_list_filters_by_status_and_supervisors_see_their_jurisdiction(office, at):
    order(office)
    assert office.officer.get(BASE, {"status": "ordered"}).data["count"] == 1
    assert office.officer.get(BASE, {"status": "accepted"}).data["count"] == 0
    assert office.officer.get(BASE, {"status": "nonsense"}).status_code == 400
    assert office.supervisor.get(BASE).data["count"] == 1


def test_results_per_jurisdiction_for_supervisors_and_administrators(office, at):
    done = order(office)["number"]
    submit(office, done, "explanation", "因预算执行监控缺位，导致合同价款逾期支付。")
    submit(office, done, "plan", "十个工作日内付清欠款并建立台账。")
    submit(office, done, "completion", "欠款已全部付清，台账已建立。")
    act(office.handler, done, "record-accountability", {"person": "李某", "position": "副县长", "action_taken": "通报批评"})
    act(office.handler, done, "accept", {"opinion": "整改到位。"})
    order(office, limit_working_days=3)  # due 8 Oct, still open on 12 Oct
    at(2026, 10, 12)
    rows = office.supervisor.get(f"{BASE}results/").data
    assert len(rows) == 1
    row = rows[0]
    assert row["jurisdiction"]["code"] == office.government.jurisdiction.code
    assert (row["ordered"], row["open"], row["overdue"], row["accepted"], row["accepted_on_time"],
            row["accountable"], row["returns"]) == (2, 1, 1, 1, 1, 1, 0)
    assert office.far_supervisor.get(f"{BASE}results/").data == []
    assert len(client_for(UserFactory()).get(f"{BASE}results/").data) == 1  # an administrator sees everything
    for client in (office.handler, office.officer):
        response = client.get(f"{BASE}results/")
        assert response.status_code == 403 and response.data["code"] == "not_permitted"


def test_the_schema_describes_every_rectification_endpoint(client):
    import json

    paths = json.loads(client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)["paths"]
    assert "post" in paths[BASE] and "get" in paths[f"{BASE}results/"]
    for action in ("submit-explanation", "submit-plan", "submit-progress", "submit-completion",
                   "record-accountability", "return", "accept"):
        assert "post" in paths[f"{BASE}{{number}}/{action}/"], action
    assert f"{BASE}{{number}}/letters/{{letter_pk}}/" in paths
