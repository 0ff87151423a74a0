"""One credit repair end to end in a real browser: the subject applies with its signed
commitment, the determining department claims, decides per measure, the subject reads the decision."""

import datetime
import re

import pytest

from tests.e2e.free_records import fresh_record
from tests.e2e.queue_steps import claim_and_open
from tests.e2e.sign_in import sign_in_as
from tests.e2e.signoff_steps import review_and_sign
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
PDF = pdf_bytes()  # a real PDF: evidence is parsed, not only sniffed


@pytest.fixture
def record_with_measure(demo_site):
    from casework.services.records import punishment_measure_impose

    record = fresh_record(determined_on=datetime.date(2026, 3, 2))
    measure = punishment_measure_impose(record=record, imposed_by=record.determined_by, kind="no_funding",
                                        description="暂停新增专项资金", imposed_on=datetime.date(2026, 3, 9))
    return record, measure


def test_apply_claim_decide_in_the_browser(page, demo_site, record_with_measure, tmp_path):
    record, measure = record_with_measure
    commitment = tmp_path / "信用承诺书.pdf"
    commitment.write_bytes(PDF)

    sign_in_as(page, demo_site, "subject")
    page.goto(f"{demo_site}/portal/repairs/new/?record={record.pk}")
    assert "可以申请" in page.locator(f"#eligibility tr[data-record='{record.pk}']").inner_text()
    page.fill("textarea[name=losses_recovered]", "尾款及逾期利息已于2026年10月全额支付，取得供应商书面确认。")
    page.set_input_files("input[name=commitment_file]", str(commitment))
    proof = tmp_path / "付款凭证.pdf"
    proof.write_bytes(PDF)
    page.set_input_files("input[name=evidence]", str(proof))
    page.check("input[name=commitment_signed]")
    with page.expect_navigation():
        page.click("#repair-form button[type=submit]")
    number = re.search(r"XF-\d{4}-\d{6}", page.locator("h1").inner_text()).group(0)
    assert page.locator("#case-status").inner_text() == "审核中"
    assert "审核期限" in page.content()

    sign_in_as(page, demo_site, "handler")
    assert "信用修复" in page.locator(f"#queue tr[data-case='{number}']").inner_text()
    claim_and_open(page, number, "review")
    page.check("#action-decide input[name=approved][value='1']")
    page.select_option(f"#action-decide select[name=decision_{measure.pk}]", "waive")
    page.fill("#action-decide textarea[name=reasons]", "已主动挽回损失，消除不良影响。")
    with page.expect_navigation():
        page.click("#action-decide button")  # submitted for 审核: 签发 is the step that asks
    assert "作出信用修复决定，已提交审核" in page.content()

    review_and_sign(page, demo_site, f"/staff/work/repairs/{number}/")
    sign_in_as(page, demo_site, "handler")
    page.goto(f"{demo_site}/staff/work/repairs/{number}/")
    assert page.locator("#case-status").inner_text() == "准予修复，跟踪落实中"
    page.click(f"#lift-{measure.pk} button")  # confirming a lifting asks first
    with page.expect_navigation():
        page.click("#confirm-confirm-lifting button")

    sign_in_as(page, demo_site, "subject")
    page.goto(f"{demo_site}/portal/repairs/{number}/")
    assert "信用修复决定书" in page.locator("#letters").inner_text()
    assert "准予信用修复" in page.locator("#decision").inner_text()
    assert "已修复" in page.locator("#receipt").inner_text()
