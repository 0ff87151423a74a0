"""seed_demo makes cases of every kind in several states, through the workflows facades."""

import pytest

from calendars import clock
from casework.models import (
    ObjectionCase,
    ObjectionStatus,
    RecordStatus,
    RectificationCase,
    RectificationStatus,
    RepairCase,
    RepairStatus,
    User,
)
from casework.models.deadlines import DeadlineKind
from casework.services.followup import case_deadline
from workflows.case_flow import process_for

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_objections_in_several_states(demo_data):
    states = set(ObjectionCase.objects.values_list("status", flat=True))
    assert {ObjectionStatus.LODGED, ObjectionStatus.UNDER_VERIFICATION, ObjectionStatus.AWAITING_MATERIALS,
            ObjectionStatus.DECIDED, ObjectionStatus.FOLLOWING_UP} <= states
    assert all(process_for(case) is not None for case in ObjectionCase.objects.all())  # made through the facade


def test_seed_demo_creates_repairs_in_several_states(demo_data):
    states = set(RepairCase.objects.values_list("status", flat=True))
    assert {RepairStatus.UNDER_REVIEW, RepairStatus.AWAITING_MATERIALS, RepairStatus.FOLLOWING_UP} <= states
    approved = RepairCase.objects.get(status=RepairStatus.FOLLOWING_UP)
    assert approved.record.status == RecordStatus.REPAIRED
    assert User.objects.get(username="handler-ccxyb").department.is_supervisor_office


def test_seed_demo_creates_rectifications_in_several_states_one_overdue(demo_data):
    cases = list(RectificationCase.objects.all())
    assert {case.status for case in cases} == {
        RectificationStatus.ORDERED, RectificationStatus.RECTIFYING, RectificationStatus.UNDER_ACCEPTANCE,
        RectificationStatus.ACCEPTED}
    overdue = RectificationCase.objects.get(status=RectificationStatus.ORDERED)
    limit = case_deadline(overdue, DeadlineKind.RECTIFICATION)
    assert limit.met_at is None and limit.due_date < clock.today()
    accepted = RectificationCase.objects.get(status=RectificationStatus.ACCEPTED)
    assert accepted.returns.count() == 1 and accepted.accountability.count() == 1
    assert all(process_for(case) is not None for case in cases)  # made through the facade
    assert User.objects.get(username="handler-jlxyb").department.is_supervisor_office
    # Each supervisor office has a completed rectification waiting for its acceptance.
    offices = set(RectificationCase.objects.filter(status=RectificationStatus.UNDER_ACCEPTANCE)
                  .values_list("supervisor_office__name", flat=True))
    assert offices == {"长春市社会信用体系建设联席会议办公室", "吉林省社会信用体系建设联席会议办公室"}
