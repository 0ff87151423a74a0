"""The working-day index: every day from 2000 to 2040, working or not, and why.

Built once per process from `holidays.China` plus the administrators'
overrides (see `calendars.current`), then read without touching the database.
For each day it keeps how many working days fall on or before it (`cum`) and
the sorted ordinals of all working days (`work`), so:

- the n-th working day after `start` is `work[cum[start] + n - 1]`;
- the working days in (a, b] are `cum[b] - cum[a]`.

Each is kept twice: as Python lists for one date at a time (indexing a list
is several times faster than indexing a numpy array from Python) and as numpy
arrays for bulk calls.
"""

import dataclasses
import datetime
import functools
import numbers
import re
from collections.abc import Iterable, Sequence

import holidays
import numpy as np
from holidays.countries.china import ChinaStaticHolidays

from calendars.errors import CalendarError

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2040, 12, 31)
FIRST_YEAR, LAST_YEAR = FIRST_DAY.year, LAST_DAY.year
# Larger than any time limit in law (the longest are a few months); a bigger
# number is a typing error, not a deadline.
MAX_WORKING_DAYS = 1000

_FIRST_ORD = FIRST_DAY.toordinal()
_SIZE = LAST_DAY.toordinal() - _FIRST_ORD + 1
# numpy's datetime64[D] counts days from 1970-01-01.
_EPOCH_ORD = datetime.date(1970, 1, 1).toordinal()
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class Reason:
    """Why a day is or is not a working day (codes shown by `explain`)."""

    WORKDAY = "workday"  # Monday to Friday, nothing special
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # a public holiday or a day off swapped for a make-up day
    MAKE_UP = "make_up"  # a weekend day declared a working day (调休上班)
    OVERRIDE_WORKING = "override_working"
    OVERRIDE_DAY_OFF = "override_day_off"


@dataclasses.dataclass(frozen=True)
class OverrideDay:
    date: datetime.date
    working: bool
    reason: str
    notice_ref: str = ""


def supported_range_text() -> str:
    first, last = FIRST_DAY, LAST_DAY
    return f"{first.year}年{first.month}月{first.day}日至{last.year}年{last.month}月{last.day}日"


def library_confirmed_years() -> frozenset[int]:
    """Years whose official notice the installed `holidays` data includes.

    The package follows the State Council notices from 2001 (its own stated
    limitation) up to the last year it lists make-up working days for; later
    years it only estimates from the lunar calendar.
    """
    known = ChinaStaticHolidays.special_public_holidays
    return frozenset(range(2001, max(known) + 1))


@dataclasses.dataclass(frozen=True)
class _Base:
    working: bytes  # one byte per day, 1 = working
    reasons: dict  # ordinal -> (Reason code, text), only for days that are not plain


@functools.cache
def _base() -> _Base:
    """What `holidays.China` alone says about every day in range (built once)."""
    # One year past the end: a notice can declare a make-up day in the last
    # days of the year before it (e.g. 2001-12-29 for New Year 2002).
    lib = holidays.China(years=range(FIRST_YEAR, LAST_YEAR + 2), language="zh_CN")
    makeup_swaps = _makeup_festivals(lib)
    working = bytearray(_SIZE)
    reasons = {}
    for i in range(_SIZE):
        day = datetime.date.fromordinal(_FIRST_ORD + i)
        if day.weekday() >= 5:
            if day in lib.weekend_workdays:
                working[i] = 1
                festival = makeup_swaps.get(day)
                text = f"{festival}调休上班" if festival else "调休上班"
                reasons[_FIRST_ORD + i] = (Reason.MAKE_UP, text)
            elif day in lib:
                reasons[_FIRST_ORD + i] = (Reason.HOLIDAY, _holiday_text(lib, day))
        elif day in lib:
            reasons[_FIRST_ORD + i] = (Reason.HOLIDAY, _holiday_text(lib, day))
        else:
            working[i] = 1
    return _Base(working=bytes(working), reasons=reasons)


_SWAP_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _festival_near(lib, day: datetime.date) -> str:
    """The festival whose holiday block a swapped day off belongs to."""
    for distance in range(1, 8):
        for candidate in (day - datetime.timedelta(days=distance), day + datetime.timedelta(days=distance)):
            for name in lib.get_list(candidate):
                if "调休" not in name:
                    # "国庆节（补假）" -> "国庆节"
                    return re.sub(r"（.*?）", "", name)
    return ""


