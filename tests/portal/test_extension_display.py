"""The subject's case page shows an extension of its time limit (延期): the new date, the reason, the
notice, and the timeline says so."""

import pytest
from django.urls import reverse

from workflows.actions import act

pytestmark = pytest.mark.django_db
REASON = "所涉款项由三个部门分别支付，需逐一调取支付凭证核实。"


def test_the_portal_shows_the_extension_and_the_timeline_says_so(
        two_department_record, lodged_objection, client, extensions_on):
    w = two_department_record
    case = act(case=lodged_objection, action="accept", acting_user=w["handler"])
    extension = act(case=case, action="extend", acting_user=w["handler"], payload={"days": 5, "reason": REASON})
    client.force_login(w["officer"])
    page = client.get(reverse("portal:objection", args=[case.number])).content.decode()
    assert '<dd id="reply-due"><strong>2026年10月30日</strong>' in page  # the stated date moved with the legal one
    box = page[page.index('id="extension"'):]
    assert "2026年10月23日" in box and "<strong>2026年10月30日</strong>" in box and "延长5个工作日" in box
    assert REASON in box and extension.letter.number in box
    timeline = page[page.index('id="timeline"'):]
    assert "延长办理期限" in timeline and "由2026-10-23延至2026-10-30" in timeline


def test_no_extension_no_box(two_department_record, lodged_objection, client):
    client.force_login(two_department_record["officer"])
    page = client.get(reverse("portal:objection", args=[lodged_objection.number])).content.decode()
    assert 'id="extension"' not in page
