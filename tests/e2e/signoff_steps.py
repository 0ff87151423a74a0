"""审核 and 签发 of a handler's draft on the staff case page, by the demo's `reviewer` and `signer`
(长春市财政局, the department of `handler`): the browser tests' shared step."""

from tests.e2e.sign_in import sign_in_as


def review_and_sign(page, base: str, case_url: str, *, comment: str = "同意。") -> None:
    """The reviewer approves the open draft of the case at `case_url` (a path), the signer signs it off
    after the confirmation; the page is left on the case page, signed in as the signer."""
    sign_in_as(page, base, "reviewer")
    page.goto(f"{base}{case_url}")
    assert "待审核" in page.locator("#draft").inner_text()
    page.fill("#draft-comment", comment)
    with page.expect_navigation():
        page.click("#draft-steps button[value=draft-approve]")
    sign_in_as(page, base, "signer")
    page.goto(f"{base}{case_url}")
    assert "待签发" in page.locator("#draft").inner_text()
    page.click("#draft-steps button[value=draft-sign]")
    panel = page.locator("#confirm")
    panel.wait_for()
    assert "此操作不可撤回" in panel.inner_text()  # 签发 is the irreversible step: it asks first
    page.click("#confirm-draft-sign button")
    page.get_by_text("签发，已完成").first.wait_for()
