"""The deadline cell of every table row that has a limit: {% deadline_cell row %}.

Written in Python rather than as an included template: a queue page shows it on every row, and an
`{% include %}` per row, each with its plural `{% blocktrans %}` blocks, is the costliest way to draw
it (benchmarks/queue.py and benchmarks/load.py time the page). The messages are the ones the
template had, so the catalogues translate them as before.

`row` is a mapping with `urgency` ("met", "overdue", "soon", "ok", "paused"), `due` (a date, or None
while the clock is paused), `days_left`, `provisional`, `late_by` and, optionally, `withdrawn`.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.simple_tag
def deadline_cell(row) -> str:
    if row.get("urgency") == "met":
        if row.get("withdrawn"):
            return format_html('<span class="cw-met">{}</span>', gettext("已撤回，不再办理"))
        if row.get("late_by"):
            n = row["late_by"]
            return format_html('<span class="cw-overdue">{}</span>',
                               ngettext("逾期%(n)s个工作日完成", "逾期%(n)s个工作日完成", n) % {"n": n})
        return format_html('<span class="cw-met">{}</span>', gettext("按期完成"))
    due = row.get("due")
    if due is None:
        return format_html('<span class="cw-paused">{}</span>', gettext("中止计时"))
    provisional = format_html(
        '<span class="cw-provisional" title="{}">{}</span>', gettext("计算经过尚未公布放假安排的年度，可能调整"),
        gettext("暂定"),
    ) if row.get("provisional") else ""
    left = row.get("days_left")
    if left is None:
        return format_html("{}{}", due.strftime("%Y-%m-%d"), provisional)
    if left < 0:
        text = ngettext("已超期 %(n)s 个工作日", "已超期 %(n)s 个工作日", -left) % {"n": -left}
    elif left == 0:
        text = gettext("今日到期")
    else:
        text = ngettext("剩 %(n)s 个工作日", "剩 %(n)s 个工作日", left) % {"n": left}
    css = {"overdue": "cw-overdue", "soon": "cw-soon"}.get(row.get("urgency"), "")
    return format_html('{}{}\n<div class="{}">{}</div>', due.strftime("%Y-%m-%d"), provisional, css, text)
