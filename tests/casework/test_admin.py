import pytest

from casework.models import CreditRecord
from tests.factories import DepartmentFactory, SubjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form(subject, department, **overrides):
    data = {
        "subject": subject.pk, "kind": "dishonesty", "key_area": "procurement", "determined_by": department.pk,
        "platform_level": "city", "facts": "逾期未付款。", "legal_basis": "某条例第八条。",
        "determined_on": "2026-03-16", "severity": "general", "classification": "none",
        "measures-TOTAL_FORMS": "0", "measures-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_adds_a_record_through_the_service(client):
    client.force_login(UserFactory())
    subject, department = SubjectFactory(), DepartmentFactory()
    response = client.post("/admin/casework/creditrecord/add/", _form(subject, department))
    assert response.status_code == 302, response.content.decode()[:2000]
    record = CreditRecord.objects.get()
    assert record.number.startswith("XY-2026-")


def test_admin_refuses_a_classified_record_on_the_form(client):
    client.force_login(UserFactory())
    subject, department = SubjectFactory(), DepartmentFactory()
    response = client.post(
        "/admin/casework/creditrecord/add/", _form(subject, department, classification="secret")
    )
    assert response.status_code == 200
    assert "不得归集" in response.content.decode()
    assert not CreditRecord.objects.exists()


def test_admin_moving_a_subject_moves_its_cases_deadlines_through_the_service(client):
    from casework.models import Deadline
    from tests.factories import JurisdictionFactory, ObjectionCaseFactory

    admin = UserFactory()
    client.force_login(admin)
    case = ObjectionCaseFactory()
    subject, elsewhere = case.subject, JurisdictionFactory()
    response = client.post(f"/admin/casework/subject/{subject.pk}/change/", {
        "name": subject.name, "kind": subject.kind, "uscc": subject.uscc, "jurisdiction": elsewhere.pk,
        "employer": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(Deadline.objects.filter(case_id=case.pk).values_list("jurisdiction", flat=True)) == {elsewhere.pk}
