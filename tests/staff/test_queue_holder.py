"""A claimed case stays with its handler from step to step, until they release it or it leaves the department."""

import re
import types

import pytest
from viewflow.workflow.status import STATUS

from casework.backends import department_permission
from casework.models import ObjectionStatus
from workflows.case_flow import process_for
from workflows.task_holder import last_handler

pytestmark = pytest.mark.django_db
QUEUE = "/staff/work/queue/"


def open_task(case):
    return process_for(case).task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED]).get()


def claim(client, case):
    body = client.get(QUEUE).content.decode()
    url = re.search(rf'data-case="{case.number}".*?action="([^"]+/claim/\d+/)"', body, re.S)[1]
    return client.post(url, {"next": QUEUE})


@pytest.fixture
def accepted_by_handler(client, queue_world):
    """handler-a claims the case received on 15 September and accepts it."""
    case = queue_world.soon
    client.force_login(queue_world.handler)
    claim(client, case)
    assert open_task(case).owner == queue_world.handler
    client.post(queue_world.case_url(case), {"action": "accept"})
    case.refresh_from_db()
    assert case.status in (ObjectionStatus.ACCEPTED, ObjectionStatus.UNDER_VERIFICATION)
    return case


def test_the_next_step_is_assigned_to_whoever_took_the_last_one(client, queue_world, accepted_by_handler):
    task = open_task(accepted_by_handler)
    assert task.flow_task.name == "verify"
    assert (task.status, task.owner) == (STATUS.ASSIGNED, queue_world.handler)
    body = client.get(QUEUE, {"holder": "mine"}).content.decode()
    row = re.search(rf'<tr[^>]*data-case="{accepted_by_handler.number}".*?</tr>', body, re.S)[0]
    assert "我的" in row and "办理" in row and "释放" in row and "认领</button>" not in row


def test_a_colleague_can_neither_claim_nor_act_while_it_is_held(client, queue_world, accepted_by_handler):
    case = accepted_by_handler
    client.force_login(queue_world.colleague)
    row = re.search(rf'<tr[^>]*data-case="{case.number}".*?</tr>', client.get(QUEUE).content.decode(), re.S)[0]
    assert "handler-a" in row and "认领</button>" not in row and "释放" not in row
    page = client.post(queue_world.case_url(case), {"action": "request-materials", "materials": "银行回单"},
                       follow=True)
    assert "已由 handler-a 认领" in page.content.decode()
    case.refresh_from_db()
    assert case.status != ObjectionStatus.AWAITING_MATERIALS
    assert open_task(case).owner == queue_world.handler
    # Nor can they release it for the holder.
    client.post(f"{QUEUE}release/{open_task(case).pk}/", {"next": QUEUE})
    assert open_task(case).owner == queue_world.handler


def test_release_returns_it_to_the_department(client, queue_world, accepted_by_handler):
    case = accepted_by_handler
    task = open_task(case)
    client.post(f"{QUEUE}release/{task.pk}/", {"next": QUEUE})
    task.refresh_from_db()
    assert (task.status, task.owner) == (STATUS.NEW, None)
    client.force_login(queue_world.colleague)
    claim(client, case)
    client.post(queue_world.case_url(case), {"action": "request-materials", "materials": "银行回单"})
    case.refresh_from_db()
    assert case.status == ObjectionStatus.AWAITING_MATERIALS


def test_a_step_of_another_department_is_offered_to_that_department(queue_world, accepted_by_handler):
    """The new task's permission decides: held by the last handler only if they may take it."""
    process = process_for(accepted_by_handler)

    def activation(department):
        return types.SimpleNamespace(process=process,
                                     task=types.SimpleNamespace(owner_permission=department_permission(department.pk)))

    assert last_handler(activation(queue_world.department)) == queue_world.handler
    assert last_handler(activation(queue_world.foreign_handler.department)) is None
