"""Irreversible steps ask before they run: 不予受理 shows "此操作不可撤回" with what it does,
cancelling leaves the case as it was, and only 确认执行 refuses the objection."""

import datetime

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")


@pytest.fixture
def lodged(demo_site):
    """An objection the demo's `handler` (长春市财政局) must review."""
    from casework.models import Department, Subject, User
    from casework.services.records import credit_record_create
    from workflows.objection_actions import objection_lodge

    subject = Subject.objects.get(name="农安县人民政府")
    record = credit_record_create(
        subject=subject, kind="dishonesty", key_area="procurement",
        determined_by=Department.objects.get(name="长春市财政局"), platform_level="city",
        facts="县政府采购项目逾期未支付尾款。", legal_basis="《保障中小企业款项支付条例》第八条。",
        determined_on=datetime.date(2026, 6, 1), severity="general",
    )
    return objection_lodge(record=record, grounds="尾款已付清，记录与事实不符。", channel="department",
                           acting_user=User.objects.get(username="subject"))


def _status(case):
    case.refresh_from_db()
    return case.status


def test_rejecting_asks_first_and_cancel_does_nothing(page, demo_site, lodged):
    from casework.models import ObjectionStatus

    _log_in(page, demo_site, "handler")
    url = f"{demo_site}/staff/work/objections/{lodged.number}/"
    page.goto(url)
    page.select_option("#action-reject select[name=reason]", index=1)
    page.fill("#action-reject textarea[name=explanation]", "不属于本部门认定的信用信息。")
    # Turbo submits the form and renders the answer in place (viewflow turns a POST's 200 into 422).
    page.click("#action-reject button")
    panel = page.locator("#confirm")
    panel.wait_for()
    text = panel.inner_text()
    assert "此操作不可撤回" in text and "不予受理后案件即告终结" in text and "确认执行？" in text
    assert _status(lodged) == ObjectionStatus.LODGED  # asked, not done

    page.click("#confirm-cancel")
    page.locator("#confirm").wait_for(state="detached")
    assert page.locator("#action-reject").is_visible()  # still on offer
    assert _status(lodged) == ObjectionStatus.LODGED

    page.select_option("#action-reject select[name=reason]", index=1)
    page.click("#action-reject button")
    page.click("#confirm-reject button")
    page.get_by_text("不予受理，已完成").first.wait_for()
    assert _status(lodged) == ObjectionStatus.NOT_ACCEPTED


def test_accepting_needs_no_confirmation(page, demo_site, lodged):
    from casework.models import ObjectionStatus

    _log_in(page, demo_site, "handler")
    page.goto(f"{demo_site}/staff/work/objections/{lodged.number}/")
    page.click("#action-accept button")
    page.get_by_text("受理并转入核查，已完成").first.wait_for()
    assert page.locator("#confirm").count() == 0
    assert _status(lodged) == ObjectionStatus.UNDER_VERIFICATION
