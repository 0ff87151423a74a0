"""workflows.case_flow.CaseStartActivation writes a new process's first tasks itself (three
INSERTs); these tests pin that the rows are the ones viewflow's own routing writes
(`direct = False`), field by field, for the case kinds whose flow starts at a human task."""

import pytest
from viewflow.workflow.models import Task

from tests.factories import CreditRecordFactory, beijing, pdf_upload
from workflows.case_flow import CaseStartActivation, process_for
from workflows.objection_actions import objection_lodge
from workflows.repair_actions import repair_apply

pytestmark = pytest.mark.django_db

FIELDS = ("flow_task", "flow_task_type", "status", "token", "owner_id", "owner_permission",
          "owner_permission_content_type_id", "owner_permission_obj_pk", "data", "external_task_id",
          "scheduled", "assigned")


def _rows(case):
    tasks = list(process_for(case).task_set.order_by("pk"))
    index = {task.pk: i for i, task in enumerate(tasks)}
    return [
        ({name: getattr(task, name) for name in FIELDS},
         sorted(index[p.pk] for p in task.previous.all()),
         task.started is not None, task.finished is not None)
        for task in tasks
    ]


def _objection(world, record):
    return objection_lodge(record=record, grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=world["officer"], received_at=beijing(2026, 9, 28))


def _repair(world, record):
    return repair_apply(record=record, losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                        commitment_file=pdf_upload("承诺书.pdf"), acting_user=world["officer"],
                        received_at=beijing(2026, 9, 28))


@pytest.mark.parametrize("make", [_objection, _repair], ids=["objection", "repair"])
def test_the_direct_start_writes_the_rows_viewflows_routing_writes(world, monkeypatch, make):
    subject, department = world["record"].subject, world["record"].determined_by
    direct = make(world, CreditRecordFactory(subject=subject, determined_by=department))
    monkeypatch.setattr(CaseStartActivation, "direct", False)
    routed = make(world, CreditRecordFactory(subject=subject, determined_by=department))
    assert _rows(direct) == _rows(routed)
    names = [(row[0]["flow_task"].name, row[0]["status"]) for row in _rows(direct)]
    assert names[-1][1] == "NEW" and [status for _, status in names[:-1]] == ["DONE", "DONE"]
    process = process_for(direct)
    assert process.artifact == direct and process.status == process_for(routed).status


def test_the_direct_start_costs_three_statements(world, django_assert_num_queries):
    """The process, its three tasks, their two links to the previous task: one INSERT each
    (inside a transaction, as case_start runs it; its savepoint is opened before counting)."""
    from django.db import transaction

    from workflows.flows import ObjectionFlow

    case = _objection(world, world["record"])
    Task.objects.filter(process__in=[process_for(case)]).delete()
    process_for(case).delete()
    with transaction.atomic(), django_assert_num_queries(3):
        ObjectionFlow.start.run(case=case)
    assert [t.flow_task.name for t in process_for(case).task_set.order_by("pk")] == ["start", "route", "review"]
