"""The data migrations of the supervision figures give existing rows what the services write."""

import pytest
from django.core.management import call_command

from casework.models import Deadline
from casework.services.tallies import tallies_differences

BEFORE = "0006_deadline_met_on"  # the last migration before deadlines knew whom they concern
STORED = ("case_kind", "case_id", "acting_department_id", "jurisdiction_id", "met_working_days")


@pytest.mark.django_db(transaction=True)
def test_migrating_existing_deadlines_fills_what_the_services_would_have_written():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    written = {d["id"]: d for d in Deadline.objects.values("id", *STORED)}
    assert {d["case_kind"] for d in written.values()} == {"objection", "repair", "rectification"}
    assert any(d["met_working_days"] is not None for d in written.values())

    call_command("migrate", "casework", BEFORE, verbosity=0)
    call_command("migrate", verbosity=0)

    assert {d["id"]: d for d in Deadline.objects.values("id", *STORED)} == written
    assert tallies_differences() == {}
