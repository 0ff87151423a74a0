"""Irreversible steps ask before they run: 不予受理 shows "此操作不可撤回" with what it does,
cancelling leaves the case as it was, and only 确认执行 refuses the objection. Where the department
signs its letters off, drafting asks nothing and 签发 is the step that asks."""

import pytest

from tests.e2e.free_records import fresh_record
from tests.e2e.sign_in import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def one_step(demo_site):
    """The demo's 长春市财政局 issuing non-acceptance notices in one step, as a department may choose."""
    from casework.models import Department

    Department.objects.filter(name="长春市财政局").update(one_step_letter_kinds=["non_acceptance_notice"])


@pytest.fixture
def lodged(demo_site):
    """An objection the demo's `handler` (长春市财政局) must review."""
    from casework.models import User
    from workflows.objection_actions import objection_lodge

    return objection_lodge(record=fresh_record(), grounds="尾款已付清，记录与事实不符。", channel="department",
                           acting_user=User.objects.get(username="subject"))


def _status(case):
    case.refresh_from_db()
    return case.status


def test_rejecting_asks_first_and_cancel_does_nothing(page, demo_site, one_step, lodged):
    from casework.models import ObjectionStatus

    sign_in_as(page, demo_site, "handler")
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

    sign_in_as(page, demo_site, "handler")
    page.goto(f"{demo_site}/staff/work/objections/{lodged.number}/")
    page.click("#action-accept button")
    page.get_by_text("受理并转入核查，已完成").first.wait_for()
    assert page.locator("#confirm").count() == 0
    assert _status(lodged) == ObjectionStatus.UNDER_VERIFICATION


def test_a_signed_off_rejection_asks_at_signing_and_cancel_does_nothing(page, demo_site, lodged):
    from casework.models import ObjectionStatus

    sign_in_as(page, demo_site, "handler")
    url = f"{demo_site}/staff/work/objections/{lodged.number}/"
    page.goto(url)
    page.select_option("#action-reject select[name=reason]", index=1)
    with page.expect_navigation():
        page.click("#action-reject button")  # drafting: no confirmation, nothing happens yet
    assert page.locator("#confirm").count() == 0 and _status(lodged) == ObjectionStatus.LODGED

    sign_in_as(page, demo_site, "reviewer")
    page.goto(url)
    with page.expect_navigation():
        page.click("#draft-steps button[value=draft-approve]")
    sign_in_as(page, demo_site, "signer")
    page.goto(url)
    page.click("#draft-steps button[value=draft-sign]")
    page.locator("#confirm").wait_for()
    assert "签发后即按文书稿作出决定" in page.locator("#confirm").inner_text()
    page.click("#confirm-cancel")
    page.locator("#confirm").wait_for(state="detached")
    assert _status(lodged) == ObjectionStatus.LODGED
    page.click("#draft-steps button[value=draft-sign]")
    page.click("#confirm-draft-sign button")
    page.get_by_text("签发，已完成").first.wait_for()
    assert _status(lodged) == ObjectionStatus.NOT_ACCEPTED
