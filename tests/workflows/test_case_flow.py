"""What flow_sync leaves behind after each step, through viewflow's public activation API:
the task the case's status calls for is the only one open, and the task a person's step
completed is DONE, owned by that person (assigned, started, executed as a claim and submit
would), not set by hand."""

import pytest
from viewflow.workflow.status import STATUS

from casework.models import ObjectionStatus
from tests.factories import beijing
from workflows.actions import act
from workflows.case_flow import node_for, process_for
from workflows.flows import ObjectionFlow, RectificationFlow, RepairFlow, flow_for_case
from workflows.objection_actions import objection_lodge

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_29_september(at):
    at(2026, 9, 29)


def _open(case):
    return [(t.flow_task.name, t.status) for t in
            process_for(case).task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]).order_by("pk")]


def _done(case, node):
    return process_for(case).task_set.filter(status=STATUS.DONE).order_by("-pk").filter(
        flow_task=getattr(flow_for_case(case), node)).first()


def test_each_step_completes_its_task_as_its_actor_and_opens_the_next(two_department_record):
    world = two_department_record
    case = objection_lodge(record=world["record"], grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=world["officer"], received_at=beijing(2026, 9, 28))
    assert _open(case) == [("review", STATUS.NEW)]  # offered to the department, nobody holds it yet

    steps = [
        ("accept", world["handler"], {}, "review", ("verify",)),
        ("request-materials", world["handler"], {"materials": "银行回单"}, "verify", ("wait_materials",)),
        ("supply-materials", world["officer"], {"note": "已补充"}, "wait_materials", ("verify",)),
        ("decide", world["handler"], {"outcome": "upheld", "reasons": "已付清", "revoke": True}, "verify",
         ("reply",)),
        ("reply", world["handler"], {}, "reply", ("follow_up",)),
    ]
    for action, user, payload, completed, opened in steps:
        case.refresh_from_db()
        act(case=case, action=action, acting_user=user, payload=payload)
        case.refresh_from_db()
        assert [name for name, _status in _open(case)] == list(opened), action
        assert node_for(ObjectionFlow, case) == opened[0]
        task = _done(case, completed)
        assert task.finished is not None
        if task.flow_task.task_type == "HUMAN":  # assigned to and started by the person who took the step
            assert task.owner == user and task.started is not None, action


def test_the_route_and_node_for_read_one_status_table():
    for flow_class in (ObjectionFlow, RepairFlow, RectificationFlow):
        branches = [(node.name, cond) for node, cond in flow_class.route._branches]
        assert [name for name, cond in branches if cond is None] == ["end"]
        assert {name for name, cond in branches if cond is not None} == set(flow_class.status_nodes.values())
        for status in flow_class.case_model._meta.get_field("status").choices:
            case = flow_class.case_model(status=status[0])
            chosen = next(name for name, cond in branches
                          if cond is None or cond(type("A", (), {"process": type("P", (), {"artifact": case})})()))
            assert chosen == node_for(flow_class, case), (flow_class.__name__, status[0])


def test_each_flow_is_found_from_the_model_it_names():
    from casework.models import ObjectionCase, RectificationCase, RepairCase

    assert flow_for_case(ObjectionCase()) is ObjectionFlow
    assert flow_for_case(RepairCase()) is RepairFlow
    assert flow_for_case(RectificationCase()) is RectificationFlow
    assert node_for(ObjectionFlow, ObjectionCase(status=ObjectionStatus.CLOSED)) == "end"
