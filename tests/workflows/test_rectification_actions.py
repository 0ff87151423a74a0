"""Rectification in the staff site: the flow follows the order, the supervisor office orders,
finds the acceptance in its queue, returns, records accountability and accepts.

Ordered Monday 28 Sept 2026 with 10 working days: due 16 Oct (1–7 Oct are holidays,
Saturday 10 Oct is a make-up working day).
"""

import datetime

import pytest
from viewflow.workflow.status import STATUS

from casework.errors import NotPermittedError
from casework.models import RectificationCase, RectificationStatus
from casework.models.deadlines import DeadlineKind
from casework.services import followup
from tests.factories import (
    CreditRecordFactory,
    SupervisorOfficeFactory,
    UserFactory,
    pdf_upload,
)
from tests.flow_steps import QUEUE, claim_and_open_task, open_nodes, step
from workflows.case_flow import process_for
from workflows.actions import allowed_action_names
from workflows.rectification_actions import rectification_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at")]  # 28 Sept 2026, 10:00
D = datetime.date


@pytest.fixture
def world(rectification_world):
    return rectification_world


def _order(world, **kwargs):
    return rectification_order(subject=world["government"], records=[world["record"]],
                               requirements="支付拖欠款项\n建立账款支付台账", limit_working_days=10,
                               acting_user=world["handler"], **kwargs)


def _to_acceptance(case, world):
    step(case, "submit-explanation", world["officer"], text="因财政资金调度不及时导致逾期支付，主要原因是预算执行监控缺位。")
    step(case, "submit-plan", world["officer"], text="十个工作日内付清欠款，并建立账款支付台账。")
    step(case, "submit-completion", world["officer"], text="欠款已全部付清，台账已建立。",
         files=[pdf_upload("付款凭证.pdf")])


def test_the_flow_follows_the_order_from_rectifying_to_the_end(world):
    case = _order(world)
    assert open_nodes(case) == ["rectify"]
    assert allowed_action_names(case, world["officer"]) == ["submit-explanation"]
    assert allowed_action_names(case, world["handler"]) == ["record-accountability"]
    assert allowed_action_names(case, world["determining"]) == []
    step(case, "submit-explanation", world["officer"], text="因财政资金调度不及时导致逾期支付，主要原因是预算执行监控缺位。")
    assert case.status == RectificationStatus.RECTIFYING and open_nodes(case) == ["rectify"]
    # The completion report needs a plan first.
    assert allowed_action_names(case, world["officer"]) == ["submit-plan", "submit-progress"]
    step(case, "submit-plan", world["officer"], text="十个工作日内付清欠款，并建立账款支付台账。")
    assert allowed_action_names(case, world["officer"]) == [
        "submit-plan", "submit-progress", "submit-completion"]
    step(case, "submit-progress", world["officer"], text="已支付第一笔欠款，台账正在建立。")
    step(case, "submit-completion", world["officer"], text="欠款已全部付清，台账已建立。")
    assert case.status == RectificationStatus.UNDER_ACCEPTANCE and open_nodes(case) == ["acceptance"]
    assert allowed_action_names(case, world["handler"]) == ["record-accountability", "return", "accept"]
    assert allowed_action_names(case, world["officer"]) == []

    step(case, "return", world["handler"], reasons="台账未覆盖全部项目。", new_limit_date=D(2026, 10, 30))
    assert case.status == RectificationStatus.RECTIFYING and open_nodes(case) == ["rectify"]
    assert followup.case_deadline(case, DeadlineKind.RECTIFICATION).due_date == D(2026, 10, 30)
    step(case, "submit-completion", world["officer"], text="台账已覆盖全部项目，附清单。")
    assert open_nodes(case) == ["acceptance"]
    step(case, "record-accountability", world["handler"], person="王某", position="县财政局局长",
         action_taken="诫勉谈话")
    step(case, "accept", world["handler"], opinion="整改到位。")
    assert case.status == RectificationStatus.ACCEPTED
    assert process_for(case).status == STATUS.DONE
    assert allowed_action_names(case, world["handler"]) == []


def test_a_failed_service_leaves_the_flow_where_it_was(world):
    case = _order(world)
    _to_acceptance(case, world)
    with pytest.raises(NotPermittedError):
        step(case, "accept", world["officer"], opinion="自行验收")
    assert case.status == RectificationStatus.UNDER_ACCEPTANCE and open_nodes(case) == ["acceptance"]


