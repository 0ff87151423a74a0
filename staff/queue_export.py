"""The queue as a spreadsheet: every row the filters match (not one page), as CSV or XLSX.

The CSV is streamed (a department's queue may hold thousands of rows) and begins
with a UTF-8 byte-order mark, so Excel reads the Chinese as UTF-8. The scope is
the page's: the same queries (`staff.queue_views.queue_tables`) for the same user.
"""

import csv
import io
import itertools
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from calendars import clock
from staff.queue_views import case_url_formats, filters_context, queue_tables, staff_user_required, table_rows

COLUMNS = ("案件编号", "类型", "当前环节", "主体名称", "统一社会信用代码", "收到日期", "办理期限", "剩余工作日", "状态")
CHUNK = 500  # keys turned into rows at a time: a few queries per chunk, never the whole queue in memory
TABLE_LABELS = {"liftings": "解除惩戒措施", "reports": "省级平台报送"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cells(row, table: str) -> list:
    kind = row["kind"].label if table not in TABLE_LABELS else f"{row['kind'].label}·{TABLE_LABELS[table]}"
    due = row["due"].isoformat() if row["due"] else ("已完成" if row["urgency"] == "met" else "中止计时")
    received = row["received"]
    texts = [row["case"].number, kind, row.get("step") or "", row["case"].subject.name,
             row["case"].subject.uscc or "", received.isoformat() if received else "", due]
    # str(): step titles and status labels are lazy translations, which a spreadsheet cell cannot hold.
    return [*map(str, texts), "" if row["days_left"] is None else row["days_left"], str(row["status"])]


def export_rows(user, filters) -> Iterator[list]:
    """The cells of every matching row, table after table, each table most urgent first."""
    today, case_urls = clock.today(), case_url_formats()
    for table, keys in queue_tables(user, filters, today=today).items():
        # One sorted query per table, read in chunks; each chunk becomes rows with a few queries.
        remaining = iter(keys)
        while chunk := list(itertools.islice(remaining, CHUNK)):
            for row in table_rows(table, user, chunk, today=today, case_urls=case_urls):
                yield _cells(row, "tasks" if table == "supervised" else table)


class _Line:
    """A file-like `write` that hands back what csv.writer wrote."""

    def write(self, value):
        return value


def _csv(user, filters) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(COLUMNS)
    for cells in export_rows(user, filters):
        yield writer.writerow(cells)


def _xlsx(user, filters) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("办理队列")
    sheet.append(COLUMNS)
    for cells in export_rows(user, filters):
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@login_required
def queue_export(request, fmt: str):
    """The filtered queue as `fmt` (csv or xlsx), as an attachment."""
    staff_user_required(request)
    if fmt not in CONTENT_TYPES:
        raise Http404
    filters, _ = filters_context(request)
    name = f"queue-{clock.today():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv(request.user, filters), content_type=CONTENT_TYPES[fmt])
    else:
        response = HttpResponse(_xlsx(request.user, filters), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
