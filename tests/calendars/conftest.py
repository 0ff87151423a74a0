import pytest

from calendars.current import forget_calendar


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Each test starts from the database's calendar, not a previous test's index."""
    forget_calendar()
    yield
    forget_calendar()
