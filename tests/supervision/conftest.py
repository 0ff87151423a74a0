import datetime

import pytest

from casework.models import JurisdictionLevel
from tests.factories import (
    CreditRecordFactory,
    DepartmentFactory,
    JurisdictionFactory,
    SubjectFactory,
    UserFactory,
    beijing,
)
from workflows.objection_actions import objection_lodge


@pytest.fixture
def world(db, at):
    """Two cities under the province, a department and a handler in each, supervisors at every level;
    the clock at 10 September 2026, 10:00 in Beijing."""
    at(2026, 9, 10)
    city_a = JurisdictionFactory(name="长春市", level=JurisdictionLevel.CITY)
    city_b = JurisdictionFactory(name="吉林市", level=JurisdictionLevel.CITY)
    province = city_a.parent
    dept_a = DepartmentFactory(name="长春市财政局", jurisdiction=city_a)
    dept_b = DepartmentFactory(name="吉林市财政局", jurisdiction=city_b)
    w = {
        "province": province, "city_a": city_a, "city_b": city_b, "dept_a": dept_a, "dept_b": dept_b,
        "handler_a": UserFactory(handler=True, department=dept_a, username="handler_a", email="a@example.cn"),
        "handler_a2": UserFactory(handler=True, department=dept_a, username="handler_a2"),
        "handler_b": UserFactory(handler=True, department=dept_b, username="handler_b"),
        "sup_a": UserFactory(supervisor=True, jurisdiction=city_a, username="sup_a", email="sup@example.cn"),
        "sup_b": UserFactory(supervisor=True, jurisdiction=city_b, username="sup_b"),
        "sup_province": UserFactory(supervisor=True, jurisdiction=province, username="sup_province"),
        "admin": UserFactory(username="admin_user"),
    }
    return w


def lodge(world, city="a", *, on=datetime.date(2026, 9, 10)):
    """An objection received `on`, handled by the city's department."""
    jurisdiction, department = world[f"city_{city}"], world[f"dept_{city}"]
    subject = SubjectFactory(jurisdiction=jurisdiction)
    record = CreditRecordFactory(subject=subject, determined_by=department)
    officer = UserFactory(subject_officer=True, subject=subject)
    return objection_lodge(record=record, grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=officer, received_at=beijing(on.year, on.month, on.day))
