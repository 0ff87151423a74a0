"""The pieces every case kind is built from (casework/models/bases.py)."""

import pytest
from django.db import models
from django.db.models import Q

from casework.models import (
    ComplaintCase, LetterDraft, ObjectionCase, RectificationCase, RepairAppeal, RepairCase, User,
)
from casework.models.appeals import AppealStatus
from casework.models.bases import only_set
from casework.models.objections import ObjectionStatus
from casework.models.repairs import RepairStatus


@pytest.mark.parametrize(
    ("model", "withdrawn", "open_status"),
    [
        (ObjectionCase, ObjectionStatus.WITHDRAWN, ObjectionStatus.UNDER_VERIFICATION),
        (RepairCase, RepairStatus.WITHDRAWN, RepairStatus.UNDER_REVIEW),
        (RepairAppeal, AppealStatus.WITHDRAWN, AppealStatus.REVIEWING),
    ],
)
def test_a_withdrawable_kind_is_withdrawn_in_its_withdrawn_status_only(model, withdrawn, open_status):
    assert model(status=withdrawn).is_withdrawn
    assert not model(status=open_status).is_withdrawn


@pytest.mark.parametrize("model", [ComplaintCase, RectificationCase])
def test_a_kind_without_withdrawal_is_never_withdrawn(model):
    assert not model().is_withdrawn


def test_an_actor_field_keeps_who_acted_and_is_required_unless_the_step_may_still_come():
    drafted_by = LetterDraft._meta.get_field("drafted_by")
    reviewed_by = LetterDraft._meta.get_field("reviewed_by")
    for field in (drafted_by, reviewed_by):
        assert field.remote_field.model is User
        assert field.remote_field.on_delete is models.PROTECT  # a user who acted is never deleted
        assert field.remote_field.related_name == "+"
    assert (drafted_by.null, drafted_by.blank) == (False, False)
    assert (reviewed_by.null, reviewed_by.blank) == (True, True)
    assert str(reviewed_by.verbose_name) == "审核人"


def test_only_set_asks_for_one_field_set_and_the_others_empty():
    among = ("subject", "department", "jurisdiction")
    assert only_set("department", among, role="handler") == Q(
        role="handler", subject__isnull=True, department__isnull=False, jurisdiction__isnull=True
    )
    assert only_set(None, among) == Q(subject__isnull=True, department__isnull=True, jurisdiction__isnull=True)
