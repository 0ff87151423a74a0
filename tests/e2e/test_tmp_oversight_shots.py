"""TEMPORARY: screenshots of the 督办 pages (deleted after looking at them)."""

import pytest

from tests.e2e.sign_in import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_shots(page, demo_site):
    from supervision.models import Oversight

    o = Oversight.objects.get()
    sign_in_as(page, demo_site, "supervisor")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{demo_site}/staff/oversight_app/oversight/")
    page.locator("#oversight-tiles").screenshot(path="/tmp/h3/tiles.png")
    page.screenshot(path="/tmp/h3/dashboard.png")
    page.goto(f"{demo_site}/staff/oversight_app/oversight/oversights/")
    page.screenshot(path="/tmp/h3/list.png", full_page=True)
    page.goto(f"{demo_site}/staff/oversight_app/oversight/list/?state=overdue")
    page.screenshot(path="/tmp/h3/drill.png", full_page=True)
    button = page.locator("#cases a.cw-button").first
    button.click()
    page.fill("textarea[name=reasons]", "该期限已逾期，请立即依法办理并说明逾期原因。")
    page.screenshot(path="/tmp/h3/form.png", full_page=True)
    page.click("#action-oversight button[type=submit]")
    page.locator("#confirm").wait_for()
    page.screenshot(path="/tmp/h3/confirm.png", full_page=True)
    page.click("#confirm-oversight button[type=submit]")
    page.locator("#oversight-letter").wait_for()
    page.screenshot(path="/tmp/h3/detail.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{demo_site}/staff/oversight_app/oversight/oversights/")
    page.screenshot(path="/tmp/h3/list-phone.png", full_page=True)
    page.goto(f"{demo_site}/staff/oversight_app/oversight/")
    page.locator("#oversight-tiles").screenshot(path="/tmp/h3/tiles-phone.png")
    sign_in_as(page, demo_site, "handler")
    page.goto(f"{demo_site}/staff/work/objections/{o.case_label}/")
    page.locator("#oversights").screenshot(path="/tmp/h3/case-panel-phone.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill(f"#oversight-text-{o.pk}", "已于今日受理并开始核查，预计三个工作日内作出书面答复；逾期系承办人变动所致。")
    page.click(f"#oversight-answer-{o.pk} button[type=submit]")
    page.locator("#oversights").wait_for()
    page.locator("#oversights").screenshot(path="/tmp/h3/case-panel-answered.png")
