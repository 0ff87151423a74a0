"""Following a case without an account: number and credit code, the same answer for wrong and unknown."""

import re

from django.test import Client
from django.urls import reverse

from casework.services import objections as objection_services
from public.lookup import LOOKUP_KINDS
from tests.factories import ObjectionCaseFactory, RepairCaseFactory, UserFactory

URL = reverse("public:lookup")


def _post(client, number, code):
    return client.post(URL, {"number": number, "code": code})


def _without_echo(response, *echoed) -> bytes:
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', body)
    for text in echoed:
        body = body.replace(f'value="{text}"', 'value=""')
    return body.encode()


def test_an_objection_is_found_by_its_number_and_the_subjects_credit_code(client, db, at):
    case = ObjectionCaseFactory()
    handler = UserFactory(handler=True, department=case.handling_department)
    objection_services.objection_accept(case=case, acting_user=handler)
    response = _post(client, case.number.lower(), f" {case.subject.uscc.lower()} ")
    page = response.content.decode()
    assert response.status_code == 200
    assert case.number in page and "核查中" in page  # the status in words
    assert "2026年10月23日" in page  # 15 working days from 28 Sept, past the National Day holiday
    assert "自2026年9月28日的次日起算 15 个工作日" in page and "国庆节" in page  # how it was counted
    letter_numbers = [letter.number for letter in case_letters(case)]
    assert len(letter_numbers) == 2 and all(n in page for n in letter_numbers)  # receipt, acceptance notice
    assert case.grounds not in page and handler.username not in page  # no contents, no officers


def case_letters(case):
    from letters.selectors import letters_about

    return list(letters_about(case))


def test_a_repair_application_is_found_too(client, db, at):
    case = RepairCaseFactory()
    page = _post(client, case.number, case.subject.uscc).content.decode()
    assert case.number in page and "审核中" in page and "信用修复审核" in page


def test_a_rectification_is_found_by_the_governments_code(client, rectification_world, at):
    from casework.services.rectifications import rectification_order

    w = rectification_world
    case = rectification_order(subject=w["government"], records=[w["record"]], requirements="书面说明情况",
                               acting_user=w["handler"])
    page = _post(client, case.number, w["government"].uscc).content.decode()
    assert case.number in page and "下达日期" in page and "限期整改" in page


def test_a_wrong_pair_answers_exactly_as_an_unknown_number(client, db, at):
    case = ObjectionCaseFactory()
    other = ObjectionCaseFactory()
    wrong = _post(client, case.number, other.subject.uscc)
    unknown = _post(client, "YY2099999999", other.subject.uscc)
    assert wrong.status_code == unknown.status_code == 200
    assert "未查到" in wrong.content.decode()
    assert _without_echo(wrong, case.number) == _without_echo(unknown, "YY2099999999")


def test_lookup_is_rate_limited_per_address(client, db, settings):
    settings.PUBLIC_LOOKUP_RATE = "3/min"
    for _ in range(3):
        assert _post(client, "YY1", "X").status_code == 200
    refused = _post(client, "YY1", "X")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "查询过于频繁" in refused.content.decode()
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert elsewhere.post(URL, {"number": "YY1", "code": "X"}).status_code == 200


def test_the_form_needs_no_account_but_its_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    form = client.get(URL, {"number": "YY2026000001"})
    assert form.status_code == 200 and 'value="YY2026000001"' in form.content.decode()
    assert client.post(URL, {"number": "YY1", "code": "X"}).status_code == 403
    token = client.cookies["csrftoken"].value
    assert client.post(URL, {"number": "YY1", "code": "X", "csrfmiddlewaretoken": token}).status_code == 200


def test_each_case_kind_is_read_through_one_table():
    from casework.models import ObjectionCase, RectificationCase, RepairCase

    # The complaint kind plugs in with one more entry.
    assert {ObjectionCase, RepairCase, RectificationCase} <= {kind.model for kind in LOOKUP_KINDS}
