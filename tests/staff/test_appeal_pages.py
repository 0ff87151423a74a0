"""The staff side of an appeal: in the office's queue, its case page with the declared actions
(accept, not accept and decide with confirmation), the repair it is about readable by the office;
outside the scope it does not exist."""

import pytest
from django.urls import reverse

from casework.models import AppealStatus, RepairAppeal
from casework.services.appeals import repair_appeal_lodge
from tests.factories import DepartmentFactory, UserFactory
from workflows.actions import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal(appeal_world):
    case = start(RepairAppeal, repair_appeal_lodge, acting_user=appeal_world["officer"],
                 repair=appeal_world["repair"], grounds="拖欠款项已于2026年8月全部付清，决定书认定未挽回损失与事实不符。")
    return appeal_world, case


def _url(case):
    return reverse("work:appeals:case", args=[case.number])


def test_the_office_finds_it_in_its_queue_and_accepts_then_decides(client, appeal):
    world, case = appeal
    client.force_login(world["handler"])
    assert case.number in client.get(reverse("work:queue:index")).content.decode()
    page = client.get(_url(case)).content.decode()
    assert case.grounds in page and world["repair"].number in page
    for name, label in (("accept", "受理申诉"), ("not-accept", "不予受理")):
        assert f'id="action-{name}"' in page and label in page
    assert 'id="action-withdraw"' not in page  # the subject's own step
    # The repair application it is about opens for the office.
    assert client.get(reverse("work:repairs:case", args=[world["repair"].number])).status_code == 200
    client.post(_url(case), {"action": "accept", "reason": "予以受理。"})
    case.refresh_from_db()
    assert case.status == AppealStatus.REVIEWING
    page = client.get(_url(case)).content.decode()
    assert 'id="action-decide"' in page
    answer = client.post(_url(case), {"action": "decide", "outcome": "dismissed", "reasons": "原决定认定事实清楚。"})
    assert "此操作不可撤回" in answer.content.decode()
    client.post(_url(case), {"action": "decide", "outcome": "dismissed", "reasons": "原决定认定事实清楚。",
                             "confirmed": "1"})
    case.refresh_from_db()
    assert case.status == AppealStatus.DECIDED and case.outcome == "dismissed"
    # The repair case's page shows the appeal and its outcome, for the department that decided.
    client.force_login(world["determining"])
    repair_page = client.get(reverse("work:repairs:case", args=[world["repair"].number])).content.decode()
    assert case.number in repair_page and "申诉不成立" in repair_page


def test_the_deciding_department_reads_it_but_takes_no_step(client, appeal):
    world, case = appeal
    client.force_login(world["determining"])
    page = client.get(_url(case)).content.decode()
    assert case.grounds in page and 'id="action-accept"' not in page and 'id="action-decide"' not in page


def test_outside_the_scope_it_does_not_exist(client, appeal):
    world, case = appeal
    client.force_login(UserFactory(handler=True, department=DepartmentFactory()))
    assert client.get(_url(case)).status_code == 404
    assert client.post(_url(case), {"action": "accept"}).status_code == 404


def test_the_flow_page_and_open_task_of_an_appeal_open_for_the_office(client, appeal):
    """The office that handles the appeal opens its flow page and its open task; viewflow asks
    for the flow's view permission there, which every case kind's flow must grant to staff."""
    from workflows.case_flow import process_for

    world, case = appeal
    process = process_for(case)
    task = process.task_set.order_by("-pk").first()
    url = reverse("appeal:process_detail", args=[process.pk])
    task_url = reverse(f"appeal:{task.flow_task.name}:detail", args=[process.pk, task.pk])
    client.force_login(world["handler"])
    for address in (url, task_url):
        page = client.get(address)
        assert page.status_code == 200 and case.number in page.content.decode(), address
    client.force_login(world["officer"])
    assert client.get(url).status_code in (302, 403, 404)
