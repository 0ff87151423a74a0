"""The staff UI shell: scoped lists and details in viewflow's material frontend."""

import pytest

from tests.factories import CreditRecordFactory, DepartmentFactory, PunishmentMeasureFactory, UserFactory

pytestmark = pytest.mark.django_db

RECORDS = "/staff/files/creditrecord/"
MEASURES = "/staff/files/punishmentmeasure/"


@pytest.fixture
def two_departments():
    own = CreditRecordFactory()
    other = CreditRecordFactory()
    PunishmentMeasureFactory(record=own, imposed_by=own.determined_by)
    PunishmentMeasureFactory(record=other, imposed_by=DepartmentFactory(name="他市人社局"))
    return own, other


def test_anonymous_is_sent_to_login(client):
    response = client.get(RECORDS)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_handler_lists_only_its_departments_records(client, two_departments):
    own, other = two_departments
    client.force_login(UserFactory(handler=True, department=own.determined_by))
    page = client.get(RECORDS).content.decode()
    assert own.number in page and other.number not in page
    assert "信用记录" in page


def test_handler_cannot_open_another_departments_record(client, two_departments):
    own, other = two_departments
    client.force_login(UserFactory(handler=True, department=own.determined_by))
    assert client.get(f"{RECORDS}{own.pk}/detail/").status_code == 200
    assert client.get(f"{RECORDS}{other.pk}/detail/").status_code in (403, 404)


def test_handler_measure_list_is_scoped(client, two_departments):
    own, other = two_departments
    client.force_login(UserFactory(handler=True, department=own.determined_by))
    page = client.get(MEASURES).content.decode()
    assert "他市人社局" not in page


def test_supervisor_sees_its_subtree(client, two_departments):
    own, other = two_departments
    client.force_login(UserFactory(supervisor=True, jurisdiction=own.subject.jurisdiction))
    page = client.get(RECORDS).content.decode()
    assert own.number in page and other.number not in page


def test_subject_officer_is_kept_out_of_the_staff_site(client, two_departments):
    own, _ = two_departments
    client.force_login(UserFactory(subject_officer=True, subject=own.subject))
    assert client.get(RECORDS).status_code == 403
