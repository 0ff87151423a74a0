"""The public pages on a phone (390×844): axe-core finds no serious or critical violation, and a
screenshot of each is written to var/screens/public/ to be looked at.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m pytest tests/e2e/test_public_pages.py -q -s
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.e2e.axe import audited_page, axe_violations, blocking_violations  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = Path(settings.BASE_DIR) / "var" / "screens" / "public"
PHONE = {"width": 390, "height": 844}


def _axe(page, name):
    page.wait_for_load_state("networkidle")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
    return axe_violations(page)


def test_public_pages_on_a_phone_have_no_serious_or_critical_violation(audited_page, demo_site):
    from casework.models import ObjectionCase

    page, base = audited_page, demo_site
    page.set_viewport_size(PHONE)
    case = ObjectionCase.objects.select_related("subject").exclude(subject__uscc=None).order_by("pk").first()
    found = {}
    for name, url in [
        ("home", reverse("public:home")),
        ("records", reverse("public:records")),
        ("guide", reverse("public:guide")),
        ("calendar", reverse("public:calendar") + "?received=2026-09-28&working_days=15"),
        ("lookup", reverse("public:lookup") + f"?number={case.number}"),
    ]:
        page.goto(base + url)
        found[name] = _axe(page, name)
    # The lookup answered: the number from the receipt's QR link is filled in, the visitor types the code.
    page.fill("input[name=code]", case.subject.uscc)
    with page.expect_navigation():
        page.click("button[type=submit] >> text=查询")
    assert case.number in page.content() and "办理状态" in page.content()
    page.click("summary")  # the day-by-day count, opened
    found["lookup-result"] = _axe(page, "lookup-result")
    page.goto(base + reverse("public:lookup"))
    page.fill("input[name=number]", case.number)
    page.fill("input[name=code]", "91220000000000000X")
    with page.expect_navigation():
        page.click("button[type=submit] >> text=查询")
    assert "未查到" in page.content()
    found["lookup-unknown"] = _axe(page, "lookup-unknown")
    # Nothing wider than the phone: no sideways scrolling on any page.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    blocking = blocking_violations(found, "axe public")
    assert blocking == [], "\n".join(blocking)
