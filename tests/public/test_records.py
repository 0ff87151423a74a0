"""The publication of dishonesty records: page, JSON and CSV, and when a record stops being shown."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from casework.models import AuditEntry, RecordStatus, SubjectKind
from casework.services import objections as objection_services
from casework.services import repairs as repair_services
from casework.services.publication import records_publication_expire
from public.records import FIELD_NAMES
from tests.factories import CreditRecordFactory, SubjectFactory, UserFactory, pdf_upload

D = datetime.date


def _page(client, **query):
    return client.get(reverse("public:records"), query).content.decode()


def _json(client, **query):
    return json.loads(client.get(reverse("public:records_json"), query).content)


def _csv(client, **query):
    response = client.get(reverse("public:records_csv"), query)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _numbers_everywhere(client, **query):
    return (
        {n for n in (r["number"] for r in _json(client, **query)["results"])},
        {row[0] for row in _csv(client, **query)[1:]},
    )


@pytest.fixture
def published(db, at):
    return CreditRecordFactory(is_published=True)  # 一般, determined and published 2026-03-16


def test_a_published_record_is_shown_with_its_department_dates_and_end_of_publication(client, published):
    page = _page(client)
    assert published.number in page and published.subject.name in page
    assert published.determined_by.name in page and "逾期未支付中小企业账款" in page
    assert "2026-03-16" in page and "2027-03-16" in page  # published from; 一般: at most 12 months
    (row,) = _json(client)["results"]
    assert tuple(row) == FIELD_NAMES
    assert row["published_on"] == "2026-03-16" and row["publication_ends_on"] == "2027-03-16"
    assert row["determined_by"] == published.determined_by.name and row["severity"] == "一般"
    header, line = _csv(client)
    assert header[0] == "记录编号" and line[0] == published.number and line[-1] == "2027-03-16"


def test_unpublished_records_and_civil_servants_records_are_not_shown(client, published):
    hidden = CreditRecordFactory(is_published=False)
    person = SubjectFactory(kind=SubjectKind.CIVIL_SERVANT, name="张某某", uscc=None, employer=published.subject,
                            jurisdiction=published.subject.jurisdiction)
    personal = CreditRecordFactory(subject=person, is_published=True)
    page = _page(client)
    assert hidden.number not in page and personal.number not in page and "张某某" not in page
    assert _numbers_everywhere(client) == ({published.number}, {published.number})


def test_search_by_name_or_by_credit_code(client, published):
    other = CreditRecordFactory(is_published=True)
    assert _numbers_everywhere(client, q=published.subject.uscc) == ({published.number}, {published.number})
    assert _numbers_everywhere(client, q=other.subject.name) == ({other.number}, {other.number})
    assert _numbers_everywhere(client, q="不存在的单位") == (set(), set())


def test_the_json_feed_is_paged(client, db, at):
    numbers = {CreditRecordFactory(is_published=True).number for _ in range(5)}
    first = _json(client, page_size=2)
    assert first["count"] == 5 and first["pages"] == 3 and len(first["results"]) == 2
    seen = {r["number"] for r in first["results"]}
    follow = first["next"]
    while follow:
        body = json.loads(client.get(follow).content)
        seen |= {r["number"] for r in body["results"]}
        follow = body["next"]
    assert seen == numbers


def test_pages_and_feeds_are_not_cached(client, published):
    for name in ("public:records", "public:records_json", "public:records_csv"):
        assert "no-cache" in client.get(reverse(name))["Cache-Control"]


def test_a_record_past_its_maximum_period_is_no_longer_shown_and_the_daily_run_ends_it(client, published, at):
    at(2027, 3, 15)
    assert _numbers_everywhere(client) == ({published.number}, {published.number})
    at(2027, 3, 16)  # 12 months after publication: the first day it is no longer shown
    assert _numbers_everywhere(client) == (set(), set())
    assert published.number not in _page(client)
    assert records_publication_expire(today=D(2027, 3, 15)) == 0
    assert records_publication_expire(today=D(2027, 3, 16)) == 1
    assert records_publication_expire(today=D(2027, 3, 17)) == 0  # idempotent
    published.refresh_from_db()
    assert published.is_published is False and published.status == RecordStatus.ACTIVE
    entry = AuditEntry.objects.get(action="publication_expired")
    assert entry.reason == "公示期满，终止公示" and entry.details["ends_on"] == "2027-03-16"


def test_the_periodic_task_ends_publication(published, at):
    from casework.tasks import publication_expire_task

    at(2027, 3, 16)
    assert publication_expire_task.call_local() == 1
    published.refresh_from_db()
    assert published.is_published is False


def test_the_maximum_period_is_a_setting(client, published, at, settings):
    at(2026, 10, 1)
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "publication_max_months_general": 6}
    assert _numbers_everywhere(client) == (set(), set())
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "publication_max_months_general": 7}
    assert _numbers_everywhere(client) == ({published.number}, {published.number})


def _objection_replied(record, *, at, **decision):
    officer = UserFactory(subject_officer=True, subject=record.subject)
    handler = UserFactory(handler=True, department=record.determined_by)
    case = objection_services.objection_lodge(record=record, grounds="该笔款项已全额支付，记录与事实不符。",
                                              channel="department", acting_user=officer)
    case = objection_services.objection_accept(case=case, acting_user=handler)
    at(2026, 10, 8)
    case = objection_services.objection_decide(case=case, acting_user=handler, **decision)
    return objection_services.objection_reply(case=case, acting_user=handler)


@pytest.mark.parametrize("decision", [
    {"outcome": "partly_upheld", "reasons": "逾期天数有误。", "correction": {"facts": "逾期支付合同价款（已付清）。"}},
    {"outcome": "upheld", "reasons": "认定依据不成立。", "revoke": True},
], ids=["corrected", "revoked"])
def test_a_corrected_or_revoked_record_disappears_when_the_objection_service_changes_it(client, published, at,
                                                                                      decision):
    assert published.number in _page(client)
    _objection_replied(published, at=at, **decision)
    published.refresh_from_db()
    assert published.status in (RecordStatus.CORRECTED, RecordStatus.REVOKED) and not published.is_published
    assert published.number not in _page(client)
    assert _numbers_everywhere(client) == (set(), set())


def test_a_repaired_record_disappears_when_the_repair_service_repairs_it(client, published, at):
    officer = UserFactory(subject_officer=True, subject=published.subject)
    handler = UserFactory(handler=True, department=published.determined_by)
    case = repair_services.repair_apply(
        record=published, losses_recovered="已全额支付拖欠的合同价款及逾期利息。", commitment_signed=True,
        commitment_file=pdf_upload("信用承诺书.pdf"), acting_user=officer,
    )
    assert published.number in _page(client)  # still shown while the application is reviewed
    repair_services.repair_decide(case=case, approved=True, reasons="已主动挽回损失。", decisions=[],
                                  acting_user=handler)
    assert published.number not in _page(client)
    assert _numbers_everywhere(client) == (set(), set())
