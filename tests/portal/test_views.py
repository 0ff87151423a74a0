import pytest
from django.urls import reverse

from tests.factories import CreditRecordFactory, DepartmentFactory, PunishmentMeasureFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_and_records(client):
    own = CreditRecordFactory()
    other = CreditRecordFactory()
    PunishmentMeasureFactory(record=own, imposed_by=DepartmentFactory(name="省人社厅"))
    PunishmentMeasureFactory(record=own, imposed_by=DepartmentFactory(name="市发改委"))
    officer = UserFactory(subject_officer=True, subject=own.subject)
    client.force_login(officer)
    return own, other


def test_home_shows_own_records_only(client, officer_and_records):
    own, other = officer_and_records
    page = client.get(reverse("portal:home")).content.decode()
    assert own.number in page and other.number not in page
    assert own.subject.name in page
    assert "政务失信记录" in page and "有效" in page


def test_record_detail_lists_measures_of_every_department(client, officer_and_records):
    own, _ = officer_and_records
    page = client.get(reverse("portal:record_detail", args=[own.pk])).content.decode()
    assert "省人社厅" in page and "市发改委" in page
    assert f"{own.determined_on.year}年{own.determined_on.month}月{own.determined_on.day}日" in page


def test_another_subjects_record_is_not_found(client, officer_and_records):
    _, other = officer_and_records
    assert client.get(reverse("portal:record_detail", args=[other.pk])).status_code == 404


def test_staff_users_are_refused_by_the_portal(client):
    client.force_login(UserFactory(handler=True))
    assert client.get(reverse("portal:home")).status_code == 403


def test_portal_speaks_english_when_asked(client, officer_and_records):
    page = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in page
