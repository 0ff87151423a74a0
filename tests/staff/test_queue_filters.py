"""The queue's search box and filters: narrowed in the database, kept across pages and in the export links."""

import re

import pytest

from calendars import clock
from calendars.arithmetic import working_days_between
from casework.models import Deadline, ObjectionStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
QUEUE = "/staff/work/queue/"


def shown(client, **params) -> tuple[list[str], str]:
    page = client.get(QUEUE, params)
    assert page.status_code == 200
    body = page.content.decode()
    return re.findall(r'data-case="([^"]+)" data-kind="objection"', body), body


def due_of(case):
    return Deadline.objects.get(owner_id=case.pk, kind="reply").due_date


def test_without_filters_the_department_sees_its_three_cases_most_urgent_first(client, queue_world):
    client.force_login(queue_world.handler)
    rows, body = shown(client)
    assert rows == [queue_world.overdue.number, queue_world.soon.number, queue_world.fresh.number]
    assert "符合条件 3 件" in body and queue_world.foreign.number not in body


@pytest.mark.parametrize("term", ["number", "name", "credit code"])
def test_one_box_searches_number_subject_name_and_credit_code(client, queue_world, term):
    case = queue_world.soon  # the only case of 乙县人民政府 in this department
    value = {"number": case.number, "name": "乙县", "credit code": case.subject.uscc}[term]
    client.force_login(queue_world.handler)
    rows, body = shown(client, q=value)
    assert rows == [case.number]
    assert "符合条件 1 件" in body
    assert f'value="{value}"' in body  # the box keeps what was typed


def test_overdue_only_and_the_due_window(client, queue_world):
    client.force_login(queue_world.handler)
    assert shown(client, overdue="1")[0] == [queue_world.overdue.number]
    assert shown(client, due="overdue")[0] == [queue_world.overdue.number]
    # A window just wide enough for the case received on 15 September, not for the one of 28 September.
    window = working_days_between(clock.today(), due_of(queue_world.soon))
    assert 0 < window < working_days_between(clock.today(), due_of(queue_world.fresh))
    assert shown(client, due=str(window))[0] == [queue_world.soon.number]


def test_kind_and_status(client, queue_world):
    client.force_login(queue_world.handler)
    client.post(queue_world.case_url(queue_world.fresh), {"action": "accept"})
    queue_world.fresh.refresh_from_db()
    assert queue_world.fresh.status != ObjectionStatus.LODGED
    assert shown(client, status=ObjectionStatus.LODGED)[0] == [queue_world.overdue.number, queue_world.soon.number]
    assert shown(client, status=queue_world.fresh.status)[0] == [queue_world.fresh.number]
    assert len(shown(client, kind="objection")[0]) == 3
    rows, body = shown(client, kind="repair")
    assert rows == [] and "没有符合条件的待办案件" in body
    rows, body = shown(client, kind="lifting")  # only the measures to lift: no task table at all
    assert rows == [] and 'id="queue"' not in body and 'id="lifting-queue"' in body and 'id="report-queue"' not in body


def test_unknown_values_are_ignored_with_a_note(client, queue_world):
    client.force_login(queue_world.handler)
    rows, body = shown(client, kind="petition", status="nonsense", due="abc", overdue="yes", holder="boss",
                       page="x")
    assert len(rows) == 3
    for note in ("未识别的类型“petition”", "未识别的状态“nonsense”", "到期范围“abc”", "“仅看已逾期”的取值无效",
                 "未识别的认领范围“boss”"):
        assert note in body
    assert shown(client, due="999")[0] == rows and "应为 1 至 60 个工作日" in shown(client, due="999")[1]


def test_the_filters_are_kept_in_the_pager_and_the_export_links(client, queue_world, settings):
    settings.WORKFLOWS_QUEUE_PAGE_SIZE = 1
    client.force_login(queue_world.handler)
    rows, body = shown(client, q="甲县", kind="objection")
    assert rows == [queue_world.overdue.number] and "共 2 件，第 1 / 2 页" in body
    assert 'href="?q=%E7%94%B2%E5%8E%BF&amp;kind=objection&amp;page=2" rel="next"' in body
    assert 'href="/staff/work/queue/export.csv?q=%E7%94%B2%E5%8E%BF&amp;kind=objection"' in body
    assert shown(client, q="甲县", kind="objection", page="2")[0] == [queue_world.fresh.number]


def test_mine_and_unclaimed(client, queue_world):
    client.force_login(queue_world.handler)
    body = client.get(QUEUE).content.decode()
    claim = re.search(rf'data-case="{queue_world.soon.number}".*?action="([^"]+/claim/\d+/)"', body, re.S)[1]
    client.post(claim, {"next": QUEUE})
    rows, body = shown(client, holder="mine")
    assert rows == [queue_world.soon.number] and "我的" in body
    assert shown(client, holder="unclaimed")[0] == [queue_world.overdue.number, queue_world.fresh.number]


def test_a_supervisor_searches_the_cases_of_the_scope(client, queue_world):
    supervisor = UserFactory(supervisor=True, jurisdiction=queue_world.soon.subject.jurisdiction)
    client.force_login(supervisor)
    rows, body = shown(client, q=queue_world.soon.number)
    assert rows == [queue_world.soon.number] and "符合条件 1 件" in body


def test_the_filtered_page_runs_a_fixed_number_of_queries(client, queue_world, django_assert_max_num_queries):
    """Filtering is done by the database: the statements do not grow with the rows (three cases here,
    thousands in benchmarks/queue.py)."""
    client.force_login(queue_world.handler)
    client.get(QUEUE)  # content types and the calendar cached, as in a running server
    with django_assert_max_num_queries(30):
        client.get(QUEUE, {"q": "县", "overdue": "1"})
