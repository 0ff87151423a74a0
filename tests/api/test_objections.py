"""Objection cases through the API: every path, with dates across National Day 2026.

Received Monday 28 Sept 2026: the reply is due 15 working days later, on
23 Oct (1–7 Oct are holidays, Saturday 10 Oct is a make-up working day).
"""

import pytest

from casework.models import CreditRecord, MeasureStatus, ObjectionStatus, RecordStatus
from tests.api.conftest import PDF, PNG, upload

pytestmark = pytest.mark.django_db

BASE = "/api/v1/objections/"
GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"


def lodge(world, client=None, **data):
    body = {"record": world.record.pk, "grounds": GROUNDS, "channel": "department", **data}
    response = (client or world.officer).post(BASE, body, format="json")
    assert response.status_code == 201, response.data
    return response.data


def act(client, number, action, data=None, *, format="json", expect=200):
    response = client.post(f"{BASE}{number}/{action}/", data or {}, format=format)
    assert response.status_code == expect, response.data
    return response.data


def read(client, number):
    response = client.get(f"{BASE}{number}/")
    assert response.status_code == 200, response.data
    return response.data


def deadline(case, kind, label_part=""):
    rows = [row for row in case["deadlines"] if row["kind"] == kind and label_part in row["label"]]
    assert len(rows) == 1, case["deadlines"]
    return rows[0]


def letter_kinds(case):
    return [letter["kind"] for letter in case["letters"]]


def timeline_actions(case):
    return [row["action"] for row in case["timeline"]]


def test_lodging_answers_201_with_the_reply_due_across_national_day(world, at):
    case = lodge(world)
    assert case["number"] == "YY-2026-000001"
    assert case["status"] == "lodged" and case["status_display"] == "已提交"
    assert case["received_on"] == "2026-09-28"
    assert case["deadlines"] == [
        {
            "kind": "reply",
            "label": "书面答复",
            "due_on": "2026-10-23",
            "met_on": None,
            "provisional": False,
            "paused": False,
            "working_days_left": 15,
            "late_by_working_days": 0,
        }
    ]
    assert (
        case["record"]["id"] == world.record.pk and case["record"]["status"] == RecordStatus.UNDER_OBJECTION
    )
    assert case["handling_department"]["name"] == world.finance.name
    assert case["allowed_actions"] == ["withdraw"]
    assert timeline_actions(case)[0] == "lodge"


def test_the_handling_department_sees_what_it_may_do_now(world, at):
    case = lodge(world)
    assert read(world.handler, case["number"])["allowed_actions"] == ["accept", "reject", "request-materials"]


def test_not_accepted_path(world, at):
    number = lodge(world)["number"]
    at(2026, 9, 29)
    case = act(
        world.handler, number, "reject", {"reason": "no_grounds", "explanation": "未提供任何证明材料。"}
    )
    assert case["status"] == ObjectionStatus.NOT_ACCEPTED
    assert case["non_acceptance_reason"] == "no_grounds"
    assert deadline(case, "reply")["met_on"] == "2026-09-29"
    assert deadline(case, "reply")["working_days_left"] is None
    assert letter_kinds(case) == ["receipt", "non_acceptance_notice"]
    assert case["allowed_actions"] == []
    assert read(world.officer, number)["allowed_actions"] == []
    world.record.refresh_from_db()
    assert world.record.status == RecordStatus.ACTIVE


