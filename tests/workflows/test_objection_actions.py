"""The viewflow process follows the case: whoever acts, the queues show who is next."""

import pytest
from viewflow.workflow.status import STATUS

from casework.models import ObjectionStatus
from tests.factories import beijing
from tests.flow_steps import open_nodes, step
from workflows.objection_actions import objection_lodge, process_for

pytestmark = pytest.mark.django_db


def _lodge(world):
    return objection_lodge(record=world["record"], grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=world["officer"], received_at=beijing(2026, 9, 28))


def test_lodging_opens_the_review_task_for_the_handling_department(world):
    case = _lodge(world)
    assert open_nodes(case) == ["review"]
    task = next(t for t in process_for(case).task_set.all() if t.flow_task.name == "review")
    assert task.owner_permission == f"casework.department_{world['handler'].department_id}"


def test_upheld_path_moves_the_tasks_and_ends_the_process(world):
    case = _lodge(world)
    step(case, "accept", world["handler"])
    assert open_nodes(case) == ["verify"]
    step(case, "request-materials", world["handler"], materials="银行回单")
    assert open_nodes(case) == ["wait_materials"]
    step(case, "supply-materials", world["officer"], note="已补充")
    assert open_nodes(case) == ["verify"]
    step(case, "decide", world["handler"], outcome="upheld", reasons="已付清", revoke=True)
    assert open_nodes(case) == ["reply"]
    step(case, "reply", world["handler"])
    assert case.status == ObjectionStatus.FOLLOWING_UP
    assert open_nodes(case) == ["follow_up"]
    for lifting in case.record.measures.all():
        user = world["handler"] if lifting.imposed_by_id == world["handler"].department_id else world["other"]
        step(case, "confirm-lifting", user, measure_id=lifting.pk)
    step(case, "confirm-report", world["handler"], receipt="R-9")
    assert case.status == ObjectionStatus.CLOSED
    assert open_nodes(case) == []
    assert process_for(case).status == STATUS.DONE


def test_withdrawal_ends_the_process(world):
    case = _lodge(world)
    step(case, "accept", world["handler"])
    step(case, "withdraw", world["officer"], reason="不再异议")
    assert case.status == ObjectionStatus.WITHDRAWN
    assert open_nodes(case) == []


def test_a_refused_action_leaves_the_process_as_it_was(world):
    from casework.errors import NotPermittedError

    case = _lodge(world)
    with pytest.raises(NotPermittedError):
        step(case, "accept", world["other"])
    assert open_nodes(case) == ["review"]


def test_acknowledgement_by_the_platform_closes_the_case_and_ends_the_process(world):
    from casework.models import PlatformReport
    from workflows.objection_actions import platform_report_acknowledge

    case = _lodge(world)
    step(case, "accept", world["handler"])
    step(case, "decide", world["handler"], outcome="upheld", reasons="已付清", revoke=True)
    step(case, "reply", world["handler"])
    for measure in case.record.measures.all():
        user = world["handler"] if measure.imposed_by_id == world["handler"].department_id else world["other"]
        step(case, "confirm-lifting", user, measure_id=measure.pk)
    assert case.status == ObjectionStatus.FOLLOWING_UP
    platform_report_acknowledge(report=PlatformReport.objects.get(), receipt="SJPT-1", at=beijing(2026, 9, 30))
    case.refresh_from_db()
    assert case.status == ObjectionStatus.CLOSED
    assert open_nodes(case) == []
