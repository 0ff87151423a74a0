"""The complaint form on a phone (390×844): empty, with its errors, and the receipt after lodging;
axe-core finds no serious or critical violation, nothing is wider than the phone, and a screenshot
of each is written to var/screens/public/ to be looked at. The lookup then finds the complaint by
its number and the code the receipt showed.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m pytest tests/e2e/test_complaint_form.py -q -s
"""

import pytest
from django.urls import reverse

from tests.e2e.axe import audited_page, blocking_violations  # noqa: F401  (a fixture)
from tests.e2e.test_public_pages import PHONE
from tests.e2e.test_public_pages import _axe as _screen_and_axe

pytestmark = pytest.mark.django_db(transaction=True)


def _axe(page, name):
    found = _screen_and_axe(page, name)  # the screenshot goes to var/screens/public/
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    return found


def test_complaint_form_receipt_and_lookup_on_a_phone(audited_page, demo_site):
    from casework.models import ComplaintCase, Subject

    page, base = audited_page, demo_site
    page.set_viewport_size(PHONE)
    body = Subject.objects.get(name="农安县人民政府")
    found = {}
    page.goto(base + reverse("public:complaint_new"))
    assert "可以匿名投诉" in page.content()
    found["complaint-form"] = _axe(page, "complaint-form")
    with page.expect_navigation():
        page.click("button[type=submit] >> text=提交投诉")
    assert "errorlist" in page.content()
    found["complaint-errors"] = _axe(page, "complaint-errors")
    page.fill("input[name=body]", body.uscc)
    page.fill("textarea[name=facts]", "县政府承诺对新落户企业给予三年租金补贴，至今未兑现（浏览器测试）。")
    page.fill("input[name=occurred_on]", "2026-05-10")
    page.fill("input[name=captcha_1]", "PASSED")  # the captcha's test mode (config/settings/test.py)
    with page.expect_navigation():
        page.click("button[type=submit] >> text=提交投诉")
    case = ComplaintCase.objects.order_by("-pk").first()
    assert case.number in page.content() and case.subject == body
    code = page.inner_text("#lookup-code")
    found["complaint-receipt"] = _axe(page, "complaint-receipt")
    page.goto(base + reverse("public:lookup"))
    page.fill("input[name=number]", case.number)
    page.fill("input[name=code]", code)
    with page.expect_navigation():
        page.click("button[type=submit] >> text=查询")
    assert "政务失信投诉" in page.content() and case.number in page.content()
    found["complaint-lookup"] = _axe(page, "complaint-lookup")

    blocking = blocking_violations(found, "axe complaint")
    assert blocking == [], "\n".join(blocking)
