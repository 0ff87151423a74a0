"""The queue as CSV and XLSX: every row the filters match, in the page's scope."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
EXPORT = "/staff/work/queue/export."
COLUMNS = ["案件编号", "类型", "当前环节", "主体名称", "统一社会信用代码", "收到日期", "办理期限", "剩余工作日", "状态"]


def csv_rows(client, **params) -> list[list[str]]:
    response = client.get(EXPORT + "csv", params)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="queue-20260929.csv"')
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # the byte-order mark: Excel then reads the Chinese as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_has_the_columns_and_every_matching_row_not_one_page(client, queue_world, settings):
    settings.WORKFLOWS_QUEUE_PAGE_SIZE = 1
    client.force_login(queue_world.handler)
    header, *rows = csv_rows(client)
    assert header == COLUMNS
    assert [row[0] for row in rows] == [queue_world.overdue.number, queue_world.soon.number, queue_world.fresh.number]
    first = rows[0]
    case = queue_world.overdue
    assert first[1:6] == ["异议", "受理审查", "甲县人民政府", case.subject.uscc, "2026-09-01"]
    assert first[6] == "2026-09-21" and int(first[7]) < 0 and first[8] == "已提交"


def test_csv_exports_what_is_filtered(client, queue_world):
    client.force_login(queue_world.handler)
    _, *rows = csv_rows(client, q="甲县", overdue="1")
    assert [row[0] for row in rows] == [queue_world.overdue.number]


def test_xlsx_has_the_same_rows(client, queue_world):
    client.force_login(queue_world.handler)
    response = client.get(EXPORT + "xlsx", {"kind": "objection"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == COLUMNS
    assert [row[0] for row in rows] == [c.number for c in (queue_world.overdue, queue_world.soon, queue_world.fresh)]
    assert rows[0][3] == "甲县人民政府"


def test_another_departments_export_contains_none_of_its_rows(client, queue_world):
    client.force_login(queue_world.foreign_handler)
    exported = {row[0] for row in csv_rows(client)[1:]}
    assert exported == {queue_world.foreign.number}
    sheet = load_workbook(io.BytesIO(client.get(EXPORT + "xlsx").content)).active
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {queue_world.foreign.number}


def test_only_staff_export_and_only_csv_or_xlsx(client, queue_world):
    client.force_login(UserFactory(subject_officer=True, subject=queue_world.overdue.subject))
    assert client.get(EXPORT + "csv").status_code == 403
    client.force_login(queue_world.handler)
    assert client.get(EXPORT + "pdf").status_code == 404