def _makeup_festivals(lib) -> dict:
    """Map each make-up working day to the festival it was swapped for.

    The package names the swapped day off "休息日（由 2026-02-14 调休）"; the
    festival is the nearest real holiday to that day off.
    """
    festivals = {}
    for day, names in lib.items():
        for name in names.split("; "):
            if "调休" in name:
                match = _SWAP_DATE.search(name)
                if match:
                    festivals[datetime.date.fromisoformat(match.group())] = _festival_near(lib, day)
    return festivals


def _holiday_text(lib, day: datetime.date) -> str:
    names = lib.get_list(day)
    text = "、".join(names)
    if any("调休" in name for name in names):
        festival = _festival_near(lib, day)
        if festival:
            text = f"{festival}假期，{text}"
    return text


class WorkdayIndex:
    """An immutable snapshot of the calendar: one version of overrides and years."""

    def __init__(
        self,
        *,
        overrides: Iterable[OverrideDay] = (),
        confirmed_years: Iterable[int] = (),
        token: str = "",
    ):
        base = _base()
        working = bytearray(base.working)
        self.overrides: dict[int, OverrideDay] = {}
        for override in overrides:
            ordinal = override.date.toordinal()
            _check_in_range(override.date, "调整日期")
            working[ordinal - _FIRST_ORD] = 1 if override.working else 0
            self.overrides[ordinal] = override
        self.token = token
        self.confirmed_years = library_confirmed_years() | frozenset(confirmed_years)
        self._base_reasons = base.reasons
        self._working_np = np.frombuffer(bytes(working), dtype=np.uint8).astype(bool)
        self._cum_np = np.cumsum(self._working_np, dtype=np.int64)
        self._work_np = np.flatnonzero(self._working_np).astype(np.int64) + _FIRST_ORD
        # Python copies for the scalar path (see the module docstring).
        self._working = bytes(working)
        self._cum = self._cum_np.tolist()
        self._work_dates = [datetime.date.fromordinal(o) for o in self._work_np.tolist()]
        self._nwork = len(self._work_dates)

    # -- one date at a time ------------------------------------------------

    def is_working_day(self, day: datetime.date) -> bool:
        return bool(self._working[_index_of(day)])

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `start` (`start` itself never counts)."""
        # The common case inline (this is the hot path of every due date);
        # anything unusual goes through the full checks below.
        if type(start) is datetime.date and type(n) is int and 0 < n <= MAX_WORKING_DAYS:
            i = start.toordinal() - _FIRST_ORD
            if 0 <= i < _SIZE:
                k = self._cum[i] + n - 1
                if k < self._nwork:
                    return self._work_dates[k]
        i = _index_of(start)
        n = _checked_n(n)
        if n == 0:
            return start
        k = self._cum[i] + n - 1
        if k >= self._nwork:
            raise CalendarError(
                f"从{start:%Y-%m-%d}起第{n}个工作日超出了工作日历支持的范围（{supported_range_text()}）。"
            )
        return self._work_dates[k]

    def working_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """Working days after `a` up to and including `b` (negative if b < a)."""
        return self._cum[_index_of(b)] - self._cum[_index_of(a)]

    def working_days_in(self, first: datetime.date, last: datetime.date) -> int:
        """Working days from `first` to `last`, both included (0 if last < first)."""
        if last < first:
            return 0
        return self._cum[_index_of(last)] - self._cum[_index_of(first)] + self._working[_index_of(first)]

    def reason(self, day: datetime.date) -> tuple[str, str]:
        """(Reason code, Chinese text) saying why `day` is or is not a working day."""
        i = _index_of(day)
        ordinal = day.toordinal()
        override = self.overrides.get(ordinal)
        if override is not None:
            ref = f"，{override.notice_ref}" if override.notice_ref else ""
            if override.working:
                return Reason.OVERRIDE_WORKING, f"管理员设为上班：{override.reason}{ref}"
            return Reason.OVERRIDE_DAY_OFF, f"管理员设为休息：{override.reason}{ref}"
        if ordinal in self._base_reasons:
            return self._base_reasons[ordinal]
        if self._working[i]:
            return Reason.WORKDAY, "工作日"
        return Reason.WEEKEND, f"{WEEKDAYS[day.weekday()]}休息"

    def base_is_working_day(self, day: datetime.date) -> bool:
        """What `holidays.China` says, ignoring every override."""
        return bool(_base().working[_index_of(day)])

    def is_provisional_year(self, year: int) -> bool:
        return year not in self.confirmed_years

    def provisional_years_in(self, first: datetime.date, last: datetime.date) -> list[int]:
        """Provisional years among those from `first` to `last`."""
        return [y for y in range(first.year, last.year + 1) if y not in self.confirmed_years]

    # -- many dates at once ------------------------------------------------

    def add_working_days_bulk(self, starts, n):
        """`add_working_days` for many starts at once.

        `starts` is a numpy datetime64 array (the answer is a datetime64[D]
        array) or a sequence of dates (the answer is a list of dates); `n` is
        one number for all or one per start. All are checked before any is
        computed, so a bad element refuses the whole call.
        """
        as_array = isinstance(starts, np.ndarray)
        if len(starts) == 0:
            return np.array([], dtype="datetime64[D]") if as_array else []
        if as_array:
            ordinals = starts.astype("datetime64[D]").astype(np.int64) + _EPOCH_ORD
        else:
            ordinals = _ordinals_of(starts)
        counts = np.broadcast_to(np.asarray(n), ordinals.shape)
        if counts.dtype.kind not in "iu":
            raise CalendarError("工作日数应为整数。")
        counts = counts.astype(np.int64)
        idx = ordinals - _FIRST_ORD
        bad = np.flatnonzero((idx < 0) | (idx >= _SIZE))
        if bad.size:
            first = datetime.date.fromordinal(int(ordinals[bad[0]]))
            raise CalendarError(
                f"第{bad[0] + 1}个起始日期{first:%Y-%m-%d}超出了工作日历支持的范围（{supported_range_text()}）。"
            )
        bad = np.flatnonzero((counts < 0) | (counts > MAX_WORKING_DAYS))
        if bad.size:
            raise CalendarError(
                f"第{bad[0] + 1}项的工作日数{counts[bad[0]]}无效：应为0到{MAX_WORKING_DAYS}之间的整数。"
            )
        k = self._cum_np[idx] + counts - 1
        bad = np.flatnonzero(k >= self._nwork)
        if bad.size:
            raise CalendarError(
                f"第{bad[0] + 1}项的计算结果超出了工作日历支持的范围（{supported_range_text()}）。"
            )
        dues = np.where(counts == 0, ordinals, self._work_np[np.clip(k, 0, None)])
        if as_array:
            return (dues - _EPOCH_ORD).astype("datetime64[D]")
        return [datetime.date.fromordinal(o) for o in dues.tolist()]


def _ordinals_of(starts: Sequence[datetime.date]) -> np.ndarray:
    try:
        return np.fromiter((d.toordinal() for d in starts), dtype=np.int64, count=len(starts))
    except AttributeError:
        raise CalendarError("起始日期应为日期。") from None


def _check_in_range(day: datetime.date, label: str = "日期") -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CalendarError(f"{label}{day:%Y-%m-%d}超出了工作日历支持的范围（{supported_range_text()}）。")


def _index_of(day: datetime.date) -> int:
    if type(day) is not datetime.date:
        if isinstance(day, datetime.datetime):
            # Which date a moment falls on depends on the zone: say so explicitly.
            raise TypeError("pass a date; convert datetimes with calendars.clock.beijing_date()")
        raise TypeError(f"expected a date, got {type(day).__name__}")
    i = day.toordinal() - _FIRST_ORD
    if not 0 <= i < _SIZE:
        _check_in_range(day)
    return i


def _checked_n(n: int) -> int:
    if type(n) is not int:
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise CalendarError(f"工作日数“{n}”无效：应为0到{MAX_WORKING_DAYS}之间的整数。")
        n = int(n)
    if not 0 <= n <= MAX_WORKING_DAYS:
        raise CalendarError(f"工作日数“{n}”无效：应为0到{MAX_WORKING_DAYS}之间的整数。")
    return n