def test_materials_then_upheld_with_correction(world, at):
    number = lodge(world)["number"]
    at(2026, 9, 29)
    case = act(world.handler, number, "accept")
    assert case["status"] == ObjectionStatus.UNDER_VERIFICATION
    assert letter_kinds(case) == ["receipt", "acceptance_notice"]

    # Requested on 30 Sept: that day counts, the reply clock stands still from 1 Oct.
    at(2026, 9, 30)
    case = act(world.handler, number, "request-materials", {"materials": "付款凭证扫描件\n银行回单"})
    assert case["status"] == ObjectionStatus.AWAITING_MATERIALS
    assert case["materials_requested"] == "付款凭证扫描件\n银行回单"
    reply = deadline(case, "reply")
    assert reply["paused"] is True and reply["due_on"] is None and reply["working_days_left"] is None
    assert deadline(case, "materials")["due_on"] == "2026-10-20"  # 10 working days after 30 Sept
    assert read(world.officer, number)["allowed_actions"] == ["supply-materials", "withdraw"]

    # Supplied Friday 9 Oct (a PNG named .pdf is fine: the content decides): paused 1–9 Oct,
    # of which 8 and 9 Oct are working days, so the reply moves from 23 to 27 Oct.
    at(2026, 10, 9)
    case = act(
        world.officer,
        number,
        "supply-materials",
        {"evidence": [upload("回单.pdf", PNG), upload("凭证.pdf", PDF)], "note": "已补充银行回单。"},
        format="multipart",
    )
    assert case["status"] == ObjectionStatus.UNDER_VERIFICATION
    assert deadline(case, "reply")["due_on"] == "2026-10-27"
    assert deadline(case, "materials")["met_on"] == "2026-10-09"
    assert [(e["original_name"], e["content_type"], e["purpose"]) for e in case["evidence"]] == [
        ("回单.pdf", "image/png", "materials"),
        ("凭证.pdf", "application/pdf", "materials"),
    ]

    at(2026, 10, 14)
    case = act(
        world.handler,
        number,
        "decide",
        {
            "outcome": "partly_upheld",
            "reasons": "付款已完成，逾期天数有误。",
            "findings": "核对银行回单。",
            "correction": {"facts": "逾期支付合同价款（已于2026年1月付清）。", "severity": "minor"},
        },
    )
    assert case["status"] == ObjectionStatus.DECIDED and case["outcome"] == "partly_upheld"
    assert deadline(case, "provincial_report")["due_on"] == "2026-10-21"
    assert case["platform_report"]["status"] == "pending"

    at(2026, 10, 15)
    case = act(world.handler, number, "reply")
    assert case["status"] == ObjectionStatus.FOLLOWING_UP
    assert deadline(case, "reply")["met_on"] == "2026-10-15"
    assert letter_kinds(case) == [
        "receipt",
        "acceptance_notice",
        "materials_request",
        "objection_reply",
        "correction_feedback",
    ]
    record = CreditRecord.objects.get(pk=world.record.pk)
    assert record.status == RecordStatus.CORRECTED and record.severity == "minor"
    # Lifting due 5 working days after 15 Oct, one per imposing department.
    assert deadline(case, "measure_lifting", world.finance.name)["due_on"] == "2026-10-22"
    assert deadline(case, "measure_lifting", world.hr.name)["due_on"] == "2026-10-22"
    assert case["allowed_actions"] == ["confirm-lifting", "confirm-report"]

    at(2026, 10, 16)
    act(world.handler, number, "confirm-lifting", {"measure": world.finance_measure.pk})
    act(world.hr_handler, number, "confirm-lifting", {"measure": world.hr_measure.pk})
    case = act(world.handler, number, "confirm-report", {"receipt": "JLXY-20261016-0001"})
    assert case["status"] == ObjectionStatus.CLOSED
    assert case["platform_report"]["receipt_number"] == "JLXY-20261016-0001"
    assert {
        row["met_on"] for row in case["deadlines"] if row["kind"] in ("provincial_report", "measure_lifting")
    } == {"2026-10-16"}
    assert letter_kinds(case)[-1] == "measure_lifting_notice"
    assert timeline_actions(case)[-1] == "close"


