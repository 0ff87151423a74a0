"""The dashboard's two department tables, rows written in Python.

A city's dashboard lists every department its deadlines are owed by, a hundred or
more rows of links and counts twice over; as template loops they were the larger
part of the page's rendering (benchmarks/dashboard.py). Cells are escaped here as
the template escaped them; the plural is the template's msgid, so its translations hold.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext


def _working_days(n: int) -> str:
    return ngettext("%(n)s个工作日", "%(n)s个工作日", n) % {"n": n}


def now_department_rows(rows: list[dict], list_url: str) -> SafeString:
    """`dashboard_now`'s by_department as table rows, each count a link to its drill-down list."""
    if not rows:
        return mark_safe(f'<tr><td colspan="5">{escape(gettext("没有数据。"))}</td></tr>')
    url = escape(list_url)
    out = []
    for r in rows:
        css = "cw-overdue-row" if r["overdue"] else "cw-soon-row" if r["soon"] else ""
        dep = escape(r["id"])
        links = "".join(f'<td><a href="{url}?state={state}&department={dep}">{r[state]}</a></td>'
                        for state in ("open", "soon", "overdue"))
        late = escape(_working_days(r["late_max"])) if r["overdue"] else "—"
        out.append(f'<tr class="{css}" data-department="{dep}"><td>{escape(r["name"])}</td>{links}'
                   f"<td>{late}</td></tr>")
    return mark_safe("".join(out))


def period_department_rows(rows: list[dict]) -> SafeString:
    """`dashboard_period`'s departments as table rows: on time, late, rate, median reply days."""
    out = []
    for d in rows:
        rate = "—" if d["rate"] is None else f"{d['rate']}%"
        median = "—" if d["median_reply_days"] is None else d["median_reply_days"]
        out.append(f"<tr><td>{escape(d['name'])}</td><td>{d['on_time']}</td><td>{d['late']}</td><td>{rate}</td>"
                   f"<td>{median}</td></tr>")
    return mark_safe("".join(out))
