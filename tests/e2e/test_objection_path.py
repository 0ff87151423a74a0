"""One objection end to end in a real browser: the subject lodges with evidence,
the department claims, accepts, decides and replies, the subject reads the reply."""

import datetime
import re

import pytest

from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)
PNG = image_bytes("PNG")  # a real PNG: evidence is decoded, not only sniffed


def _log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")


@pytest.fixture
def fresh_record(demo_site):
    from casework.models import Department, Subject
    from casework.services.records import credit_record_create

    return credit_record_create(
        subject=Subject.objects.get(name="农安县人民政府"), kind="dishonesty", key_area="procurement",
        determined_by=Department.objects.get(name="长春市财政局"), platform_level="city",
        facts="县政府采购项目逾期未支付尾款。", legal_basis="《保障中小企业款项支付条例》第八条。",
        determined_on=datetime.date(2026, 6, 1), severity="general",
    )


def test_lodge_accept_decide_reply_in_the_browser(page, demo_site, fresh_record, tmp_path):
    evidence = tmp_path / "付款回单.png"
    evidence.write_bytes(PNG)

    _log_in(page, demo_site, "subject")
    page.goto(f"{demo_site}/portal/objections/new/?record={fresh_record.pk}")
    page.fill("textarea[name=grounds]", "尾款已于2026年5月20日支付完毕，记录与事实不符，附银行回单。")
    page.set_input_files("input[name=evidence]", str(evidence))
    with page.expect_navigation():
        page.click("#lodge-form button[type=submit]")
    number = re.search(r"YY-\d{4}-\d{6}", page.locator("h1").inner_text()).group(0)
    assert "书面答复期限" in page.content()
    assert page.locator("#case-status").inner_text() == "已提交"

    _log_in(page, demo_site, "handler")
    row = page.locator(f"#queue tr[data-case='{number}']")
    with page.expect_navigation():
        row.get_by_role("button", name="认领").click()
    page.locator(f"#queue tr[data-case='{number}']").get_by_role("link", name="办理").click()
    page.wait_for_url("**/review/*/execute/")
    page.click("#action-accept button")
    page.wait_for_url("**/staff/work/queue/")  # back to the queue, the task done
    assert "受理并转入核查，已完成" in page.content()

    page.goto(f"{demo_site}/staff/work/objections/{number}/")
    assert page.locator("#case-status").inner_text() == "核查中"
    page.select_option("#action-decide select[name=outcome]", "upheld")
    page.fill("#action-decide textarea[name=reasons]", "经核对银行回单，尾款已付清。")
    page.check("#action-decide input[name=revoke]")
    page.click("#action-decide button")  # a decision that revokes a record asks first
    with page.expect_navigation():
        page.click("#confirm-decide button")
    with page.expect_navigation():
        page.click("#action-reply button")
    assert page.locator("#case-status").inner_text() == "跟踪落实中"

    _log_in(page, demo_site, "subject")
    page.goto(f"{demo_site}/portal/objections/{number}/")
    letters = page.locator("#letters").inner_text()
    assert "受理通知书" in letters and "异议答复书" in letters
    assert "撤销" in page.locator("#timeline").inner_text()
