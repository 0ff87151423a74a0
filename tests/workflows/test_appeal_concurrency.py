"""Two appeals against one repair decision lodged at the same moment: the repair row's lock lets one
through and the other is told an appeal is open. Needs real row locks, so it runs on PostgreSQL."""

import threading

from django.db import connections

from casework.errors import DomainError
from casework.models import RepairAppeal
from tests.factories import UserFactory
from tests.workflows.racing import needs_row_locks
from workflows.appeal_actions import repair_appeal_lodge

pytestmark = needs_row_locks


def test_two_appeals_at_once_one_is_lodged_the_other_told(appeal_world):
    world = appeal_world
    officers = [world["officer"], UserFactory(subject_officer=True, subject=world["government"])]
    barrier = threading.Barrier(2)
    results = [None, None]

    def lodge(i, officer):
        try:
            barrier.wait(timeout=10)
            repair_appeal_lodge(repair=world["repair"], acting_user=officer,
                                grounds=f"{officer.username}：拖欠款项已全部付清，决定书认定与事实不符。")
            results[i] = "lodged"
        except DomainError as exc:
            results[i] = exc.messages[0]
        except Exception as exc:  # shown in the assertion below
            results[i] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=lodge, args=(i, officer)) for i, officer in enumerate(officers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results.count("lodged") == 1, results
    assert "已有正在处理的申诉" in next(r for r in results if r != "lodged"), results
    assert RepairAppeal.objects.count() == 1
