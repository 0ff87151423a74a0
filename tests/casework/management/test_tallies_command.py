import io

import pytest
from django.core.management import CommandError, call_command

from casework.models import Deadline
from tests.factories import ObjectionCaseFactory

pytestmark = pytest.mark.django_db


def test_the_command_finds_a_difference_and_rebuild_mends_it():
    case = ObjectionCaseFactory()
    out = io.StringIO()
    call_command("tallies", "--fold", stdout=out)
    assert "计数与实有数一致" in out.getvalue()
    Deadline.objects.filter(owner_id=case.pk).update(met_on=None, due_date=None)  # bypassing the services
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("tallies", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("tallies", "--rebuild", stdout=out)
    assert "已按案件和期限重新计数" in out.getvalue() and "一致" in out.getvalue()
