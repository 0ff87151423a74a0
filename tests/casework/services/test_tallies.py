"""The running counts behind the province-wide dashboard: deltas, folding, recount."""

import datetime

import pytest

from casework.models import Deadline, OpenCaseTally, OpenDeadlineTally
from casework.models.deadlines import DeadlineKind
from casework.services.deadlines import deadline_meet, deadline_pause, deadline_resume
from casework.services.tallies import tallies_differences, tallies_fold, tallies_rebuild
from tests.factories import ObjectionCaseFactory, beijing

pytestmark = pytest.mark.django_db
D = datetime.date


def reply_of(case):
    return Deadline.objects.get(owner_id=case.pk, kind=DeadlineKind.REPLY)


def test_pausing_resuming_and_meeting_move_the_counts_and_folding_keeps_the_sums():
    cases = [ObjectionCaseFactory() for _ in range(3)]
    deadline = reply_of(cases[0])
    deadline_pause(deadline=deadline, on=D(2026, 9, 30))
    deadline_resume(deadline=deadline, on=D(2026, 10, 12))
    deadline_meet(deadline=reply_of(cases[1]), at=beijing(2026, 10, 14))
    assert tallies_differences() == {}
    rows_before = OpenDeadlineTally.objects.count() + OpenCaseTally.objects.count()
    folded = tallies_fold()
    assert folded == rows_before
    # One row per key remains: 2 open reply deadlines on 2 due dates (one moved by the pause);
    # 3 open cases, each handled by a department of its own.
    assert sorted(OpenDeadlineTally.objects.values_list("due_date", "n")) == [
        (D(2026, 10, 23), 1), (D(2026, 10, 29), 1)]
    assert list(OpenCaseTally.objects.values_list("n", flat=True)) == [1, 1, 1]
    assert tallies_differences() == {}


def test_a_change_that_bypassed_the_services_is_found_and_a_rebuild_mends_it():
    case = ObjectionCaseFactory()
    Deadline.objects.filter(owner_id=case.pk).update(due_date=D(2026, 11, 2))
    differences = tallies_differences()
    assert set(differences) == {"deadlines"} and len(differences["deadlines"]) == 2
    tallies_rebuild()
    assert tallies_differences() == {}
