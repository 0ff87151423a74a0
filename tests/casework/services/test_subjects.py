import pytest

from casework.errors import DomainError
from casework.models import SubjectKind
from casework.services.subjects import subject_create
from tests.factories import JurisdictionFactory, SubjectFactory, valid_uscc

pytestmark = pytest.mark.django_db


def test_organisation_with_a_valid_code_is_created_with_the_code_normalised():
    place = JurisdictionFactory()
    code = valid_uscc(place.code)
    subject = subject_create(kind=SubjectKind.GOVERNMENT, name=" 测试县人民政府 ", jurisdiction=place, uscc=code.lower())
    assert subject.uscc == code
    assert subject.name == "测试县人民政府"


def test_organisation_with_a_wrong_check_character_is_refused_naming_the_expected_one():
    place = JurisdictionFactory()
    code = valid_uscc(place.code)
    wrong = "0" if code[-1] != "0" else "1"
    with pytest.raises(DomainError) as exc:
        subject_create(kind=SubjectKind.DEPARTMENT, name="某局", jurisdiction=place, uscc=code[:17] + wrong)
    assert f"应为“{code[-1]}”" in exc.value.message_dict["uscc"][0]


def test_organisation_without_a_code_is_refused():
    with pytest.raises(DomainError) as exc:
        subject_create(kind=SubjectKind.PUBLIC_INSTITUTION, name="某中心", jurisdiction=JurisdictionFactory())
    assert "uscc" in exc.value.message_dict


def test_civil_servant_needs_an_employing_organisation_and_keeps_no_code():
    employer = SubjectFactory(kind=SubjectKind.DEPARTMENT)
    with pytest.raises(DomainError):
        subject_create(kind=SubjectKind.CIVIL_SERVANT, name="张某", jurisdiction=employer.jurisdiction)
    person = subject_create(
        kind=SubjectKind.CIVIL_SERVANT, name="张某", jurisdiction=employer.jurisdiction, employer=employer,
        uscc=valid_uscc(),
    )
    assert person.uscc is None and person.employer == employer


def test_two_subjects_cannot_share_a_code():
    first = SubjectFactory()
    with pytest.raises(DomainError):
        subject_create(kind=SubjectKind.GOVERNMENT, name="另一个", jurisdiction=first.jurisdiction, uscc=first.uscc)