def test_upheld_with_revocation_each_department_lifts_its_own_measure(world, at):
    number = lodge(world)["number"]
    at(2026, 9, 29)
    act(world.handler, number, "accept")
    # Before any lifting task the other department has nothing to do with the case.
    assert world.hr_handler.get(f"{BASE}{number}/").status_code == 404

    at(2026, 9, 30)
    case = act(
        world.handler, number, "decide", {"outcome": "upheld", "reasons": "款项已付清。", "revoke": True}
    )
    assert case["correction"] == {"revoke": True}
    # 5 working days after 30 Sept: 8, 9, 10 (Saturday, make-up), 12, 13 Oct.
    assert deadline(case, "provincial_report")["due_on"] == "2026-10-13"

    at(2026, 10, 8)
    case = act(world.handler, number, "reply")
    assert case["status"] == ObjectionStatus.FOLLOWING_UP
    assert deadline(case, "reply")["met_on"] == "2026-10-08"
    assert deadline(case, "measure_lifting", world.hr.name)["due_on"] == "2026-10-14"
    assert {(row["department"]["name"], row["status"]) for row in case["liftings"]} == {
        (world.finance.name, "pending"),
        (world.hr.name, "pending"),
    }

    # 人社厅 now sees the case, may confirm its own measure and nothing else.
    at(2026, 10, 9)
    hr_view = read(world.hr_handler, number)
    assert hr_view["allowed_actions"] == ["confirm-lifting"]
    act(world.hr_handler, number, "confirm-lifting", {"measure": world.finance_measure.pk}, expect=403)
    case = act(world.hr_handler, number, "confirm-lifting", {"measure": world.hr_measure.pk})
    assert case["allowed_actions"] == []
    assert case["status"] == ObjectionStatus.FOLLOWING_UP

    case = act(world.handler, number, "confirm-lifting", {"measure": world.finance_measure.pk})
    assert case["status"] == ObjectionStatus.FOLLOWING_UP  # the provincial report is still pending
    assert case["allowed_actions"] == ["confirm-report"]
    case = act(world.handler, number, "confirm-report", {"receipt": "JLXY-20261009-0002"})
    assert case["status"] == ObjectionStatus.CLOSED

    records = world.officer.get("/api/v1/records/").data["results"]
    record = next(r for r in records if r["id"] == world.record.pk)
    assert record["status"] == RecordStatus.REVOKED
    assert {m["status"] for m in record["measures"]} == {MeasureStatus.LIFTED}
    assert {m["lifted_on"] for m in record["measures"]} == {"2026-10-09"}


def test_not_upheld_closes_on_reply(world, at):
    number = lodge(world)["number"]
    at(2026, 9, 29)
    act(world.handler, number, "accept")
    at(2026, 10, 9)
    case = act(
        world.handler, number, "decide", {"outcome": "not_upheld", "reasons": "未提供付款凭证，认定无误。"}
    )
    assert case["platform_report"] is None
    at(2026, 10, 12)
    case = act(world.handler, number, "reply")
    assert case["status"] == ObjectionStatus.CLOSED
    assert case["outcome_display"] == "异议不成立"
    reply = deadline(case, "reply")
    assert (reply["due_on"], reply["met_on"]) == ("2026-10-23", "2026-10-12")
    assert letter_kinds(case) == ["receipt", "acceptance_notice", "objection_reply"]
    assert case["liftings"] == []
    world.record.refresh_from_db()
    assert world.record.status == RecordStatus.ACTIVE


def test_a_late_reply_says_by_how_many_working_days(world, at):
    number = lodge(world)["number"]
    at(2026, 9, 29)
    act(world.handler, number, "accept")
    act(world.handler, number, "decide", {"outcome": "not_upheld", "reasons": "认定无误。"})
    at(2026, 10, 22)
    assert deadline(read(world.handler, number), "reply")["working_days_left"] == 1
    at(2026, 10, 27)  # due Friday 23 Oct; Monday 26 and Tuesday 27 are late
    assert deadline(read(world.handler, number), "reply")["working_days_left"] == -2
    reply = deadline(act(world.handler, number, "reply"), "reply")
    assert (reply["met_on"], reply["late_by_working_days"], reply["working_days_left"]) == (
        "2026-10-27",
        2,
        None,
    )


