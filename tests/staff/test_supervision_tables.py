"""The dashboard's department rows written in Python: escaped, linked, and worded as the template wrote them."""

from staff.supervision_tables import now_department_rows, period_department_rows


def row(**extra):
    return {"id": 7, "name": "市<场>监管局", "open": 3, "soon": 1, "overdue": 2, "late_max": 4, **extra}


def test_a_department_row_links_each_count_and_escapes_the_name():
    html = now_department_rows([row()], "/staff/oversight_app/oversight/list/")
    assert html == (
        '<tr class="cw-overdue-row" data-department="7"><td>市&lt;场&gt;监管局</td>'
        '<td><a href="/staff/oversight_app/oversight/list/?state=open&department=7">3</a></td>'
        '<td><a href="/staff/oversight_app/oversight/list/?state=soon&department=7">1</a></td>'
        '<td><a href="/staff/oversight_app/oversight/list/?state=overdue&department=7">2</a></td>'
        "<td>4个工作日</td></tr>")


def test_nothing_overdue_shows_a_dash_and_the_subjects_row_links_to_none():
    html = now_department_rows([row(id="none", overdue=0, soon=0)], "/l/")
    assert html.startswith('<tr class="" data-department="none">') and html.endswith("<td>—</td></tr>")


def test_no_department_reads_no_data():
    assert now_department_rows([], "/l/") == '<tr><td colspan="5">没有数据。</td></tr>'


def test_period_rows_show_rate_and_median_or_a_dash():
    rows = [{"name": "A", "on_time": 9, "late": 1, "rate": 90.0, "median_reply_days": 12.5},
            {"name": "B", "on_time": 0, "late": 0, "rate": None, "median_reply_days": None}]
    assert period_department_rows(rows) == (
        "<tr><td>A</td><td>9</td><td>1</td><td>90.0%</td><td>12.5</td></tr>"
        "<tr><td>B</td><td>0</td><td>0</td><td>—</td><td>—</td></tr>")
