"""The supervisors' dashboard: numbers by the stored due dates, scoped by jurisdiction."""

import datetime

import pytest
from django.urls import reverse

from casework.models import Deadline
from casework.models.deadlines import DeadlineKind
from casework.services.deadlines import deadline_meet
from casework.services.audit import audit_trail
from casework.services.subjects import subject_save
from supervision.selectors import Filters, dashboard_list, dashboard_now, dashboard_period
from tests.factories import beijing
from tests.supervision.conftest import lodge

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def cases(world):
    return {
        "a_overdue": lodge(world, "a", on=D(2026, 9, 10)),  # due 8 October
        "a_soon": lodge(world, "a", on=D(2026, 9, 15)),  # due 12 October
        "a_later": lodge(world, "a", on=D(2026, 9, 28)),  # due 23 October
        "b_overdue": lodge(world, "b", on=D(2026, 9, 10)),
    }


def reply(case):
    return Deadline.objects.get(owner_id=case.pk, kind=DeadlineKind.REPLY)


def test_due_dates_of_the_fixture(cases):
    assert [reply(cases[k]).due_date for k in ("a_overdue", "a_soon", "a_later")] == [
        D(2026, 10, 8), D(2026, 10, 12), D(2026, 10, 23)]


def test_a_city_supervisor_counts_its_own_city_only(world, cases):
    now = dashboard_now(scope_path=world["city_a"].path, today=D(2026, 10, 9))
    assert (now["total"]["open"], now["total"]["soon"], now["total"]["overdue"]) == (3, 1, 1)
    assert [r["name"] for r in now["by_department"]] == ["长春市财政局"]
    assert now["by_level"][0]["label"] == "市（州）级"
    assert now["by_kind"][0]["code"] == DeadlineKind.REPLY


def test_the_province_and_an_administrator_see_both_cities(world, cases):
    for scope in (world["province"].path, None):
        now = dashboard_now(scope_path=scope, today=D(2026, 10, 9))
        assert (now["total"]["open"], now["total"]["overdue"]) == (4, 2)


def test_a_subject_that_moves_to_another_city_takes_its_deadlines_with_it(world, cases):
    subject = cases["b_overdue"].subject
    subject.jurisdiction = world["city_a"]
    subject_save(subject=subject, acting_user=world["admin"])
    assert reply(cases["b_overdue"]).jurisdiction == world["city_a"]
    moved = audit_trail(subject).get(action="subject_moved")
    assert (moved.from_state, moved.to_state, moved.details["deadlines"]) == ("吉林市", "长春市", 1)
    now_a = dashboard_now(scope_path=world["city_a"].path, today=D(2026, 10, 9))
    now_b = dashboard_now(scope_path=world["city_b"].path, today=D(2026, 10, 9))
    assert (now_a["total"]["open"], now_a["total"]["overdue"]) == (4, 2)
    assert (now_b["total"]["open"], now_b["total"]["overdue"]) == (0, 0)


def test_working_days_overdue_skip_the_weekend_and_count_the_make_up_saturday(world, cases):
    # Due Thursday 8 October; by Wednesday 14 October: 9, Saturday 10, 12, 13, 14 → 5 working days.
    now = dashboard_now(scope_path=world["city_a"].path, today=D(2026, 10, 14))
    assert now["by_department"][0]["late_max"] == 5
    assert {b["key"]: b["n"] for b in now["late_buckets"]}["1-5"] == 2  # a_overdue (5) and a_soon (2)
    # During the holiday: 8 October is 1 working day away, 12 October 4 (8, 9, Saturday 10, 12).
    now = dashboard_now(scope_path=world["city_a"].path, today=D(2026, 10, 3))
    assert now["total"]["overdue"] == 0 and now["total"]["soon"] == 1


def test_the_soon_window_is_three_working_days_across_national_day(world, cases):
    # On 30 September the window ends on the make-up Saturday 10 October (8, 9, 10):
    # 8 October is in it, 12 October (4 working days away) is not.
    now = dashboard_now(scope_path=world["city_a"].path, today=D(2026, 9, 30))
    assert now["soon_end"] == D(2026, 10, 10)
    assert now["total"]["soon"] == 1


def test_drill_down_lists_the_cases_behind_a_number(world, cases):
    listed = dashboard_list(scope_path=world["city_a"].path, today=D(2026, 10, 9), filters=Filters(state="overdue"))
    assert [i["case"].number for i in listed["items"]] == [cases["a_overdue"].number]
    assert listed["items"][0]["days_late"] == 1
    listed = dashboard_list(scope_path=world["city_a"].path, today=D(2026, 10, 9),
                            filters=Filters(state="open", department=str(world["dept_a"].pk)))
    assert listed["count"] == 3
    listed = dashboard_list(scope_path=None, today=D(2026, 10, 14), filters=Filters(state="overdue", late="1-5"))
    assert listed["count"] == 3


