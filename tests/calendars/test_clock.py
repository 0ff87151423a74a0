import datetime
import zoneinfo

import pytest
from django.utils import timezone

from calendars.clock import beijing_date, beijing_today

UTC = datetime.UTC


def test_half_past_eleven_on_30_september_in_beijing_is_30_september_although_utc_says_15_30():
    received = datetime.datetime(2026, 9, 30, 15, 30, tzinfo=UTC)  # 23:30 in Beijing
    assert beijing_date(received) == datetime.date(2026, 9, 30)


def test_half_past_midnight_on_1_october_in_beijing_is_1_october_although_utc_is_still_30_september():
    received = datetime.datetime(2026, 9, 30, 16, 30, tzinfo=UTC)
    assert beijing_date(received) == datetime.date(2026, 10, 1)


def test_date_is_beijing_whatever_the_server_and_display_zones(settings):
    settings.TIME_ZONE = "UTC"
    with timezone.override("UTC"):
        received = timezone.make_aware(datetime.datetime(2026, 9, 30, 15, 30))  # a UTC server's local time
        assert timezone.localdate(received) == datetime.date(2026, 9, 30)
        assert beijing_date(received) == datetime.date(2026, 9, 30)
    new_york = datetime.datetime(2026, 9, 30, 11, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    assert beijing_date(new_york) == datetime.date(2026, 9, 30)  # 23:30 Beijing


def test_naive_datetime_is_refused_because_it_names_no_day():
    with pytest.raises(ValueError):
        beijing_date(datetime.datetime(2026, 9, 30, 23, 30))


def test_today_is_read_from_the_clock_passed_in():
    assert beijing_today(datetime.datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == datetime.date(2027, 1, 1)
