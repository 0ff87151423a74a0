"""Deadline arithmetic in working days.

Pure functions of dates: "today" and the calendar are passed in (the
calendar defaults to the one in force, `calendars.current.current_calendar`).

The rule everywhere: the day something was received is never counted
(自接到之日起 … 个工作日内 means the n-th working day *after* it), so an
objection received on Monday 2026-09-28 must be answered by 2026-10-23.

Paused spans are (first, last) pairs of dates, both included: working days
inside them do not count, so a deadline is pushed back by as many working
days as its clock stood still.
"""

import dataclasses
import datetime
from collections.abc import Iterable, Sequence

from calendars.current import current_calendar
from calendars.errors import CalendarError
from calendars.index import WorkdayIndex

PausedSpans = Iterable[tuple[datetime.date, datetime.date]]


def resolve_calendar(calendar: WorkdayIndex | None) -> WorkdayIndex:
    """The calendar given, or the one in force."""
    return calendar if calendar is not None else current_calendar()


def is_working_day(day: datetime.date, *, calendar: WorkdayIndex | None = None) -> bool:
    """Say whether government offices work on `day`."""
    return resolve_calendar(calendar).is_working_day(day)


def add_working_days(start: datetime.date, n: int, *, calendar: WorkdayIndex | None = None) -> datetime.date:
    """Return the n-th working day after `start`; `start` itself is never counted."""
    return (calendar if calendar is not None else current_calendar()).add_working_days(start, n)


def add_working_days_bulk(starts, n, *, calendar: WorkdayIndex | None = None):
    """Return the n-th working day after each of `starts` (see WorkdayIndex.add_working_days_bulk)."""
    return resolve_calendar(calendar).add_working_days_bulk(starts, n)


def working_days_between(a: datetime.date, b: datetime.date, *, calendar: WorkdayIndex | None = None) -> int:
    """Count the working days after `a` up to and including `b` (negative when b is before a)."""
    return resolve_calendar(calendar).working_days_between(a, b)


def normalise_paused(paused: PausedSpans) -> list[tuple[datetime.date, datetime.date]]:
    """Check paused spans and merge overlapping ones, so no day is added back twice."""
    spans = []
    for span in paused:
        try:
            first, last = span
        except (TypeError, ValueError):
            raise CalendarError("计时中止区间应为“开始日期、结束日期”两个日期。") from None
        if first is None or last is None:
            raise CalendarError("计时仍处于中止状态，恢复计时后才能计算到期日。")
        if last < first:
            raise CalendarError(f"计时中止区间的开始日期{first:%Y-%m-%d}晚于结束日期{last:%Y-%m-%d}。")
        spans.append((first, last))
    spans.sort()
    merged: list[tuple[datetime.date, datetime.date]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _paused_working_days(
    cal: WorkdayIndex,
    spans: Sequence[tuple[datetime.date, datetime.date]],
    a: datetime.date,
    b: datetime.date,
) -> int:
    """Working days inside the spans that fall after `a` up to and including `b`."""
    total = 0
    for first, last in spans:
        lo = max(first, a + datetime.timedelta(days=1))
        hi = min(last, b)
        total += cal.working_days_in(lo, hi)
    return total


def add_working_days_paused(
    start: datetime.date, n: int, *, paused: PausedSpans = (), calendar: WorkdayIndex | None = None
) -> datetime.date:
    """Return the n-th working day after `start` that is not inside a paused span."""
    cal = resolve_calendar(calendar)
    spans = normalise_paused(paused)
    due = cal.add_working_days(start, n)
    # Each round moves `due` forward by exactly the shortfall of counted days,
    # which can never overshoot the answer; it stops when nothing is missing.
    while spans:
        counted = cal.working_days_between(start, due) - _paused_working_days(cal, spans, start, due)
        if counted >= n:
            break
        due = cal.add_working_days(due, n - counted)
    return due


def working_days_between_paused(
    a: datetime.date, b: datetime.date, *, paused: PausedSpans = (), calendar: WorkdayIndex | None = None
) -> int:
    """Count the working days after `a` up to `b` that are not inside a paused span."""
    cal = resolve_calendar(calendar)
    spans = normalise_paused(paused)
    if b < a:
        return -working_days_between_paused(b, a, paused=spans, calendar=cal)
    return cal.working_days_between(a, b) - _paused_working_days(cal, spans, a, b)


@dataclasses.dataclass(frozen=True)
class DueDate:
    date: datetime.date
    provisional_years: tuple[int, ...]

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


def due_date(
    *, start: datetime.date, working_days: int, paused: PausedSpans = (), calendar: WorkdayIndex | None = None
) -> DueDate:
    """Compute a due date and say whether it rests on a provisional year.

    A due date is provisional when it falls in, or is counted through, a year
    whose holiday notice is not confirmed: the days off of that year may still
    change, and with them the date.
    """
    cal = resolve_calendar(calendar)
    due = add_working_days_paused(start, working_days, paused=paused, calendar=cal)
    first_counted = min(due, start + datetime.timedelta(days=1))
    return DueDate(date=due, provisional_years=tuple(cal.provisional_years_in(first_counted, due)))


def provisional_warning_years(*, today: datetime.date, calendar: WorkdayIndex | None = None) -> list[int]:
    """Years an administrator should be warned about on `today`.

    The coming year from November on (the State Council usually publishes its
    notice in late October or November), and the current year for as long as
    it is still provisional.
    """
    cal = resolve_calendar(calendar)
    years = [today.year]
    if today.month >= 11:
        years.append(today.year + 1)
    return [y for y in years if cal.is_provisional_year(y)]
