"""The department queue, claiming a task and acting on its page, through the test client."""

import pytest

from casework.models import ObjectionStatus
from tests.factories import CreditRecordFactory, PunishmentMeasureFactory, UserFactory, beijing
from tests.flow_steps import QUEUE, claim_and_open_task
from workflows.objection_actions import objection_lodge

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(at):
    at(2026, 9, 29)
    return at


@pytest.fixture
def cases(today):
    record_a, record_b = CreditRecordFactory(), None
    handler = UserFactory(handler=True, department=record_a.determined_by)
    record_b = CreditRecordFactory(determined_by=record_a.determined_by)
    PunishmentMeasureFactory(record=record_a, imposed_by=record_a.determined_by)
    early = objection_lodge(record=record_a, grounds="记录与事实不符，请核查。", channel="department",
                            acting_user=UserFactory(subject_officer=True, subject=record_a.subject),
                            received_at=beijing(2026, 9, 1))
    late = objection_lodge(record=record_b, grounds="记录与事实不符，请核查。", channel="department",
                           acting_user=UserFactory(subject_officer=True, subject=record_b.subject),
                           received_at=beijing(2026, 9, 28))
    return handler, early, late


def test_queue_lists_the_departments_cases_most_urgent_first_with_colours(client, cases, today):
    handler, early, late = cases
    # early: received 09-01; 15 working days with Sunday 09-20 a make-up working day → due 09-21
    today(2026, 9, 21)
    client.force_login(handler)
    page = client.get(QUEUE).content.decode()
    assert page.index(early.number) < page.index(late.number)
    assert "今日到期" in page and "cw-soon-row" in page
    today(2026, 9, 23)
    page = client.get(QUEUE).content.decode()
    assert "已超期 2 个工作日" in page and "cw-overdue-row" in page


def test_another_department_sees_nothing_of_it(client, cases):
    handler, early, _ = cases
    client.force_login(UserFactory(handler=True))
    page = client.get(QUEUE).content.decode()
    assert early.number not in page
    assert client.get(f"/staff/work/objections/{early.number}/").status_code == 404


def test_claim_then_accept_on_the_task_page(client, cases):
    handler, early, _ = cases
    client.force_login(handler)
    task_url, task_page = claim_and_open_task(client, "review")
    assert task_page.status_code == 200, task_url
    assert "受理并转入核查" in task_page.content.decode()
    response = client.post(task_url, {"action": "accept"})
    assert response.status_code == 302
    early.refresh_from_db()
    assert early.status == ObjectionStatus.UNDER_VERIFICATION


def test_bad_input_on_the_case_page_is_shown_next_to_the_field(client, cases):
    handler, early, _ = cases
    client.force_login(handler)
    url = f"/staff/work/objections/{early.number}/"
    client.post(url, {"action": "accept"})
    response = client.post(url, {"action": "decide", "outcome": "upheld", "reasons": "成立", "confirmed": "1"})
    assert response.status_code == 200
    assert "请填写更正内容" in response.content.decode()
    early.refresh_from_db()
    assert early.status == ObjectionStatus.UNDER_VERIFICATION


def test_supervisor_sees_open_cases_of_its_jurisdiction(client, cases):
    _, early, late = cases
    client.force_login(UserFactory(supervisor=True, jurisdiction=early.subject.jurisdiction))
    page = client.get(QUEUE).content.decode()
    assert early.number in page and late.number not in page
