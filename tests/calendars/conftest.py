import pytest


@pytest.fixture(autouse=True)
def _fresh_calendar(fresh_calendar):
    """Each test starts from the database's calendar, not a previous test's index."""