def test_period_on_time_rate_and_median_working_days_to_reply(world, cases, at):
    deadline_meet(deadline=reply(cases["a_later"]), at=beijing(2026, 10, 9))  # 4 working days after 28 September
    deadline_meet(deadline=reply(cases["a_overdue"]), at=beijing(2026, 10, 12, 23))  # 18 after 10 September, late
    period = dashboard_period(scope_path=world["city_a"].path, start=D(2026, 10, 1), end=D(2026, 10, 31))
    assert (period["total"]["on_time"], period["total"]["late"], period["total"]["rate"]) == (1, 1, 50.0)
    assert period["total"]["median_reply_days"] == 11.0
    assert [m["month"] for m in period["months"]] == ["2026-10"]
    assert period["departments"][0]["name"] == "长春市财政局"
    assert dashboard_period(scope_path=world["city_b"].path, start=D(2026, 10, 1),
                            end=D(2026, 10, 31))["total"]["closed"] == 0


def test_the_period_counts_by_the_beijing_day_a_deadline_was_met(world, cases):
    # 30 September 23:30 in Beijing is in September; 1 October 00:30 is in October.
    deadline_meet(deadline=reply(cases["a_later"]), at=beijing(2026, 9, 30, 23, 30))
    deadline_meet(deadline=reply(cases["a_soon"]), at=beijing(2026, 10, 1, 0, 30))
    october = dashboard_period(scope_path=None, start=D(2026, 10, 1), end=D(2026, 10, 31))
    september = dashboard_period(scope_path=None, start=D(2026, 9, 1), end=D(2026, 9, 30))
    assert (october["total"]["closed"], september["total"]["closed"]) == (1, 1)
    assert [m["month"] for m in october["months"]] == ["2026-10"]
    assert [m["month"] for m in september["months"]] == ["2026-09"]


def test_the_page_for_a_supervisor(client, world, cases, at):
    at(2026, 10, 9)
    client.force_login(world["sup_a"])
    page = client.get(reverse("oversight_app:oversight:index")).content.decode()
    assert 'id="tile-overdue"' in page and "<svg" in page
    listed = client.get(reverse("oversight_app:oversight:list") + "?state=open").content.decode()
    assert cases["a_soon"].number in listed
    assert cases["b_overdue"].number not in listed


def test_only_supervisors_and_administrators_see_the_dashboard(client, world):
    assert client.get(reverse("oversight_app:oversight:index")).status_code == 302
    client.force_login(world["handler_a"])
    assert client.get(reverse("oversight_app:oversight:index")).status_code == 403
    assert client.get(reverse("oversight_app:oversight:list")).status_code == 403
    client.force_login(world["admin"])
    assert client.get(reverse("oversight_app:oversight:index")).status_code == 200


@pytest.mark.parametrize("days_ahead", [0, 7, 14, 21])
def test_the_running_counts_give_the_same_figures_as_counting_the_rows(demo_data, monkeypatch, days_ahead):
    """Province-wide figures come from the running counts; forced to count the rows
    (as a city's are), every number is the same, on every kind of case and deadline.
    The demo data are dated from today; the days ahead see them due soon, then overdue."""
    from calendars import clock
    from supervision import selectors

    today = clock.today() + datetime.timedelta(days=days_ahead)
    tallied = dashboard_now(scope_path=None, today=today)
    monkeypatch.setattr(selectors, "_covers_everything", lambda scope_path: False)
    counted = dashboard_now(scope_path=None, today=today)
    assert tallied == counted
    assert tallied["total"]["soon"] + tallied["total"]["overdue"] > 0
    assert {r["code"] for r in tallied["by_case_kind"] if r["open"]} == {
        "objection", "repair", "rectification", "complaint", "appeal"}


def test_a_kind_with_nothing_overdue_shows_no_longest_lateness(client, world, cases, at):
    """The 最长逾期 cell of a row with nothing overdue reads —, not "0个工作日" (which reads as
    a case overdue by zero days)."""
    import re

    at(2026, 10, 9)
    client.force_login(world["sup_a"])
    page = client.get(reverse("oversight_app:oversight:index")).content.decode()
    table = re.search(r'<table class="cw-table" id="by-case-kind">.*?</table>', page, re.S).group(0)
    for row in re.findall(r"<tr><td>.*?</tr>", table, re.S):
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        overdue = re.sub(r"<[^>]+>", "", cells[3]).strip()
        assert (cells[4] == "—") == (overdue == "0"), row
    assert "<td>0个工作日</td>" not in page
