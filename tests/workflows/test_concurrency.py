"""Two handlers decide the same case at the same moment: exactly one wins.

Needs real row locks, so it runs on PostgreSQL (CI's second pass); SQLite
serialises every write and cannot show the race.
"""

import threading

import pytest
from django.db import connection, connections

from casework.errors import ConcurrentChangeError
from casework.models import AuditEntry, ObjectionCase, ObjectionStatus
from tests.factories import CreditRecordFactory, UserFactory, beijing
from workflows.actions import act
from workflows.objection_actions import objection_lodge

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


def test_two_handlers_deciding_at_once_one_wins_one_is_told(at):
    at(2026, 10, 9)
    record = CreditRecordFactory()
    first = UserFactory(handler=True, department=record.determined_by)
    second = UserFactory(handler=True, department=record.determined_by)
    case = objection_lodge(record=record, grounds="记录与事实不符，请核查。", channel="department",
                           acting_user=UserFactory(subject_officer=True, subject=record.subject),
                           received_at=beijing(2026, 9, 28))
    act(case=ObjectionCase.objects.get(pk=case.pk), action="accept", acting_user=first)

    # Both load the case as it stands, then press "decide" together.
    copies = [ObjectionCase.objects.get(pk=case.pk) for _ in range(2)]
    barrier = threading.Barrier(2)
    results = [None, None]

    def decide(i, user, outcome):
        try:
            barrier.wait(timeout=10)
            act(case=copies[i], action="decide", acting_user=user,
                          payload={"outcome": outcome, "reasons": f"{user.username}的结论",
                                   "revoke": outcome != "not_upheld"})
            results[i] = "won"
        except ConcurrentChangeError as exc:
            results[i] = exc.messages[0]
        except Exception as exc:  # shown in the assertion below
            results[i] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(0, first, "not_upheld")),
               threading.Thread(target=decide, args=(1, second, "partly_upheld"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(r == "won" for r in results) == [False, True], results
    loser = next(r for r in results if r != "won")
    assert "已被他人处理" in loser
    case.refresh_from_db()
    assert case.status == ObjectionStatus.DECIDED
    assert AuditEntry.objects.filter(action="decide", target_id=case.pk).count() == 1
