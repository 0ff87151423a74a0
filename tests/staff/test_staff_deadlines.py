"""The deadline cell ({% deadline_cell row %}): what a row's limit says, in Chinese and in English."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from staff.templatetags.staff_deadlines import deadline_cell

DUE = datetime.date(2026, 10, 9)  # the first working day after the National Day holiday


def cell(**row) -> str:
    return str(deadline_cell({"urgency": "ok", "due": DUE, "days_left": 5, "provisional": False, "late_by": 0, **row}))


@pytest.mark.parametrize(("row", "expected"), [
    ({"days_left": 5}, '2026-10-09\n<div class="">剩 5 个工作日</div>'),
    ({"days_left": 2, "urgency": "soon"}, '2026-10-09\n<div class="cw-soon">剩 2 个工作日</div>'),
    ({"days_left": 0, "urgency": "soon"}, '2026-10-09\n<div class="cw-soon">今日到期</div>'),
    ({"days_left": -3, "urgency": "overdue"}, '2026-10-09\n<div class="cw-overdue">已超期 3 个工作日</div>'),
    ({"due": None, "days_left": None, "urgency": "paused"}, '<span class="cw-paused">中止计时</span>'),
    ({"urgency": "met"}, '<span class="cw-met">按期完成</span>'),
    ({"urgency": "met", "late_by": 2}, '<span class="cw-overdue">逾期2个工作日完成</span>'),
    ({"urgency": "met", "late_by": 2, "withdrawn": True}, '<span class="cw-met">已撤回，不再办理</span>'),
])
def test_each_state_of_a_limit_reads_as_the_queue_shows_it(row, expected):
    assert cell(**row) == expected


def test_a_provisional_date_is_marked_and_explained():
    html = cell(provisional=True)
    assert html.startswith('2026-10-09<span class="cw-provisional" title="计算经过尚未公布放假安排的年度，可能调整">暂定</span>')


def test_english_plurals_come_from_the_catalogue():
    with translation.override("en"):
        assert "1 working day left" in cell(days_left=1)
        assert "Overdue by 4 working days" in cell(days_left=-4, urgency="overdue")
        assert "Completed 1 working day late" in cell(urgency="met", late_by=1)


def test_the_tag_is_escaped_html_in_a_template():
    html = Template("{% load staff_deadlines %}<td>{% deadline_cell row %}</td>").render(
        Context({"row": {"urgency": "overdue", "due": DUE, "days_left": -1, "provisional": False, "late_by": 0}}))
    assert html == '<td>2026-10-09\n<div class="cw-overdue">已超期 1 个工作日</div></td>'
