"""Extended cases (延期) in the reports: counted in their own column and line, and judged by the
extended date: met by it, on time; missed, overdue."""

import datetime

import pytest

from supervision.services.reports import HEADERS, _letter_context, _sections, report_data
from supervision.models import SupervisionReport
from tests.supervision.conftest import lodge
from workflows.actions import act

pytestmark = pytest.mark.django_db
D = datetime.date
REASON = "所涉款项由三个部门分别支付，需逐一调取支付凭证核实。"


def _answer(case, handler):
    case = act(case=case, action="accept", acting_user=handler)
    case = act(case=case, action="decide", acting_user=handler,
               payload={"outcome": "not_upheld", "reasons": "经核查，原认定事实清楚。"})
    return act(case=case, action="reply", acting_user=handler)


@pytest.fixture
def three(world, at, extensions_on):
    """Three objections received 10 Sept in 长春市, reply due 8 Oct. On 15 Sept A is extended by 5
    working days (to 14 Oct) and C by 2 (to 10 Oct, the make-up Saturday); on 13 Oct A and B are answered."""
    a, b, c = lodge(world), lodge(world), lodge(world)
    handler = world["handler_a"]
    at(2026, 9, 15)
    for case, days, due in ((a, 5, D(2026, 10, 14)), (c, 2, D(2026, 10, 10))):
        extension = act(case=case, action="extend", acting_user=handler, payload={"days": days, "reason": REASON})
        assert extension.new_due_date == due
    at(2026, 10, 13)
    _answer(a, handler), _answer(b, handler)
    return a, b, c


def test_extended_cases_are_counted_and_judged_by_the_extended_date(world, three):
    data = report_data(jurisdiction=world["city_a"], start=D(2026, 9, 1), end=D(2026, 10, 31),
                       today=D(2026, 10, 20))
    t = data["totals"]
    assert (t["received"], t["extended"]) == (3, 2)
    assert (t["on_time"], t["late"]) == (1, 1)  # A met its extended date; B missed its only one
    assert t["overdue"] == 1 and data["overdue"][0]["due"] == "2026-10-10"  # C, past its extended date
    row = [r for r in data["rows"] if r["unit"] == "长春市财政局"][0]
    assert row["extended"] == 2


def test_a_period_counts_the_extensions_granted_in_it(world, three):
    october = report_data(jurisdiction=world["city_a"], start=D(2026, 10, 1), end=D(2026, 10, 31),
                          today=D(2026, 10, 20))
    assert october["totals"]["extended"] == 0
    other_city = report_data(jurisdiction=world["city_b"], start=D(2026, 9, 1), end=D(2026, 9, 30),
                             today=D(2026, 10, 20))
    assert other_city["totals"]["extended"] == 0


def test_the_files_and_the_notice_say_so(world, three):
    report = SupervisionReport(kind="quarterly", jurisdiction=world["city_a"], period_start=D(2026, 9, 1),
                               period_end=D(2026, 10, 31), period_label="2026年9月至10月")
    data = report_data(jurisdiction=world["city_a"], start=D(2026, 9, 1), end=D(2026, 10, 31),
                       today=D(2026, 10, 20))
    assert HEADERS[4] == "延期"
    sections = dict((title, lines) for title, _headers, lines in _sections(report, data))
    assert ["延长办理期限（延期）", 2] in sections["总体情况"]
    assert [line[4] for line in sections["各单位办理情况"] if line[0] == "长春市财政局"] == [2]
    assert "经批准延长办理期限2件（按延长后的期限考核）" in _letter_context(report, data)["summary"]
