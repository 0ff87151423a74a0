"""The handler's queue in a browser: search and filter, the filters kept in the export link, the
page at desktop and phone width (screenshots in var/screens/queue/), no serious or critical axe
violation with the filter bar and the row actions on it.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m pytest tests/e2e/test_queue_page.py -q
"""

import pytest
from django.conf import settings

from tests.e2e.axe import audited_page, axe_violations, blocking_violations  # noqa: F401  (a fixture)
from tests.e2e.sign_in import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_filter_export_and_both_widths(audited_page, demo_site):
    from django.urls import reverse

    page, base = audited_page, demo_site
    screens = settings.VAR_DIR / "screens" / "queue"
    screens.mkdir(parents=True, exist_ok=True)
    sign_in_as(page, base, "handler")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + reverse("work:queue:index"))
    rows = page.locator("#queue tbody tr[data-case]")
    numbers = [rows.nth(i).get_attribute("data-case") for i in range(rows.count())]
    assert numbers, "the demo handler's queue has cases"
    page.screenshot(path=str(screens / "queue-1280.png"), full_page=True)
    assert blocking_violations({"待办队列": axe_violations(page)}) == []

    page.fill("input[name=q]", numbers[-1])
    with page.expect_navigation():
        page.click(".cw-queue-filters button[type=submit]")
    assert [rows.nth(i).get_attribute("data-case") for i in range(rows.count())] == [numbers[-1]]
    assert page.locator("#queue-matching").inner_text().startswith("符合条件 1 件")
    export = page.locator(".cw-filter-export a", has_text="CSV")
    assert f"q={numbers[-1]}" in export.get_attribute("href")
    with page.expect_download() as download:
        export.click()
    assert download.value.suggested_filename.endswith(".csv")

    page.goto(base + reverse("work:queue:index") + "?kind=petition")
    assert "未识别的类型“petition”，已忽略。" in page.locator(".cw-filter-notes").inner_text()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + reverse("work:queue:index"))
    page.screenshot(path=str(screens / "queue-390.png"), full_page=True)
    # The tables scroll inside their cards; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert blocking_violations({"待办队列（手机）": axe_violations(page)}) == []
