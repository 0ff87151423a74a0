"""An extension (延期) on a phone (390 px): the handler's case page offers the form, the subject's
case page shows the new date and reason, and neither page scrolls sideways."""

import os

import pytest

from tests.factories import CreditRecordFactory, UserFactory, beijing
from workflows.actions import act
from workflows.objection_actions import objection_lodge

pytestmark = pytest.mark.django_db(transaction=True)
REASON = "所涉款项由三个部门分别支付，需逐一调取国库集中支付凭证并向收款单位核实。"
SHOTS = os.environ.get("E2E_SCREENSHOTS")  # a folder: keep the screenshots to look at


def _sign_in(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-for-tests")
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


def _fits(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name


def test_extend_and_read_it_on_a_phone(page, live_server, at, extensions_on):
    at(2026, 9, 29)
    record = CreditRecordFactory()
    officer = UserFactory(subject_officer=True, subject=record.subject)
    handler = UserFactory(handler=True, department=record.determined_by)
    case = objection_lodge(record=record, grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=officer, received_at=beijing(2026, 9, 28))
    act(case=case, action="accept", acting_user=handler)
    page.set_viewport_size({"width": 390, "height": 844})

    _sign_in(page, live_server.url, handler)
    page.goto(f"{live_server.url}/staff/work/objections/{case.number}/")
    form = page.locator("#action-extend")
    assert form.is_visible() and "最多15个工作日" in form.inner_text()
    page.fill("#action-extend input[name=days]", "5")
    page.fill("#action-extend textarea[name=reason]", REASON)
    _fits(page, "staff-extend-form")
    # Turbo submits the form and renders the answer in place (viewflow turns a POST's 200 into 422).
    form.locator("button[type=submit]").click()
    panel = page.locator("#confirm")
    panel.wait_for()
    assert "只能延长一次" in panel.inner_text()
    _fits(page, "staff-extend-confirm")
    page.click("#confirm-extend button")
    page.get_by_text("延长办理期限，已完成").first.wait_for()

    _sign_in(page, live_server.url, officer)
    page.goto(f"{live_server.url}/portal/objections/{case.number}/")
    box = page.locator("#extension")
    assert box.is_visible() and "2026年10月30日" in box.inner_text() and REASON in box.inner_text()
    _fits(page, "portal-extension")
