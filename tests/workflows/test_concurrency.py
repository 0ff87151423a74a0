"""Two handlers decide the same case at the same moment: exactly one wins.

Needs real row locks, so it runs on PostgreSQL (CI's second pass); SQLite
serialises every write and cannot show the race.
"""

from django.db import transaction
from viewflow.workflow.status import STATUS

from casework.models import AuditEntry, ObjectionCase, ObjectionStatus
from tests.factories import UserFactory, beijing
from tests.workflows.racing import needs_row_locks, one_wins_the_race
from workflows.actions import act
from workflows.case_flow import process_for
from workflows.objection_actions import objection_lodge

pytestmark = needs_row_locks


def test_two_handlers_deciding_at_once_one_wins_one_is_told(rivals):
    record, first, second = rivals
    case = objection_lodge(record=record, grounds="记录与事实不符，请核查。", channel="department",
                           acting_user=UserFactory(subject_officer=True, subject=record.subject),
                           received_at=beijing(2026, 9, 28))
    act(case=ObjectionCase.objects.get(pk=case.pk), action="accept", acting_user=first)
    # Having accepted, the first holds the verification task (workflows.task_holder), and the second
    # would be refused by that rule alone. Released to the department, both may decide: only the
    # row lock and the version check stand between them.
    task = process_for(case).task_set.get(status=STATUS.ASSIGNED, owner=first)
    with transaction.atomic():
        task.flow_task.activation_class(task).unassign()

    # Both load the case as it stands, then press "decide" together.
    copies = [ObjectionCase.objects.get(pk=case.pk) for _ in range(2)]
    loser = one_wins_the_race(
        (copies[0], "decide", first, {"outcome": "not_upheld", "reasons": f"{first.username}的结论", "revoke": False}),
        (copies[1], "decide", second, {"outcome": "partly_upheld", "reasons": f"{second.username}的结论", "revoke": True}),
    )
    assert "已被他人处理" in loser
    case.refresh_from_db()
    assert case.status == ObjectionStatus.DECIDED
    assert AuditEntry.objects.filter(action="decide", target_id=case.pk).count() == 1
