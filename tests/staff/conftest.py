"""A department's queue to look at: three objections of two subjects received on different days, a
second handler of the department, and another department with a case of its own."""

import dataclasses

import pytest

from casework.models import Department, ObjectionCase, User
from tests.factories import CreditRecordFactory, DepartmentFactory, SubjectFactory, UserFactory, beijing
from workflows.actions import act
from workflows.objection_actions import objection_lodge


@pytest.fixture
def lodged(at):
    """A handler and an objection lodged in the handler's department on 28 September; today is the 29th."""
    at(2026, 9, 29)
    record = CreditRecordFactory()
    return UserFactory(handler=True, department=record.determined_by), lodge(record, 28)


@dataclasses.dataclass
class QueueWorld:
    department: Department
    handler: User
    colleague: User
    foreign_handler: User
    overdue: ObjectionCase  # received 1 September: overdue on 29 September
    soon: ObjectionCase  # received 15 September
    fresh: ObjectionCase  # received 28 September
    foreign: ObjectionCase  # another department's

    def case_url(self, case) -> str:
        return f"/staff/work/objections/{case.number}/"


def lodge(record, day: int) -> ObjectionCase:
    return objection_lodge(record=record, grounds="记录与事实不符，请核查。", channel="department",
                           acting_user=UserFactory(subject_officer=True, subject=record.subject),
                           received_at=beijing(2026, 9, day))


@pytest.fixture
def queue_world(at) -> QueueWorld:
    at(2026, 9, 29)
    department, other = DepartmentFactory(name="甲市财政局"), DepartmentFactory(name="乙市人社局")
    first, second = SubjectFactory(name="甲县人民政府"), SubjectFactory(name="乙县人民政府")
    return QueueWorld(
        department=department,
        handler=UserFactory(handler=True, department=department, username="handler-a"),
        colleague=UserFactory(handler=True, department=department, username="handler-b"),
        foreign_handler=UserFactory(handler=True, department=other, username="handler-other"),
        overdue=lodge(CreditRecordFactory(subject=first, determined_by=department), 1),
        soon=lodge(CreditRecordFactory(subject=second, determined_by=department), 15),
        fresh=lodge(CreditRecordFactory(subject=first, determined_by=department), 28),
        foreign=lodge(CreditRecordFactory(subject=second, determined_by=other), 28),
    )


# A conclusion as the staff form and the API send it (workflows.signoff tests use their own).
DECISION = {"outcome": "not_upheld", "reasons": "经核查，款项至今未支付，记录属实。"}


@pytest.fixture
def signoff_desk(at):
    """An objection under verification in a department that signs off everything, its three people."""
    at(2026, 9, 29)
    department = DepartmentFactory(one_step_letter_kinds=[])
    record = CreditRecordFactory(determined_by=department)
    handler = UserFactory(handler=True, department=department)
    case = objection_lodge(record=record, grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=UserFactory(subject_officer=True, subject=record.subject),
                           received_at=beijing(2026, 9, 28))
    act(case=case, action="accept", acting_user=handler)
    return {"case": type(case).objects.get(pk=case.pk), "url": f"/staff/work/objections/{case.number}/",
            "handler": handler,
            "reviewer": UserFactory(handler=True, department=department, may_review=True),
            "signer": UserFactory(handler=True, department=department, may_sign_off=True)}


