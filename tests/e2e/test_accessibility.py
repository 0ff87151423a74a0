"""axe-core, the accessibility engine, finds no serious or critical violation on the pages people
use most: the login page; the portal's home, its objection form and a case page as the subject;
the staff queue and a staff case page as the handler; the supervisors' dashboard as the supervisor.

axe-core comes from npm, pinned in package.json, installed into var/node/ by `bin/setup --test`.
Run with `-s` to see the counts by impact on each page.
"""

import collections
import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.free_records import record_free_for_objection

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(os.environ.get("AXE_CORE_PATH", Path(settings.BASE_DIR) / "var/node/node_modules/axe-core/axe.min.js"))
BLOCKING = {"serious", "critical"}


@pytest.fixture
def audited_page(browser):
    """A page in a context of its own that ignores the Content-Security-Policy.

    The site allows only scripts that carry the response's nonce, so the <script> Playwright
    injects for axe-core would be refused. Only this context bypasses the policy: every other
    browser test (test_csp.py above all) runs with it in force.
    """
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run bin/setup --test, which installs it")
    context = browser.browser.new_context(bypass_csp=True, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _sign_in_as(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", settings.DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


def _audit(page, url):
    """Open `url`, run axe-core on it once its scripts have settled, return the violations."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]


def test_the_main_pages_have_no_serious_or_critical_violation(audited_page, demo_site):
    from django.urls import reverse

    from casework.models import ObjectionCase, User

    page, base = audited_page, demo_site
    subject = User.objects.get(username="subject").subject
    handler = User.objects.get(username="handler")
    own_case = ObjectionCase.objects.filter(subject=subject).order_by("pk").first()
    staff_case = ObjectionCase.objects.filter(handling_department=handler.department).order_by("pk").first()
    record = record_free_for_objection(subject)

    found = {"登录": _audit(page, base + reverse("login"))}  # where every path starts
    _sign_in_as(page, base, "subject")
    found["门户首页"] = _audit(page, base + reverse("portal:home"))
    found["提出异议"] = _audit(page, base + reverse("portal:objection_new") + f"?record={record.pk}")
    found["门户案件页"] = _audit(page, base + reverse("portal:objection", args=[own_case.number]))
    _sign_in_as(page, base, "handler")
    found["待办队列"] = _audit(page, base + reverse("work:queue:index"))
    found["办理案件页"] = _audit(page, base + reverse("work:objections:case", args=[staff_case.number]))
    _sign_in_as(page, base, "supervisor")
    found["监督看板"] = _audit(page, base + reverse("supervision:dashboard"))

    blocking = []
    for name, violations in found.items():
        counts = collections.Counter(v["impact"] for v in violations)
        print(f"axe {name}: " + (", ".join(f"{impact} {counts[impact]}" for impact in
                                           ("critical", "serious", "moderate", "minor") if counts[impact])
                                 or "no violations"))
        blocking += [
            f"{name}: {v['impact']} {v['id']} ({v['help']}) at "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in violations if v["impact"] in BLOCKING
        ]
    assert blocking == [], "\n".join(blocking)
