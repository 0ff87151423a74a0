"""One objection end to end in a real browser: the subject lodges with evidence,
the department claims and accepts, the handler drafts the conclusion, the reviewer approves
it, the signer signs it off (decided and replied to at once), the subject reads the reply."""

import re

import pytest

from tests.e2e.free_records import fresh_record
from tests.e2e.queue_steps import claim_and_open
from tests.e2e.sign_in import sign_in_as
from tests.e2e.signoff_steps import review_and_sign
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)
PNG = image_bytes("PNG")  # a real PNG: evidence is decoded, not only sniffed


@pytest.fixture
def record(demo_site):
    return fresh_record()


def test_lodge_accept_decide_reply_in_the_browser(page, demo_site, record, tmp_path):
    evidence = tmp_path / "付款回单.png"
    evidence.write_bytes(PNG)

    sign_in_as(page, demo_site, "subject")
    page.goto(f"{demo_site}/portal/objections/new/?record={record.pk}")
    page.fill("textarea[name=grounds]", "尾款已于2026年5月20日支付完毕，记录与事实不符，附银行回单。")
    page.set_input_files("input[name=evidence]", str(evidence))
    with page.expect_navigation():
        page.click("#lodge-form button[type=submit]")
    number = re.search(r"YY-\d{4}-\d{6}", page.locator("h1").inner_text()).group(0)
    assert "书面答复期限" in page.content()
    assert page.locator("#case-status").inner_text() == "已提交"

    sign_in_as(page, demo_site, "handler")
    claim_and_open(page, number, "review")
    page.click("#action-accept button")
    page.wait_for_url("**/staff/work/queue/")  # back to the queue, the task done
    assert "受理并转入核查，已完成" in page.content()

    page.goto(f"{demo_site}/staff/work/objections/{number}/")
    assert page.locator("#case-status").inner_text() == "核查中"
    page.select_option("#action-decide select[name=outcome]", "upheld")
    page.fill("#action-decide textarea[name=reasons]", "经核对银行回单，尾款已付清。")
    page.check("#action-decide input[name=revoke]")
    # 长春市财政局 signs off its decisions: submitting changes nothing yet, so it does not ask.
    assert "提交审核" in page.locator("#action-decide button").inner_text()
    with page.expect_navigation():
        page.click("#action-decide button")
    assert page.locator("#case-status").inner_text() == "核查中"
    assert "待审核" in page.locator("#draft").inner_text()
    draft_pdf = page.request.get(demo_site + page.locator("#draft-pdf").get_attribute("href"))
    assert draft_pdf.ok and draft_pdf.body().startswith(b"%PDF")

    review_and_sign(page, demo_site, f"/staff/work/objections/{number}/")
    assert page.locator("#case-status").inner_text() == "跟踪落实中"
    assert "已签发" in page.locator("#draft-history").inner_text()

    sign_in_as(page, demo_site, "subject")
    page.goto(f"{demo_site}/portal/objections/{number}/")
    letters = page.locator("#letters").inner_text()
    assert "受理通知书" in letters and "异议答复书" in letters
    assert "撤销" in page.locator("#timeline").inner_text()
