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
