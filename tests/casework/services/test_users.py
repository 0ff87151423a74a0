import pytest

from casework.errors import DomainError
from casework.models import Role
from casework.services.users import user_create
from tests.factories import DepartmentFactory, JurisdictionFactory, SubjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role, field",
    [(Role.SUBJECT_OFFICER, "subject"), (Role.HANDLER, "department"), (Role.SUPERVISOR, "jurisdiction")],
)
def test_each_role_needs_its_scope(role, field):
    with pytest.raises(DomainError) as exc:
        user_create(username="u", password="x", role=role)
    assert field in exc.value.message_dict


def test_a_role_takes_no_other_scope():
    with pytest.raises(DomainError) as exc:
        user_create(
            username="u", password="x", role=Role.HANDLER,
            department=DepartmentFactory(), jurisdiction=JurisdictionFactory(),
        )
    assert "不应关联行政区域" in exc.value.messages[0]


def test_subject_officer_is_not_staff_and_administrator_is():
    officer = user_create(username="o", password="x", role=Role.SUBJECT_OFFICER, subject=SubjectFactory())
    admin = user_create(username="a", password="x", role=Role.ADMINISTRATOR)
    assert not officer.is_staff and admin.is_staff and admin.is_superuser
    assert officer.check_password("x")


def test_createsuperuser_makes_an_administrator(django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    assert user.role == Role.ADMINISTRATOR