def test_withdrawn_before_the_decision(world, at):
    number = lodge(world)["number"]
    at(2026, 9, 29)
    act(world.handler, number, "accept")
    at(2026, 10, 8)
    case = act(world.officer, number, "withdraw", {"reason": "已与认定部门沟通，不再异议。"})
    assert case["status"] == ObjectionStatus.WITHDRAWN
    assert deadline(case, "reply")["met_on"] == "2026-10-08"
    assert case["allowed_actions"] == []
    assert case["timeline"][-1]["reason"] == "已与认定部门沟通，不再异议。"
    world.record.refresh_from_db()
    assert world.record.status == RecordStatus.ACTIVE


def test_lodging_with_evidence_as_multipart(world, at):
    response = world.officer.post(
        BASE,
        {
            "record": world.record.pk,
            "grounds": GROUNDS,
            "channel": "department",
            "evidence": [upload("付款凭证.pdf", PDF), upload("回单.png", PNG)],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.data
    assert [(e["original_name"], e["content_type"], e["purpose"]) for e in response.data["evidence"]] == [
        ("付款凭证.pdf", "application/pdf", "lodging"),
        ("回单.png", "image/png", "lodging"),
    ]


def test_the_list_filters_by_status(world, at):
    first = lodge(world)["number"]
    act(world.officer, first, "withdraw")
    second = lodge(world)["number"]
    everything = world.officer.get(BASE).data
    assert [case["number"] for case in everything["results"]] == [second, first]
    assert everything["results"][0]["deadlines"][0]["due_on"] == "2026-10-23"
    assert [c["number"] for c in world.officer.get(BASE, {"status": "withdrawn"}).data["results"]] == [first]
    assert [c["number"] for c in world.handler.get(BASE, {"status": "lodged,accepted"}).data["results"]] == [
        second
    ]
    response = world.officer.get(BASE, {"status": "pending"})
    assert response.status_code == 400 and "status" in response.data


def test_letters_are_listed_with_a_download_link_that_serves_the_pdf(world, at):
    services = pytest.importorskip("letters.services")
    if not hasattr(services, "letter_render"):
        pytest.skip("letters is a stub here")
    from letters.models import Letter

    number = lodge(world)["number"]
    at(2026, 9, 29)
    act(world.handler, number, "reject", {"reason": "no_grounds"})
    # The receipt was issued on lodging (the record's repair notice is the record's, not the case's).
    receipt, letter = Letter.objects.exclude(kind="repair_notice").order_by("pk")
    assert read(world.officer, number)["letters"][1]["download_url"] is None  # still rendering
    services.letter_render(letter_id=letter.pk)

    listed = read(world.officer, number)["letters"]
    assert [(item["kind"], item["kind_display"], item["number"]) for item in listed] == [
        ("receipt", "受理回执", receipt.number),
        ("non_acceptance_notice", "不予受理通知书", letter.number),
    ]
    url = listed[1]["download_url"]
    assert url.endswith(f"/api/v1/objections/{number}/letters/{letter.pk}/")

    handler_copy = world.handler.get(url, HTTP_ACCEPT="application/pdf")
    assert handler_copy.status_code == 200
    letter.refresh_from_db()
    assert letter.first_downloaded_at is None  # only the addressee's download counts

    response = world.officer.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.first_downloaded_at is not None


# --- a subject cannot read, act on or guess another subject's case ----------------

ACTION_BODIES = {
    "accept": {},
    "reject": {"reason": "no_grounds"},
    "request-materials": {"materials": "银行回单"},
    "supply-materials": {"note": "补充说明"},
    "decide": {"outcome": "not_upheld", "reasons": "认定无误。"},
    "reply": {},
    "confirm-lifting": {"measure": 1},
    "confirm-report": {"receipt": "R-1"},
    "withdraw": {"reason": "不再异议"},
}


def render_letters():
    """Render the pending letters, as the worker would; returns their pks (none with the stub letters app)."""
    services = pytest.importorskip("letters.services")
    if not hasattr(services, "letter_render"):
        return []
    from letters.models import Letter

    pks = list(Letter.objects.values_list("pk", flat=True))
    for pk in pks:
        services.letter_render(letter_id=pk)
    return pks


@pytest.fixture
def rejected_case(world, at):
    """World's subject's case, rejected, so it has a letter (rendered when the letters app can)."""
    number = lodge(world)["number"]
    at(2026, 9, 29)
    act(world.handler, number, "reject", {"reason": "no_grounds"})
    return number


@pytest.mark.parametrize("who", ["stranger", "stranger_handler"])
def test_an_outsider_gets_404_for_the_case_and_every_action(world, rejected_case, who):
    letter_pk = (render_letters() or [1])[0]
    client = getattr(world, who)
    missing = client.get(f"{BASE}YY-2026-999999/")
    response = client.get(f"{BASE}{rejected_case}/")
    assert response.status_code == 404
    assert response.data == missing.data  # nothing tells an existing number from a made-up one
    for action, body in ACTION_BODIES.items():
        assert client.post(f"{BASE}{rejected_case}/{action}/", body, format="json").status_code == 404, action
        assert client.post(f"{BASE}{rejected_case}/{action}/", {}, format="json").status_code == 404, action
    assert client.get(f"{BASE}{rejected_case}/letters/{letter_pk}/").status_code == 404
    assert rejected_case not in [case["number"] for case in client.get(BASE).data["results"]]
    assert world.officer.get(f"{BASE}{rejected_case}/").status_code == 200  # it does exist


def test_a_letter_is_served_only_under_its_own_case(world, rejected_case, at):
    pks = render_letters()
    if not pks:
        pytest.skip("letters is a stub here: its letters have no id")
    letter_pk = pks[-1]  # the notice; the receipt came first
    theirs = lodge(world, record=world.stranger_record.pk, client=world.stranger)["number"]
    assert world.stranger.get(f"{BASE}{theirs}/letters/{letter_pk}/").status_code == 404
    assert world.officer.get(f"{BASE}{rejected_case}/letters/{letter_pk}/").status_code == 200
    assert world.officer.get(f"{BASE}{rejected_case}/letters/{letter_pk + 1}/").status_code == 404


def test_the_lists_are_scoped(world, rejected_case, at):
    theirs = lodge(world, record=world.stranger_record.pk, client=world.stranger)["number"]
    assert [case["number"] for case in world.officer.get(BASE).data["results"]] == [rejected_case]
    assert [case["number"] for case in world.stranger.get(BASE).data["results"]] == [theirs]
    assert [case["number"] for case in world.handler.get(BASE).data["results"]] == [rejected_case]
    assert [case["number"] for case in world.stranger_handler.get(BASE).data["results"]] == [theirs]
    assert world.hr_handler.get(BASE).data["results"] == []  # no lifting task for 人社厅


def test_an_english_page_still_stores_chinese_letters_and_audit_reasons(db, at):
    """The official record is in Chinese whatever language the handler's browser speaks."""
    from django.utils import translation

    from casework.services.audit import audit_trail
    from letters.selectors import letters_about
    from tests.factories import CreditRecordFactory, UserFactory, beijing
    from workflows.actions import act
    from workflows.objection_actions import objection_lodge

    at(2026, 9, 29)
    record = CreditRecordFactory()
    case = objection_lodge(record=record, grounds="记录与事实不符，请核查。", channel="department",
                           acting_user=UserFactory(subject_officer=True, subject=record.subject),
                           received_at=beijing(2026, 9, 28))
    with translation.override("en"):
        handler = UserFactory(handler=True, department=record.determined_by)
        act(case=case, action="reject", acting_user=handler, payload={"reason": "no_grounds"})
    letter = letters_about(case).get(kind="non_acceptance_notice")
    assert letter.context["reasons"].startswith("未提供异议理由")
    assert audit_trail(case).get(action="reject").reason == "未提供异议理由或证明材料"
