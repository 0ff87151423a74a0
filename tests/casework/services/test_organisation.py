import pytest

from casework.errors import DomainError
from casework.models import JurisdictionLevel
from casework.services.organisation import jurisdiction_create, jurisdiction_save
from tests.factories import JurisdictionFactory

pytestmark = pytest.mark.django_db


def test_tree_paths_follow_division_codes():
    province = jurisdiction_create(code="220000", name="吉林省", level=JurisdictionLevel.PROVINCE)
    city = jurisdiction_create(code="220100", name="长春市", level=JurisdictionLevel.CITY, parent=province)
    county = jurisdiction_create(code="220122", name="农安县", level=JurisdictionLevel.COUNTY, parent=city)
    assert county.path == "220000/220100/220122/"


@pytest.mark.parametrize("code", ["22010", "2201000", "22A100"])
def test_division_code_must_be_six_digits(code):
    with pytest.raises(DomainError) as exc:
        jurisdiction_create(code=code, name="某地", level=JurisdictionLevel.PROVINCE)
    assert "6位数字" in exc.value.message_dict["code"][0]


def test_levels_must_descend_province_city_county():
    city = JurisdictionFactory()
    with pytest.raises(DomainError) as exc:
        jurisdiction_create(code="229901", name="某地", level=JurisdictionLevel.CITY, parent=city)
    assert "下级应为县（市、区）级" in exc.value.message_dict["level"][0]
    county = JurisdictionFactory(parent=city)
    with pytest.raises(DomainError):
        jurisdiction_create(code="229902", name="某镇", level=JurisdictionLevel.COUNTY, parent=county)


def test_renumbering_a_city_rewrites_its_subtree():
    city = JurisdictionFactory(code="229900")
    county = JurisdictionFactory(parent=city, code="229901")
    city.code = "229800"
    jurisdiction_save(jurisdiction=city)
    county.refresh_from_db()
    assert county.path == f"{city.parent.code}/229800/229901/"


def test_one_step_letter_kinds_are_set_by_name_and_unknown_ones_refused():
    from casework.services.organisation import department_one_step_kinds_set
    from tests.factories import DepartmentFactory

    department = DepartmentFactory(one_step_letter_kinds=[])
    department_one_step_kinds_set(department=department, kinds=["repair_decision", "objection_reply"])
    department.refresh_from_db()
    assert department.one_step_letter_kinds == ["objection_reply", "repair_decision"]
    with pytest.raises(DomainError) as refused:
        department_one_step_kinds_set(department=department, kinds=["objection_reply", "memo"])
    assert "memo" in str(refused.value.message_dict["one_step_letter_kinds"])
    department.refresh_from_db()
    assert department.one_step_letter_kinds == ["objection_reply", "repair_decision"]