def test_the_office_orders_from_the_form_with_the_governments_records_in_force(client, world):
    second = CreditRecordFactory(subject=world["government"])
    client.force_login(world["handler"])
    page = client.get("/staff/work/rectifications/new/").content.decode()
    assert world["government"].name in page
    page = client.get(f"/staff/work/rectifications/new/?subject={world['government'].pk}").content.decode()
    assert world["record"].number in page and second.number in page
    response = client.post(f"/staff/work/rectifications/new/?subject={world['government'].pk}", {
        "records": [world["record"].pk], "requirements": "支付拖欠款项\n建立账款支付台账", "limit_working_days": "10",
    })
    case = RectificationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/work/rectifications/{case.number}/"
    page = client.get(response["Location"]).content.decode()
    assert "2026-10-16" in page and "整改通知书" in page and "建立账款支付台账" in page
    assert case.number in client.get("/staff/work/rectifications/").content.decode()


def test_the_order_form_says_what_is_wrong(client, world):
    client.force_login(world["handler"])
    response = client.post(f"/staff/work/rectifications/new/?subject={world['government'].pk}", {
        "records": [world["record"].pk], "requirements": "支付拖欠款项", "limit_working_days": "10",
        "limit_date": "2026-10-30",
    })
    assert response.status_code == 200 and "二者选一" in response.content.decode()
    assert not RectificationCase.objects.exists()


def test_only_a_supervisor_office_may_open_the_order_form(client, world):
    for user in (world["determining"], world["supervisor"]):
        client.force_login(user)
        assert client.get("/staff/work/rectifications/new/").status_code == 403
    far = UserFactory(handler=True, department=SupervisorOfficeFactory())
    client.force_login(far)
    page = client.get(f"/staff/work/rectifications/new/?subject={world['government'].pk}").content.decode()
    assert world["record"].number not in page  # another city's office does not even see the government


def test_the_acceptance_waits_in_the_office_queue_and_is_decided_on_the_task_page(client, world):
    case = _order(world)
    _to_acceptance(case, world)
    client.force_login(world["determining"])
    assert case.number not in client.get(QUEUE).content.decode()
    client.force_login(world["handler"])
    page = client.get(QUEUE).content.decode()
    assert 'data-kind="rectification"' in page and "整改验收" in page
    task_url, task_page = claim_and_open_task(client, "acceptance")
    assert "退回整改" in task_page.content.decode() and "付款凭证.pdf" in task_page.content.decode()
    response = client.post(task_url, {"action": "return", "reasons": "台账未覆盖全部项目。",
                                      "new_limit_date": "2026-10-30"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == RectificationStatus.RECTIFYING and case.returns.get().new_limit_date == D(2026, 10, 30)


def test_accept_on_the_case_page_asks_for_accountability_first(client, world):
    case = _order(world)
    _to_acceptance(case, world)
    page_url = f"/staff/work/rectifications/{case.number}/"
    client.force_login(world["handler"])
    response = client.post(page_url, {"action": "accept", "opinion": "整改到位。", "confirmed": "1"})
    assert response.status_code == 200 and "责任追究" in response.content.decode()
    client.post(page_url, {"action": "record-accountability", "person": "王某", "position": "县财政局局长",
                           "action_taken": "诫勉谈话"})
    response = client.post(page_url, {"action": "accept", "opinion": "整改到位。"})
    assert response.status_code == 200 and "此操作不可撤回" in response.content.decode()  # asks first
    case.refresh_from_db()
    assert case.status == RectificationStatus.UNDER_ACCEPTANCE
    response = client.post(page_url, {"action": "accept", "opinion": "整改到位。", "confirmed": "1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == RectificationStatus.ACCEPTED
    page = client.get(page_url).content.decode()
    assert "王某" in page and "验收通过" in page


def test_supervisors_see_the_orders_of_their_jurisdiction_only(client, world):
    case = _order(world)
    client.force_login(world["supervisor"])
    assert case.number in client.get(QUEUE).content.decode()
    assert client.get(f"/staff/work/rectifications/{case.number}/").status_code == 200
    client.force_login(UserFactory(supervisor=True))
    assert case.number not in client.get("/staff/work/rectifications/").content.decode()
    assert client.get(f"/staff/work/rectifications/{case.number}/").status_code == 404
    client.force_login(world["determining"])
    assert client.get(f"/staff/work/rectifications/{case.number}/").status_code == 404
