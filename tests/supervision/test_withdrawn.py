"""A withdrawn objection is neither answered nor an on-time 办结: its own label on the
subject's pages and its own count in supervision's figures and reports."""

import datetime

import pytest
from django.urls import reverse

from casework.models import ObjectionStatus
from casework.services import objections as objection_services
from supervision.selectors import dashboard_period
from supervision.services.reports import HEADERS, report_data
from tests.supervision.conftest import lodge

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def withdrawn_and_rejected(world, at):
    """Two objections received 10 Sept in 长春市: one withdrawn on 14 Sept, one not accepted that day."""
    withdrawn, rejected = lodge(world), lodge(world)
    at(2026, 9, 14)
    officer = withdrawn.lodged_by
    objection_services.objection_withdraw(case=withdrawn, reason="已与认定部门协商一致", acting_user=officer)
    objection_services.objection_reject(case=rejected, reason="no_grounds", explanation="未提供证明材料。",
                                        acting_user=world["handler_a"])
    withdrawn.refresh_from_db()
    assert withdrawn.status == ObjectionStatus.WITHDRAWN
    return withdrawn, rejected


def test_withdrawn_cases_are_counted_apart_from_closed_and_their_deadlines_are_no_completion(
        world, withdrawn_and_rejected):
    data = report_data(jurisdiction=world["city_a"], start=D(2026, 9, 1), end=D(2026, 9, 30), today=D(2026, 10, 9))
    t = data["totals"]
    assert (t["received"], t["closed"], t["withdrawn"]) == (2, 1, 1)
    period = dashboard_period(scope_path=world["city_a"].path, start=D(2026, 9, 1), end=D(2026, 9, 30))
    assert period["total"]["closed"] == 1  # the not-accepted case's reply, not the withdrawn one's
    assert "撤回" in HEADERS
    row = [r for r in data["rows"] if r["unit"] == "长春市财政局"][0]
    assert (row["closed"], row["withdrawn"]) == (1, 1)


def test_a_withdrawn_objection_does_not_read_as_answered(client, withdrawn_and_rejected):
    withdrawn, _ = withdrawn_and_rejected
    client.force_login(withdrawn.lodged_by)
    page = client.get(reverse("portal:objection", args=[withdrawn.number])).content.decode()
    assert '<dd id="reply-due">已撤回，不再答复</dd>' in page
    home = client.get(reverse("portal:home")).content.decode()
    assert "已撤回" in home and "已答复" not in home


def test_the_staff_case_page_says_withdrawn_not_done_on_time(client, world, withdrawn_and_rejected):
    withdrawn, rejected = withdrawn_and_rejected
    client.force_login(world["handler_a"])
    page = client.get(reverse("work:objections:case", args=[withdrawn.number])).content.decode()
    assert "已撤回，不再办理" in page and "已撤回" in page
    other = client.get(reverse("work:objections:case", args=[rejected.number])).content.decode()
    assert "已撤回，不再办理" not in other
