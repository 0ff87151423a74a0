"""One rectification end to end in a real browser: 长春's supervisor office orders 农安县 on a
record, the government explains, plans and reports completion with evidence, the office records
accountability, claims the acceptance in its queue and accepts; the government reads the result."""

import datetime
import re

import pytest

from tests.e2e.free_records import fresh_record
from tests.e2e.queue_steps import claim_and_open
from tests.e2e.sign_in import sign_in_as
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
PDF = pdf_bytes()  # a real PDF: evidence is parsed, not only sniffed


@pytest.fixture
def record(demo_site):
    return fresh_record(determined_on=datetime.date(2026, 3, 2))


def test_order_explain_complete_accept_in_the_browser(page, demo_site, record, tmp_path):
    evidence = tmp_path / "付款凭证.pdf"
    evidence.write_bytes(PDF)

    sign_in_as(page, demo_site, "handler-ccxyb")
    page.goto(f"{demo_site}/staff/work/rectifications/new/?subject={record.subject_id}")
    page.check(f"#order-form input[name=records][value='{record.pk}']")
    page.fill("#order-form textarea[name=requirements]", "支付拖欠的尾款\n建立合同款项支付台账")
    page.fill("#order-form input[name=limit_working_days]", "10")
    with page.expect_navigation():
        page.click("#order-form button[type=submit]")
    number = re.search(r"ZG-\d{4}-\d{6}", page.locator("h1").inner_text()).group(0)
    assert page.locator("#case-status").inner_text() == "已下达整改通知，待书面说明"
    assert "整改通知书" in page.locator("#letters").inner_text()

    sign_in_as(page, demo_site, "subject")
    page.goto(f"{demo_site}/portal/rectifications/{number}/")
    assert "建立合同款项支付台账" in page.locator("#requirements").inner_text()
    assert page.locator("#submit-plan").count() == 0  # the written explanation comes first
    page.fill("#submit-explanation textarea", "因合同验收后付款审批环节积压，导致尾款逾期未付。")
    with page.expect_navigation():
        page.click("#submit-explanation button")
    page.fill("#submit-plan textarea", "五个工作日内付清尾款，并建立合同款项支付台账。")
    with page.expect_navigation():
        page.click("#submit-plan button")
    page.fill("#submit-completion textarea", "尾款已全部付清，支付台账已建立，附付款凭证。")
    page.set_input_files("#submit-completion input[type=file]", str(evidence))
    with page.expect_navigation():
        page.click("#submit-completion button")
    assert page.locator("#case-status").inner_text() == "整改完成，待验收"
    assert "付款凭证.pdf" in page.locator("#evidence").inner_text()

    sign_in_as(page, demo_site, "handler-ccxyb")
    page.goto(f"{demo_site}/staff/work/rectifications/{number}/")
    page.fill("#action-record-accountability input[name=person]", "王某")
    page.fill("#action-record-accountability input[name=position]", "县财政局局长")
    page.fill("#action-record-accountability textarea[name=action_taken]", "诫勉谈话")
    with page.expect_navigation():
        page.click("#action-record-accountability button")
    assert "王某" in page.locator("#accountability").inner_text()
    page.goto(f"{demo_site}/staff/work/queue/")
    assert "整改验收" in page.locator(f"#queue tr[data-case='{number}']").inner_text()
    claim_and_open(page, number, "acceptance")
    page.fill("#action-accept textarea[name=opinion]", "尾款已付清，台账已建立，整改到位。")
    page.click("#action-accept button")
    page.click("#confirm-accept button")  # acceptance is irreversible: it asks first
    page.wait_for_url("**/staff/work/queue/")
    assert "验收通过，已完成" in page.content()

    sign_in_as(page, demo_site, "subject")
    page.goto(f"{demo_site}/portal/rectifications/{number}/")
    assert page.locator("#case-status").inner_text() == "验收通过，已办结"
    assert "整改验收意见书" in page.locator("#letters").inner_text()
    assert "整改到位" in page.locator("#acceptance").inner_text()
