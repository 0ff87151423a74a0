"""Two handlers decide the same repair application at the same moment: exactly one wins.

Needs real row locks, so it runs on PostgreSQL (CI's second pass).
"""

import threading

import pytest
from django.db import connection, connections

from casework.errors import ConcurrentChangeError
from casework.models import AuditEntry, PlatformReport, RepairCase, RepairStatus
from tests.factories import CreditRecordFactory, UserFactory, beijing, pdf_upload
from workflows.actions import act
from workflows.repair_actions import repair_apply

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


def test_two_handlers_deciding_a_repair_at_once_one_wins_one_is_told(at):
    at(2026, 10, 9)
    record = CreditRecordFactory()
    first = UserFactory(handler=True, department=record.determined_by)
    second = UserFactory(handler=True, department=record.determined_by)
    case = repair_apply(record=record, losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                        commitment_file=pdf_upload(), received_at=beijing(2026, 9, 28),
                        acting_user=UserFactory(subject_officer=True, subject=record.subject))

    copies = [RepairCase.objects.get(pk=case.pk) for _ in range(2)]
    barrier = threading.Barrier(2)
    results = [None, None]

    def decide(i, user, approved):
        try:
            barrier.wait(timeout=10)
            act(case=copies[i], action="decide", acting_user=user,
                       payload={"approved": approved, "reasons": f"{user.username}的决定"})
            results[i] = "won"
        except ConcurrentChangeError as exc:
            results[i] = exc.messages[0]
        except Exception as exc:  # shown in the assertion below
            results[i] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(0, first, True)),
               threading.Thread(target=decide, args=(1, second, False))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(r == "won" for r in results) == [False, True], results
    assert "已被他人处理" in next(r for r in results if r != "won")
    case.refresh_from_db()
    assert case.status in (RepairStatus.FOLLOWING_UP, RepairStatus.REJECTED)
    assert AuditEntry.objects.filter(action="decide", target_id=case.pk).count() == 1
    assert PlatformReport.objects.count() == (1 if case.status == RepairStatus.FOLLOWING_UP else 0)
