import datetime

import holidays
import pytest
from hypothesis import given, settings, strategies as st

from calendars.arithmetic import (
    add_working_days,
    add_working_days_paused,
    due_date,
    is_working_day,
    normalise_paused,
    provisional_warning_years,
    working_days_between,
    working_days_between_paused,
)
from calendars.errors import CalendarError
from calendars.index import OverrideDay, WorkdayIndex

D = datetime.date
LIB = holidays.China(years=range(1999, 2042))
PLAIN = WorkdayIndex()


def reference_is_working(day, overrides=None):
    if overrides and day in overrides:
        return overrides[day]
    return LIB.is_working_day(day)


def reference_add(start, n, paused=(), overrides=None):
    """Walk day by day: the plainest possible statement of the rule."""
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if reference_is_working(day, overrides) and not any(a <= day <= b for a, b in paused):
            counted += 1
    return day


def reference_between(a, b, paused=()):
    step = 1 if b >= a else -1
    lo, hi = (a, b) if b >= a else (b, a)
    count, day = 0, lo
    while day < hi:
        day += datetime.timedelta(days=1)
        if reference_is_working(day) and not any(x <= day <= y for x, y in paused):
            count += 1
    return step * count


def test_reply_to_objection_received_28_september_2026_is_due_23_october():
    assert add_working_days(D(2026, 9, 28), 15, calendar=PLAIN) == D(2026, 10, 23)


def test_reply_due_skips_spring_festival_and_counts_make_up_saturday_28_february():
    assert add_working_days(D(2026, 2, 13), 15, calendar=PLAIN) == D(2026, 3, 12)
    assert add_working_days(D(2026, 2, 13), 1, calendar=PLAIN) == D(2026, 2, 14)  # make-up Saturday
    assert add_working_days(D(2026, 2, 14), 1, calendar=PLAIN) == D(2026, 2, 24)
    assert add_working_days(D(2026, 2, 24), 4, calendar=PLAIN) == D(2026, 2, 28)


def test_national_day_2026_counts_sunday_20_september_and_saturday_10_october():
    assert add_working_days(D(2026, 9, 19), 1, calendar=PLAIN) == D(2026, 9, 20)
    assert add_working_days(D(2026, 9, 30), 1, calendar=PLAIN) == D(2026, 10, 8)
    assert add_working_days(D(2026, 10, 9), 1, calendar=PLAIN) == D(2026, 10, 10)


def test_counting_across_the_new_year_skips_new_years_day():
    # 2025-12-31 (Wed): 2026-01-01 and 01-02 are off, Sunday 01-04 is a make-up day.
    assert add_working_days(D(2025, 12, 31), 1, calendar=PLAIN) == D(2026, 1, 4)
    assert add_working_days(D(2025, 12, 30), 2, calendar=PLAIN) == D(2026, 1, 4)
    assert working_days_between(D(2025, 12, 26), D(2026, 1, 5), calendar=PLAIN) == 5  # 12-29…31, 01-04, 01-05


def test_default_calendar_is_the_one_in_the_database(db):
    assert add_working_days(D(2026, 9, 28), 15) == D(2026, 10, 23)
    assert is_working_day(D(2026, 10, 10))


def test_paused_working_days_are_added_back():
    # Clock stood still 10-12 … 10-14 (three working days): due three working days later.
    paused = [(D(2026, 10, 12), D(2026, 10, 14))]
    assert add_working_days_paused(D(2026, 9, 28), 15, paused=paused, calendar=PLAIN) == D(2026, 10, 28)
    assert working_days_between_paused(D(2026, 9, 28), D(2026, 10, 28), paused=paused, calendar=PLAIN) == 15


def test_a_pause_over_the_holiday_adds_back_only_working_days():
    paused = [(D(2026, 9, 30), D(2026, 10, 8))]  # 09-30 and 10-08 are working, the rest holiday
    assert add_working_days_paused(D(2026, 9, 28), 15, paused=paused, calendar=PLAIN) == D(2026, 10, 27)


def test_overlapping_pauses_count_each_day_once_and_bad_pauses_are_refused():
    assert normalise_paused([(D(2026, 1, 5), D(2026, 1, 9)), (D(2026, 1, 8), D(2026, 1, 12))]) == [
        (D(2026, 1, 5), D(2026, 1, 12))
    ]
    with pytest.raises(CalendarError, match="晚于"):
        normalise_paused([(D(2026, 1, 9), D(2026, 1, 5))])
    with pytest.raises(CalendarError, match="恢复计时"):
        normalise_paused([(D(2026, 1, 9), None)])


def test_due_date_counted_through_a_provisional_year_is_provisional():
    assert not due_date(start=D(2026, 9, 28), working_days=15, calendar=PLAIN).provisional
    across = due_date(start=D(2026, 12, 28), working_days=15, calendar=PLAIN)
    assert across.date.year == 2027 and across.provisional_years == (2027,)
    confirmed = WorkdayIndex(confirmed_years=[2027])
    assert not due_date(start=D(2026, 12, 28), working_days=15, calendar=confirmed).provisional


def test_administrators_are_warned_from_november_when_next_year_is_provisional():
    assert provisional_warning_years(today=D(2026, 10, 31), calendar=PLAIN) == []
    assert provisional_warning_years(today=D(2026, 11, 1), calendar=PLAIN) == [2027]
    assert provisional_warning_years(today=D(2027, 1, 15), calendar=PLAIN) == [2027]
    assert provisional_warning_years(today=D(2026, 11, 1), calendar=WorkdayIndex(confirmed_years=[2027])) == []


dates = st.dates(min_value=D(2000, 4, 1), max_value=D(2039, 6, 30))


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=120))
def test_add_and_between_agree_with_walking_day_by_day(start, n):
    due = add_working_days(start, n, calendar=PLAIN)
    assert due == reference_add(start, n)
    assert working_days_between(start, due, calendar=PLAIN) == n
    assert due == LIB.get_nth_working_day(start, n) or n == 0


@settings(max_examples=200, deadline=None)
@given(a=dates, span=st.integers(min_value=-90, max_value=90))
def test_between_agrees_with_walking_day_by_day(a, span):
    b = a + datetime.timedelta(days=span)
    assert working_days_between(a, b, calendar=PLAIN) == reference_between(a, b)


pauses = st.lists(
    st.tuples(st.integers(min_value=-5, max_value=60), st.integers(min_value=0, max_value=20)), max_size=3
)


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=60), raw=pauses)
def test_paused_add_and_between_agree_with_walking_day_by_day(start, n, raw):
    paused = [
        (start + datetime.timedelta(days=offset), start + datetime.timedelta(days=offset + length))
        for offset, length in raw
    ]
    due = add_working_days_paused(start, n, paused=paused, calendar=PLAIN)
    assert due == reference_add(start, n, paused)
    assert working_days_between_paused(start, due, paused=paused, calendar=PLAIN) == n


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31)),
    n=st.integers(min_value=1, max_value=40),
    flips=st.dictionaries(st.dates(min_value=D(2026, 1, 1), max_value=D(2027, 3, 31)), st.booleans(), max_size=10),
)
def test_with_overrides_add_agrees_with_walking_day_by_day(start, n, flips):
    cal = WorkdayIndex(overrides=[OverrideDay(d, w, "测试") for d, w in flips.items()])
    assert add_working_days(start, n, calendar=cal) == reference_add(start, n, overrides=flips)
