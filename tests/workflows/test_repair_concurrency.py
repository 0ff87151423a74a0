"""Two handlers decide the same repair application at the same moment: exactly one wins.

Needs real row locks, so it runs on PostgreSQL (CI's second pass).
"""

from casework.models import AuditEntry, PlatformReport, RepairCase, RepairStatus
from tests.factories import UserFactory, beijing, pdf_upload
from tests.workflows.racing import needs_row_locks, one_wins_the_race
from workflows.repair_actions import repair_apply

pytestmark = needs_row_locks


def test_two_handlers_deciding_a_repair_at_once_one_wins_one_is_told(rivals):
    record, first, second = rivals
    case = repair_apply(record=record, losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                        commitment_file=pdf_upload(), received_at=beijing(2026, 9, 28),
                        acting_user=UserFactory(subject_officer=True, subject=record.subject))

    copies = [RepairCase.objects.get(pk=case.pk) for _ in range(2)]
    loser = one_wins_the_race(
        (copies[0], "decide", first, {"approved": True, "reasons": f"{first.username}的决定"}),
        (copies[1], "decide", second, {"approved": False, "reasons": f"{second.username}的决定"}),
    )
    assert "已被他人处理" in loser
    case.refresh_from_db()
    assert case.status in (RepairStatus.FOLLOWING_UP, RepairStatus.REJECTED)
    assert AuditEntry.objects.filter(action="decide", target_id=case.pk).count() == 1
    assert PlatformReport.objects.count() == (1 if case.status == RepairStatus.FOLLOWING_UP else 0)
