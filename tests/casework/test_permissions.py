"""The scoping matrix: each role against its own data and everyone else's."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from casework import permissions
from casework.models import JurisdictionLevel, Role
from tests.factories import (
    CreditRecordFactory,
    DepartmentFactory,
    JurisdictionFactory,
    PunishmentMeasureFactory,
    SubjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two cities under the province, a county in the first; a record in each city."""
    city_a = JurisdictionFactory(name="甲市")
    county_a1 = JurisdictionFactory(name="甲市乙县", parent=city_a, level=JurisdictionLevel.COUNTY)
    city_b = JurisdictionFactory(name="丙市")
    province = city_a.parent

    finance_a = DepartmentFactory(name="甲市财政局", jurisdiction=city_a)
    platform_a = DepartmentFactory(
        name="甲市信用信息中心", jurisdiction=city_a, is_determining=False, is_platform_operator=True
    )
    hr_province = DepartmentFactory(name="省人社厅", jurisdiction=province)
    finance_b = DepartmentFactory(name="丙市财政局", jurisdiction=city_b)

    subject_a1 = SubjectFactory(name="乙县人民政府", jurisdiction=county_a1)
    subject_b = SubjectFactory(name="丙市某局", jurisdiction=city_b)

    record_a1 = CreditRecordFactory(subject=subject_a1, determined_by=finance_a)
    record_b = CreditRecordFactory(subject=subject_b, determined_by=finance_b)
    measure_a1_finance = PunishmentMeasureFactory(record=record_a1, imposed_by=finance_a)
    measure_a1_hr = PunishmentMeasureFactory(record=record_a1, imposed_by=hr_province)
    measure_b = PunishmentMeasureFactory(record=record_b, imposed_by=finance_b)

    return SimpleNamespace(
        province=province, city_a=city_a, county_a1=county_a1, city_b=city_b,
        finance_a=finance_a, platform_a=platform_a, hr_province=hr_province, finance_b=finance_b,
        subject_a1=subject_a1, subject_b=subject_b, record_a1=record_a1, record_b=record_b,
        measure_a1_finance=measure_a1_finance, measure_a1_hr=measure_a1_hr, measure_b=measure_b,
    )


def _user(world, who):
    role, scope = {
        "officer_a1": (Role.SUBJECT_OFFICER, {"subject": world.subject_a1}),
        "officer_b": (Role.SUBJECT_OFFICER, {"subject": world.subject_b}),
        "handler_finance_a": (Role.HANDLER, {"department": world.finance_a}),
        "handler_hr_province": (Role.HANDLER, {"department": world.hr_province}),
        "handler_platform_a": (Role.HANDLER, {"department": world.platform_a}),
        "handler_finance_b": (Role.HANDLER, {"department": world.finance_b}),
        "supervisor_province": (Role.SUPERVISOR, {"jurisdiction": world.province}),
        "supervisor_city_a": (Role.SUPERVISOR, {"jurisdiction": world.city_a}),
        "supervisor_county_a1": (Role.SUPERVISOR, {"jurisdiction": world.county_a1}),
        "supervisor_city_b": (Role.SUPERVISOR, {"jurisdiction": world.city_b}),
        "administrator": (Role.ADMINISTRATOR, {}),
    }[who]
    return UserFactory(role=role, **scope)


# who → (records, measures, subjects) by the attribute names in `world`
MATRIX = {
    "officer_a1": ({"record_a1"}, {"measure_a1_finance", "measure_a1_hr"}, {"subject_a1"}),
    "officer_b": ({"record_b"}, {"measure_b"}, {"subject_b"}),
    "handler_finance_a": ({"record_a1"}, {"measure_a1_finance", "measure_a1_hr"}, {"subject_a1"}),
    # imposed a measure on record_a1: sees that record, but only its own measure
    "handler_hr_province": ({"record_a1"}, {"measure_a1_hr"}, {"subject_a1"}),
    # operates the platform of 甲市: sees records of subjects in 甲市 and below
    "handler_platform_a": ({"record_a1"}, {"measure_a1_finance", "measure_a1_hr"}, {"subject_a1"}),
    "handler_finance_b": ({"record_b"}, {"measure_b"}, {"subject_b"}),
    "supervisor_province": (
        {"record_a1", "record_b"}, {"measure_a1_finance", "measure_a1_hr", "measure_b"}, {"subject_a1", "subject_b"}
    ),
    "supervisor_city_a": ({"record_a1"}, {"measure_a1_finance", "measure_a1_hr"}, {"subject_a1"}),
    "supervisor_county_a1": ({"record_a1"}, {"measure_a1_finance", "measure_a1_hr"}, {"subject_a1"}),
    "supervisor_city_b": ({"record_b"}, {"measure_b"}, {"subject_b"}),
    "administrator": (
        {"record_a1", "record_b"}, {"measure_a1_finance", "measure_a1_hr", "measure_b"}, {"subject_a1", "subject_b"}
    ),
}


def _names(world, objects, candidates):
    pks = {o.pk for o in objects}
    return {name for name in candidates if getattr(world, name).pk in pks}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_scoping_matrix(world, who):
    user = _user(world, who)
    records, measures, subjects = MATRIX[who]
    all_records, all_measures = {"record_a1", "record_b"}, {"measure_a1_finance", "measure_a1_hr", "measure_b"}
    all_subjects = {"subject_a1", "subject_b"}

    assert _names(world, permissions.records_visible_to(user), all_records) == records
    assert _names(world, permissions.measures_visible_to(user), all_measures) == measures
    assert _names(world, permissions.subjects_visible_to(user), all_subjects) == subjects
    for name in all_records:
        assert permissions.can_view_record(user, getattr(world, name)) is (name in records)
    for name in all_measures:
        assert permissions.can_view_measure(user, getattr(world, name)) is (name in measures)
    for name in all_subjects:
        assert permissions.can_view_subject(user, getattr(world, name)) is (name in subjects)


def test_anonymous_sees_nothing(world):
    anonymous = AnonymousUser()
    assert not permissions.records_visible_to(anonymous).exists()
    assert not permissions.measures_visible_to(anonymous).exists()
    assert not permissions.subjects_visible_to(anonymous).exists()


def test_deactivated_user_sees_nothing(world):
    user = _user(world, "supervisor_province")
    user.is_active = False
    assert not permissions.records_visible_to(user).exists()


def test_a_moved_city_takes_its_subtree_with_it(world):
    """Paths are kept right when a jurisdiction is moved: supervision follows the tree."""
    from casework.services.organisation import jurisdiction_save

    supervisor_b = _user(world, "supervisor_city_b")
    # 甲市乙县 moves under 丙市 (an administrative re-division).
    world.county_a1.parent = world.city_b
    jurisdiction_save(jurisdiction=world.county_a1)
    assert permissions.can_view_record(supervisor_b, world.record_a1)
    assert not permissions.can_view_record(_user(world, "supervisor_city_a"), world.record_a1)


def test_staff_roles():
    assert not permissions.is_staff_role(AnonymousUser())
