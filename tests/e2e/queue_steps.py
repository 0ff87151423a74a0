"""Claiming a case from the department queue on screen and opening its task (the browser tests' shared step)."""


def claim_and_open(page, number: str, node: str) -> None:
    """On the queue page, claim the row of case `number` and open its `node` task's page."""
    row = page.locator(f"#queue tr[data-case='{number}']")
    with page.expect_navigation():
        row.get_by_role("button", name="认领").click()
    page.locator(f"#queue tr[data-case='{number}']").get_by_role("link", name="办理").click()
    page.wait_for_url(f"**/{node}/*/execute/")
