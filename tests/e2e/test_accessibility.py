"""axe-core, the accessibility engine, finds no serious or critical violation on the pages people
use most: the login page; the portal's home, its objection form and a case page as the subject;
the staff queue and a staff case page as the handler; the supervisors' dashboard as the supervisor.

Run with `-s` to see the counts by impact on each page:

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m pytest tests/e2e/test_accessibility.py -q -s
"""

import pytest

from tests.e2e.axe import audited_page, axe_violations, blocking_violations  # noqa: F401  (a fixture)
from tests.e2e.free_records import record_free_for_objection
from tests.e2e.sign_in import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def _audit(page, url):
    page.goto(url)
    return axe_violations(page)


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
    sign_in_as(page, base, "subject")
    found["门户首页"] = _audit(page, base + reverse("portal:home"))
    found["提出异议"] = _audit(page, base + reverse("portal:objection_new") + f"?record={record.pk}")
    found["门户案件页"] = _audit(page, base + reverse("portal:objection", args=[own_case.number]))
    sign_in_as(page, base, "handler")
    found["待办队列"] = _audit(page, base + reverse("work:queue:index"))
    found["办理案件页"] = _audit(page, base + reverse("work:objections:case", args=[staff_case.number]))
    sign_in_as(page, base, "supervisor")
    found["监督看板"] = _audit(page, base + reverse("supervision:dashboard"))

    blocking = blocking_violations(found)
    assert blocking == [], "\n".join(blocking)
