import datetime

import holidays
import numpy as np
import pytest

from calendars.errors import CalendarError
from calendars.index import FIRST_DAY, LAST_DAY, OverrideDay, Reason, WorkdayIndex, library_confirmed_years

D = datetime.date


@pytest.fixture(scope="module")
def cal():
    return WorkdayIndex()


def test_without_overrides_every_day_from_2000_to_2040_matches_holidays_china(cal):
    lib = holidays.China(years=range(1999, 2042))
    day = FIRST_DAY
    while day <= LAST_DAY:
        assert cal.is_working_day(day) == lib.is_working_day(day), day
        day += datetime.timedelta(days=1)


def test_spring_festival_2026_with_saturdays_14_and_28_february_working(cal):
    assert cal.is_working_day(D(2026, 2, 14)) and cal.is_working_day(D(2026, 2, 28))
    assert [cal.is_working_day(D(2026, 2, d)) for d in range(15, 24)] == [False] * 9
    assert cal.reason(D(2026, 2, 14)) == (Reason.MAKE_UP, "春节调休上班")
    assert cal.reason(D(2026, 2, 17)) == (Reason.HOLIDAY, "春节")
    assert cal.reason(D(2026, 2, 16)) == (Reason.HOLIDAY, "农历除夕")
    assert cal.reason(D(2026, 2, 20))[1].startswith("春节假期")


def test_national_day_2026_with_sunday_20_september_and_saturday_10_october_working(cal):
    assert cal.is_working_day(D(2026, 9, 20)) and cal.is_working_day(D(2026, 10, 10))
    assert not any(cal.is_working_day(D(2026, 10, d)) for d in range(1, 8))
    assert cal.is_working_day(D(2026, 10, 8))
    assert cal.reason(D(2026, 10, 10)) == (Reason.MAKE_UP, "国庆节调休上班")
    assert cal.reason(D(2026, 10, 1)) == (Reason.HOLIDAY, "国庆节")
    assert cal.reason(D(2026, 10, 4)) == (Reason.WEEKEND, "周日休息")


def test_n_th_working_day_after_start_never_counts_the_start(cal):
    assert cal.add_working_days(D(2026, 9, 28), 15) == D(2026, 10, 23)
    assert cal.add_working_days(D(2026, 2, 13), 15) == D(2026, 3, 12)
    assert cal.add_working_days(D(2026, 9, 28), 1) == D(2026, 9, 29)
    assert cal.add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 3)


def test_working_days_between_counts_after_a_up_to_and_including_b(cal):
    assert cal.working_days_between(D(2026, 9, 28), D(2026, 10, 23)) == 15
    assert cal.working_days_between(D(2026, 10, 23), D(2026, 9, 28)) == -15
    assert cal.working_days_between(D(2026, 10, 1), D(2026, 10, 7)) == 0


def test_dates_outside_2000_to_2040_are_refused_in_chinese(cal):
    with pytest.raises(CalendarError, match="超出了工作日历支持的范围"):
        cal.add_working_days(D(1999, 12, 31), 5)
    with pytest.raises(CalendarError, match="超出了工作日历支持的范围"):
        cal.add_working_days(D(2040, 12, 20), 15)
    with pytest.raises(CalendarError, match="超出了工作日历支持的范围"):
        cal.is_working_day(D(2041, 1, 1))


@pytest.mark.parametrize("n", [-1, 1001, 10**9, 1.5, "15", True])
def test_negative_or_absurd_numbers_of_days_are_refused(cal, n):
    with pytest.raises(CalendarError, match="工作日数"):
        cal.add_working_days(D(2026, 9, 28), n)


def test_a_datetime_is_a_programming_error_not_silently_a_date(cal):
    with pytest.raises(TypeError, match="beijing_date"):
        cal.add_working_days(datetime.datetime(2026, 9, 28, 23, 30), 15)


def test_override_makes_a_day_working_or_off_and_says_why():
    cal = WorkdayIndex(
        overrides=[
            OverrideDay(D(2026, 10, 8), False, "防汛停工", "吉政办明电〔2026〕3号"),
            OverrideDay(D(2026, 10, 11), True, "补班"),
        ]
    )
    assert not cal.is_working_day(D(2026, 10, 8)) and cal.is_working_day(D(2026, 10, 11))
    assert cal.reason(D(2026, 10, 8)) == (Reason.OVERRIDE_DAY_OFF, "管理员设为休息：防汛停工，吉政办明电〔2026〕3号")
    assert cal.base_is_working_day(D(2026, 10, 8))
    # 10-08 is lost and 10-11 gained: the reply still falls on 10-23.
    assert cal.add_working_days(D(2026, 9, 28), 15) == D(2026, 10, 23)
    assert cal.add_working_days(D(2026, 9, 28), 3) == D(2026, 10, 9)


def test_years_after_the_installed_notices_are_provisional(cal):
    assert 2026 in library_confirmed_years() and 2027 not in library_confirmed_years()
    assert cal.is_provisional_year(2027) and not cal.is_provisional_year(2026)
    assert cal.provisional_years_in(D(2026, 12, 1), D(2028, 1, 5)) == [2027, 2028]
    assert not WorkdayIndex(confirmed_years=[2027]).is_provisional_year(2027)


def test_bulk_takes_arrays_or_lists_and_gives_the_same_as_one_at_a_time(cal):
    starts = np.array(["2026-09-28", "2026-02-13", "2026-12-31"], dtype="datetime64[D]")
    dues = cal.add_working_days_bulk(starts, 15)
    assert dues.dtype == np.dtype("datetime64[D]")
    assert dues.tolist() == [D(2026, 10, 23), D(2026, 3, 12), cal.add_working_days(D(2026, 12, 31), 15)]
    assert cal.add_working_days_bulk([D(2026, 9, 28), D(2026, 9, 28)], [15, 0]) == [D(2026, 10, 23), D(2026, 9, 28)]


def test_bulk_refuses_the_whole_call_naming_the_bad_element(cal):
    with pytest.raises(CalendarError, match="第2个起始日期1999-01-01"):
        cal.add_working_days_bulk([D(2026, 1, 5), D(1999, 1, 1)], 5)
    with pytest.raises(CalendarError, match="第1项的工作日数-3"):
        cal.add_working_days_bulk([D(2026, 1, 5)], [-3])
    with pytest.raises(CalendarError, match="整数"):
        cal.add_working_days_bulk([D(2026, 1, 5)], 1.5)
