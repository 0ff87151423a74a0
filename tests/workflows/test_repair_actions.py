"""Credit repair in the staff site: the flow follows the case, one queue for every kind, the task page decides."""

import pytest
from viewflow.workflow.status import STATUS

from casework.models import MeasureStatus, PlatformReport, RecordStatus, RepairStatus
from tests.factories import (
    CreditRecordFactory,
    UserFactory,
    beijing,
    pdf_upload,
)
from tests.flow_steps import QUEUE, claim_and_open_task, open_nodes, step
from workflows.case_flow import process_for
from workflows.objection_actions import objection_lodge, platform_report_acknowledge
from workflows.actions import allowed_action_names
from workflows.repair_actions import repair_apply

pytestmark = pytest.mark.django_db


def _apply(world, record=None):
    return repair_apply(record=record or world["record"], losses_recovered="已全额支付拖欠款项及利息。",
                        commitment_signed=True, commitment_file=pdf_upload("承诺书.pdf"),
                        acting_user=world["officer"], received_at=beijing(2026, 9, 28))


def test_the_flow_follows_the_repair_from_review_to_the_end(world):
    case = _apply(world)
    assert open_nodes(case) == ["review"]
    assert allowed_action_names(case, world["handler"]) == ["request-materials", "decide"]
    assert allowed_action_names(case, world["officer"]) == ["withdraw"]
    step(case, "request-materials", world["handler"], materials="银行回单")
    assert open_nodes(case) == ["wait_materials"]
    step(case, "supply-materials", world["officer"], note="已补充")
    assert open_nodes(case) == ["review"]
    step(case, "decide", world["handler"], approved=True, reasons="已挽回损失。",
         decisions=[{"measure": world["own"].pk, "decision": "waive"},
                    {"measure": world["theirs"].pk, "decision": "reduce"}])
    assert case.status == RepairStatus.FOLLOWING_UP and open_nodes(case) == ["follow_up"]
    assert allowed_action_names(case, world["other"]) == ["confirm-lifting"]
    step(case, "confirm-lifting", world["handler"], measure_id=world["own"].pk)
    step(case, "confirm-lifting", world["other"], measure_id=world["theirs"].pk)
    # The delivery worker's acknowledgement goes through the same door as an objection's.
    platform_report_acknowledge(report=PlatformReport.objects.get(), receipt="SJPT-2", at=beijing(2026, 9, 30))
    case.refresh_from_db()
    assert case.status == RepairStatus.CLOSED
    assert process_for(case).status == STATUS.DONE


def test_one_queue_lists_objections_and_repairs_of_the_department(client, world):
    repair = _apply(world)
    second = CreditRecordFactory(determined_by=world["record"].determined_by)
    objection = objection_lodge(record=second, grounds="记录与事实不符，请核查。", channel="department",
                                acting_user=UserFactory(subject_officer=True, subject=second.subject),
                                received_at=beijing(2026, 9, 28))
    client.force_login(world["handler"])
    page = client.get(QUEUE).content.decode()
    assert repair.number in page and objection.number in page
    assert 'data-kind="repair"' in page and 'data-kind="objection"' in page
    # The repair's review (10 working days) is due before the objection's reply (15): listed first.
    assert page.index(repair.number) < page.index(objection.number)
    client.force_login(world["other"])
    assert repair.number not in client.get(QUEUE).content.decode()
    assert client.get(f"/staff/work/repairs/{repair.number}/").status_code == 404


def test_claim_and_decide_on_the_task_page(client, world):
    case = _apply(world)
    client.force_login(world["handler"])
    task_url, task_page = claim_and_open_task(client, "review")
    assert "作出信用修复决定" in task_page.content.decode()
    response = client.post(task_url, {
        "action": "decide", "approved": "1", "reasons": "已主动挽回损失。",
        f"decision_{world['own'].pk}": "waive", f"decision_{world['theirs'].pk}": "apply_lighter",
        "confirmed": "1",
    })
    assert response.status_code == 302
    case.refresh_from_db()
    world["record"].refresh_from_db()
    assert case.status == RepairStatus.FOLLOWING_UP
    assert world["record"].status == RecordStatus.REPAIRED
    client.force_login(world["other"])  # each lifting waits in the queue of the department that imposed it
    assert "从轻适用" in client.get(QUEUE).content.decode()
    client.force_login(world["handler"])
    response = client.post(f"/staff/work/repairs/{case.number}/",
                           {"action": "confirm-lifting", "measure_id": world["own"].pk, "confirmed": "1"})
    assert response.status_code == 302
    world["own"].refresh_from_db()
    assert world["own"].status == MeasureStatus.LIFTED


def test_supervisor_sees_open_repairs_of_its_jurisdiction(client, world):
    case = _apply(world)
    client.force_login(UserFactory(supervisor=True, jurisdiction=case.subject.jurisdiction))
    page = client.get(QUEUE).content.decode()
    assert case.number in page and "信用修复" in page
    assert client.get(f"/staff/work/repairs/{case.number}/").status_code == 200
