import datetime

import pytest
from django.db import transaction

from calendars.current import build_calendar, current_calendar
from calendars.models import CalendarVersion, DayKind
from calendars.services import calendar_override_set

D = datetime.date
pytestmark = pytest.mark.django_db


def test_index_is_built_once_and_reused_while_the_version_is_unchanged(django_assert_num_queries):
    first = current_calendar(fresh=True)
    with django_assert_num_queries(0):
        assert current_calendar() is first
    with django_assert_num_queries(1):  # the version token only
        assert current_calendar(fresh=True) is first


def test_a_change_in_this_process_is_seen_at_once_and_bumps_the_version():
    before = current_calendar()
    calendar_override_set(on=D(2026, 10, 8), kind=DayKind.DAY_OFF, reason="停电")
    after = current_calendar()
    assert after is not before and after.token != before.token
    assert not after.is_working_day(D(2026, 10, 8))
    assert CalendarVersion.objects.get().number == 1


def test_a_change_made_elsewhere_is_picked_up_from_the_version_token():
    current_calendar(fresh=True)
    # Another process changed the calendar: only the database knows.
    CalendarVersion.objects.update_or_create(pk=1, defaults={"token": "elsewhere"})
    assert current_calendar(fresh=True).token == "elsewhere"


def test_a_rolled_back_change_is_forgotten():
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        calendar_override_set(on=D(2026, 10, 8), kind=DayKind.DAY_OFF, reason="停电")
        assert not current_calendar().is_working_day(D(2026, 10, 8))
        raise Abort
    assert current_calendar().is_working_day(D(2026, 10, 8))
    assert current_calendar().token == build_calendar().token
