"""Two appeals against one repair decision lodged at the same moment: the repair row's lock lets one
through and the other is told an appeal is open. Needs real row locks, so it runs on PostgreSQL."""

import functools

from casework.errors import DomainError
from casework.models import RepairAppeal
from tests.factories import UserFactory
from tests.together import run_together
from tests.workflows.racing import needs_row_locks
from workflows.appeal_actions import repair_appeal_lodge

pytestmark = needs_row_locks


def test_two_appeals_at_once_one_is_lodged_the_other_told(appeal_world):
    world = appeal_world
    officers = [world["officer"], UserFactory(subject_officer=True, subject=world["government"])]

    def lodge(officer):
        try:
            repair_appeal_lodge(repair=world["repair"], acting_user=officer,
                                grounds=f"{officer.username}：拖欠款项已全部付清，决定书认定与事实不符。")
        except DomainError as exc:
            return exc.messages[0]
        return "lodged"

    outcomes = run_together(*(functools.partial(lodge, officer) for officer in officers))
    results = [outcome if isinstance(outcome, str) else repr(outcome) for outcome in outcomes]
    assert results.count("lodged") == 1, results
    assert "已有正在处理的申诉" in next(r for r in results if r != "lodged"), results
    assert RepairAppeal.objects.count() == 1
