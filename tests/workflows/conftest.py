import pytest

from tests.factories import CreditRecordFactory, UserFactory


@pytest.fixture
def rivals(at):
    """A record and two handlers of its department, on 9 October: the two sides of a race."""
    at(2026, 10, 9)
    record = CreditRecordFactory()
    return (record, UserFactory(handler=True, department=record.determined_by),
            UserFactory(handler=True, department=record.determined_by))


@pytest.fixture
def _on_29_september(at):
    at(2026, 9, 29)


@pytest.fixture
def world(_on_29_september, two_department_record):
    """The objection and repair flow tests' world (tests/conftest.py's two departments), made on 29
    September, the clock left there. The rectification tests declare a world of their own."""
    return two_department_record
