"""The department queue in pages of 50, most urgent first across the pages."""

import datetime
import re

import pytest

from casework.models import Deadline, ObjectionCase
from tests.factories import CreditRecordFactory, DepartmentFactory, SubjectFactory, UserFactory, beijing
from workflows.objection_actions import objection_lodge
from staff.queue_paging import UrlFormat, queue_page

pytestmark = pytest.mark.django_db
QUEUE = "/staff/work/queue/"


@pytest.fixture
def department_with_120_open_cases(at):
    department = DepartmentFactory()
    subject = SubjectFactory()
    officer = UserFactory(subject_officer=True, subject=subject)
    first = datetime.date(2026, 3, 2)
    # Received on 60 different days, two a day: due dates repeat, so the case number breaks ties.
    for n in range(120):
        day = first + datetime.timedelta(days=(n * 7) % 60)
        objection_lodge(record=CreditRecordFactory(subject=subject, determined_by=department),
                        grounds="记录与事实不符，请核查。", channel="department", acting_user=officer,
                        received_at=beijing(day.year, day.month, day.day))
    at(2026, 4, 1)
    return department


def rows_on(page_html: str) -> list[str]:
    return re.findall(r'data-case="([^"]+)" data-kind="objection"', page_html)


def test_120_open_cases_make_three_pages_most_urgent_first(client, department_with_120_open_cases):
    from django.urls import reverse

    client.force_login(UserFactory(handler=True, department=department_with_120_open_cases))
    pages = [client.get(QUEUE, {"page": n}).content.decode() for n in (1, 2, 3)]
    shown = [rows_on(page) for page in pages]
    assert [len(rows) for rows in shown] == [50, 50, 20]
    expected = [
        number for _, number in sorted(
            (deadline.due_date, ObjectionCase.objects.get(pk=deadline.owner_id).number)
            for deadline in Deadline.objects.filter(kind="reply")
        )
    ]
    assert shown[0] + shown[1] + shown[2] == expected
    assert "共 120 件，第 2 / 3 页" in pages[1]
    assert 'href="?page=3" rel="next"' in pages[1] and 'href="?page=1" rel="prev"' in pages[1]


    # Past the end: the last page; not a number: the first.
    assert len(rows_on(client.get(QUEUE, {"page": 9}).content.decode())) == 20
    assert "第 1 / 3 页" in client.get(QUEUE, {"page": "x"}).content.decode()
    # The links are what reverse() gives, though each is formatted from one reversed per request.
    assert f'href="{reverse("work:objections:case", args=[shown[0][0]])}"' in pages[0]
    claim = re.search(r'action="(/staff/work/queue/claim/(\d+)/)"', pages[0])
    assert claim[1] == reverse("work:queue:claim", args=[int(claim[2])])


def test_the_page_size_is_a_setting(settings):
    settings.WORKFLOWS_QUEUE_PAGE_SIZE = 7
    page = queue_page(list(range(20)), page="3")
    assert list(page.object_list) == [14, 15, 16, 17, 18, 19] and page.paginator.num_pages == 3


def test_a_url_format_fills_in_each_rows_values():
    url = UrlFormat(lambda p, t: f"/flow/{p}/task/{t}/", 2, as_int=True)
    assert url.format(12, 345) == "/flow/12/task/345/"
