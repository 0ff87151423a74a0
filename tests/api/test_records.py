"""GET /api/v1/records/: the caller's visible records, each with the measures it may see."""

import pytest

from casework.models import RecordStatus
from tests.api.conftest import client_for
from tests.factories import CreditRecordFactory, PunishmentMeasureFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/records/"


def ids(client):
    response = client.get(URL)
    assert response.status_code == 200
    return {record["id"] for record in response.data["results"]}


def test_a_subject_sees_its_own_records_with_every_measure(world):
    response = world.officer.get(URL)
    [record] = response.data["results"]
    assert record["id"] == world.record.pk and record["number"] == world.record.number
    assert record["status"] == RecordStatus.ACTIVE and record["status_display"] == "有效"
    assert record["determined_by"] == {"id": world.finance.pk, "name": world.finance.name}
    assert {(m["id"], m["imposed_by"]["name"]) for m in record["measures"]} == {
        (world.finance_measure.pk, world.finance.name),
        (world.hr_measure.pk, world.hr.name),
    }


def test_another_subjects_records_are_not_listed(world):
    assert ids(world.officer) == {world.record.pk}
    assert ids(world.stranger) == {world.stranger_record.pk}


def test_a_department_sees_what_it_determined_or_imposed_and_only_its_own_measures_on_others(world):
    assert ids(world.handler) == {world.record.pk}
    assert ids(world.stranger_handler) == {world.stranger_record.pk}
    # 人社厅 imposed a measure on 财政局's record: it sees the record, and only its own measure.
    [record] = world.hr_handler.get(URL).data["results"]
    assert [m["id"] for m in record["measures"]] == [world.hr_measure.pk]


def test_a_supervisor_sees_its_jurisdiction(world):
    supervisor = client_for(UserFactory(supervisor=True, jurisdiction=world.record.subject.jurisdiction))
    assert ids(supervisor) == {world.record.pk}


def test_the_query_count_does_not_grow_with_records_and_measures(world, django_assert_max_num_queries):
    for _ in range(5):
        record = CreditRecordFactory(subject=world.record.subject, determined_by=world.finance)
        PunishmentMeasureFactory(record=record, imposed_by=world.hr)
        PunishmentMeasureFactory(record=record, imposed_by=world.finance)
    with django_assert_max_num_queries(6):
        response = world.officer.get(URL)
    assert len(response.data["results"]) == 6
