"""A subject lodges an objection with the keyboard alone: signs in, goes from the portal's home to
the form, chooses the record, the channel, writes the grounds, attaches a file and submits —
Tab, arrows, Space, Enter and typing only, no clicks and no filling by selector (the file itself
is handed over in the file chooser the keyboard opened); every control it stops at on the
portal shows where the focus is."""

import re

import pytest
from django.conf import settings

from tests.e2e.free_records import record_free_for_objection
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)
TAB_LIMIT = 60  # more stops than any of these pages has: reaching it means the control is unreachable


def _tab_to(page, selector):
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with Tab on {page.url}")


def _focused(page, expression):
    return page.evaluate(f"() => document.activeElement.{expression}")


def _portal_tab_to(page, selector):
    """Tab to `selector` on a portal page, where the focused control must show a ring."""
    _tab_to(page, selector)
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                         " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }")
    assert ring, f"{selector} has no visible focus ring"


def test_a_subject_lodges_an_objection_with_the_keyboard_only(page, demo_site, tmp_path):
    from casework.models import ObjectionCase, User

    subject = User.objects.get(username="subject").subject
    record = record_free_for_objection(subject)
    evidence = tmp_path / "付款回单.png"
    evidence.write_bytes(image_bytes("PNG"))

    page.goto(f"{demo_site}/accounts/login/?next=/portal/")
    _tab_to(page, "input[name=username]")
    page.keyboard.type("subject")
    _tab_to(page, "input[name=password]")
    page.keyboard.type(settings.DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/portal/")

    _portal_tab_to(page, f"#records a[href$='?record={record.pk}']")
    assert _focused(page, "textContent") == "提出异议"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/portal/objections/new/" in page.url

    _portal_tab_to(page, "select[name=record]")
    assert _focused(page, "value") == str(record.pk)  # the record the link was for
    _portal_tab_to(page, "input[name=channel]")
    assert _focused(page, "value") == "department"  # Tab lands on the checked radio button
    page.keyboard.press("ArrowDown")  # arrows move the choice within the group
    assert _focused(page, "value") == "platform" and _focused(page, "checked")
    _portal_tab_to(page, "textarea[name=grounds]")
    page.keyboard.type("尾款已于2026年5月20日支付完毕，记录与事实不符，附银行回单。")
    _portal_tab_to(page, "input[name=evidence]")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(evidence))
    _portal_tab_to(page, "#lodge-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    number = re.search(r"YY-\d{4}-\d{6}", page.locator("h1").inner_text()).group(0)
    assert page.locator("#case-status").inner_text() == "已提交"
    case = ObjectionCase.objects.get(number=number)
    assert case.record == record and case.channel == "platform"
    assert case.grounds.startswith("尾款已于2026年5月20日支付完毕")
    assert "付款回单.png" in page.content()  # the attached file is listed on the case page
