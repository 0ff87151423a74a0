"""seed_demo makes credit repair cases in several states through the facades."""

import pytest

from casework.models import RecordStatus, RepairCase, RepairStatus, User

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_repairs_in_several_states(demo_data):
    states = set(RepairCase.objects.values_list("status", flat=True))
    assert {RepairStatus.UNDER_REVIEW, RepairStatus.AWAITING_MATERIALS, RepairStatus.FOLLOWING_UP} <= states
    approved = RepairCase.objects.get(status=RepairStatus.FOLLOWING_UP)
    assert approved.record.status == RecordStatus.REPAIRED
    assert User.objects.get(username="handler-ccxyb").department.is_supervisor_office


def test_seed_demo_creates_rectifications_in_several_states_one_overdue(demo_data):
    from calendars.clock import beijing_today
    from casework.models import RectificationCase, RectificationStatus
    from casework.models.deadlines import DeadlineKind
    from casework.services.followup import case_deadline
    from workflows.case_flow import process_for

    cases = list(RectificationCase.objects.all())
    assert {case.status for case in cases} == {
        RectificationStatus.ORDERED, RectificationStatus.RECTIFYING, RectificationStatus.UNDER_ACCEPTANCE,
        RectificationStatus.ACCEPTED}
    overdue = RectificationCase.objects.get(status=RectificationStatus.ORDERED)
    limit = case_deadline(overdue, DeadlineKind.RECTIFICATION)
    assert limit.met_at is None and limit.due_date < beijing_today()
    accepted = RectificationCase.objects.get(status=RectificationStatus.ACCEPTED)
    assert accepted.returns.count() == 1 and accepted.accountability.count() == 1
    assert all(process_for(case) is not None for case in cases)  # made through the facade
    assert User.objects.get(username="handler-jlxyb").department.is_supervisor_office
