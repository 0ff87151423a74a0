"""Import a whole year's State Council holiday notice (国务院办公厅关于××年部分节假日安排的通知).

The administrator pastes or uploads one line per day or range of days:

    # 日期或日期区间  休/班  名称
    2027-01-01          休    元旦
    2027-02-06~2027-02-12 休  春节
    2027-02-14          班    春节调休上班

A notice lists every day off and every make-up working day of its year, so it
decides the whole year: a listed date is what its line says, an unlisted
weekday is a working day and an unlisted weekend day is a day off. Importing
replaces every override of that year with the notice's days (plus a ruling
for each unlisted date on which `holidays.China` guesses otherwise) and marks
the year confirmed. `notice_import_preview` shows the differences first;
`notice_import_apply` applies them in one transaction, or nothing at all.
"""

import dataclasses
import datetime
import hashlib
import logging
import re

from django.db import transaction

from calendars.current import build_calendar, bump_version, current_calendar, lock_calendar
from calendars.errors import CalendarError
from calendars.index import FIRST_YEAR, LAST_YEAR, WEEKDAYS, OverrideDay, WorkdayIndex
from calendars.models import CalendarOverride, ConfirmedYear, DayKind
from calendars.services import CalendarChange, flipped_dates

logger = logging.getLogger(__name__)

_KINDS = {
    "休": False, "休息": False, "放假": False, "假": False, "off": False, "day_off": False,
    "班": True, "上班": True, "work": True, "working": True,
}
_DATE = r"(\d{4})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})日?"
_LINE = re.compile(
    rf"^\s*{_DATE}\s*(?:(?:~|～|至|到|--)\s*{_DATE})?\s*[,，、\t ]\s*([^\s,，、]+)\s*(?:[,，、\t ]\s*(.*?))?\s*$"
)
# A holiday block is at most a couple of weeks (the longest, Spring Festival
# 2020 extended for Covid, was ten days); a longer range is a typing error.
_MAX_RANGE_DAYS = 31
DEFAULT_NAMES = {False: "放假", True: "调休上班"}


@dataclasses.dataclass(frozen=True)
class NoticeDay:
    date: datetime.date
    working: bool
    name: str
    line_no: int


@dataclasses.dataclass(frozen=True)
class DayDiff:
    date: datetime.date
    before_working: bool
    before_reason: str
    after_working: bool
    after_reason: str

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]


@dataclasses.dataclass(frozen=True)
class NoticeDiff:
    """What importing a notice would change, for the administrator to review."""

    year: int
    notice_ref: str
    fingerprint: str  # of the calendar version and the input the preview was computed on
    days: tuple[DayDiff, ...]  # dates whose working status would flip
    overrides_added: tuple[datetime.date, ...]
    overrides_changed: tuple[datetime.date, ...]
    overrides_removed: tuple[datetime.date, ...]
    listed_days_off: int
    listed_working_days: int
    was_provisional: bool

    @property
    def changes_anything(self) -> bool:
        return bool(self.days or self.overrides_added or self.overrides_changed or self.overrides_removed)


def parse_notice(text: str, *, year: int) -> list[NoticeDay]:
    """Read the notice's lines; refuse them all, with every line's fault, if any is wrong."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarError(f"年份{year}超出了工作日历支持的范围（{FIRST_YEAR}年至{LAST_YEAR}年）。")
    errors: list[str] = []
    days: dict[datetime.date, NoticeDay] = {}
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            errors.append(f"第{line_no}行“{line}”格式不对：应为“日期（或日期~日期） 休/班 名称”。")
            continue
        y1, m1, d1, y2, m2, d2, kind_text, name = match.groups()
        try:
            first = datetime.date(int(y1), int(m1), int(d1))
            last = datetime.date(int(y2), int(m2), int(d2)) if y2 else first
        except ValueError:
            errors.append(f"第{line_no}行的日期不存在：“{line}”。")
            continue
        working = _KINDS.get(kind_text.lower())
        if working is None:
            errors.append(f"第{line_no}行的类型“{kind_text}”无法识别：应为“休”或“班”。")
            continue
        if last < first:
            errors.append(f"第{line_no}行的日期区间开始晚于结束。")
            continue
        if (last - first).days >= _MAX_RANGE_DAYS:
            errors.append(f"第{line_no}行的日期区间超过{_MAX_RANGE_DAYS}天，请检查。")
            continue
        if first.year != year or last.year != year:
            errors.append(
                f"第{line_no}行的日期不在{year}年内。跨年的调休日请在“单日调整”中逐日录入。"
            )
            continue
        name = (name or "").strip() or DEFAULT_NAMES[working]
        if len(name) > 200:
            errors.append(f"第{line_no}行的名称过长（最多200字）。")
            continue
        day = first
        while day <= last:
            earlier = days.get(day)
            if earlier is not None and earlier.working != working:
                errors.append(
                    f"第{line_no}行与第{earlier.line_no}行对{day:%Y-%m-%d}的规定相互矛盾"
                    f"（一行为“休”，一行为“班”）。"
                )
            elif earlier is None:
                days[day] = NoticeDay(date=day, working=working, name=name, line_no=line_no)
            day += datetime.timedelta(days=1)
    if errors:
        raise CalendarError(errors)
    if not days:
        raise CalendarError("没有读到任何日期：请每行填写一个日期（或日期区间）和“休”或“班”。")
    return sorted(days.values(), key=lambda d: d.date)


def _year_days(year: int):
    day, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def _wanted_overrides(days: list[NoticeDay], *, year: int, calendar: WorkdayIndex) -> dict:
    """The override rows the year should have: date -> (working, reason)."""
    listed = {d.date: d for d in days}
    wanted = {}
    for day in _year_days(year):
        if day in listed:
            wanted[day] = (listed[day].working, listed[day].name)
            continue
        plain_working = day.weekday() < 5
        if calendar.base_is_working_day(day) != plain_working:
            # The holidays package guesses a holiday (or a make-up day) the
            # notice does not have: rule it explicitly so the notice wins.
            wanted[day] = (plain_working, "放假通知未列为假日" if plain_working else "放假通知未列为调休上班日")
    return wanted


def _simulated(calendar: WorkdayIndex, year: int, wanted: dict, notice_ref: str) -> WorkdayIndex:
    kept = [o for o in calendar.overrides.values() if o.date.year != year]
    new = [OverrideDay(date=d, working=w, reason=r, notice_ref=notice_ref) for d, (w, r) in wanted.items()]
    years = calendar.confirmed_years | {year}
    return WorkdayIndex(overrides=kept + new, confirmed_years=years, token="preview")


def notice_import_preview(*, year: int, text: str, notice_ref: str = "") -> NoticeDiff:
    """Say what importing `text` as `year`'s notice would change, changing nothing."""
    days = parse_notice(text, year=year)
    calendar = current_calendar(fresh=True)
    return _diff(calendar, days, year=year, notice_ref=notice_ref.strip())


def _fingerprint(*, token: str, year: int, notice_ref: str, days: list[NoticeDay]) -> str:
    """Identify one preview: the calendar it was computed on and the days it would apply.

    Taken over the parsed days rather than the raw text, so that line endings
    changed by a browser's round trip do not matter but any change of a day does.
    """
    parts = [token, str(year), notice_ref.strip()] + [f"{d.date}:{d.working}:{d.name}" for d in days]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _diff(calendar: WorkdayIndex, days: list[NoticeDay], *, year: int, notice_ref: str) -> NoticeDiff:
    wanted = _wanted_overrides(days, year=year, calendar=calendar)
    after = _simulated(calendar, year, wanted, notice_ref)
    existing = {o.date: o for o in calendar.overrides.values() if o.date.year == year}
    return NoticeDiff(
        year=year,
        notice_ref=notice_ref,
        fingerprint=_fingerprint(token=calendar.token, year=year, notice_ref=notice_ref, days=days),
        days=tuple(
            DayDiff(
                d, calendar.is_working_day(d), calendar.reason(d)[1], after.is_working_day(d), after.reason(d)[1]
            )
            for d in flipped_dates(calendar, after, _year_days(year))
        ),
        overrides_added=tuple(sorted(set(wanted) - set(existing))),
        overrides_changed=tuple(
            sorted(
                d for d in set(wanted) & set(existing)
                if (existing[d].working, existing[d].reason, existing[d].notice_ref)
                != (wanted[d][0], wanted[d][1], notice_ref)
            )
        ),
        overrides_removed=tuple(sorted(set(existing) - set(wanted))),
        listed_days_off=sum(1 for d in days if not d.working),
        listed_working_days=sum(1 for d in days if d.working),
        was_provisional=calendar.is_provisional_year(year),
    )


@transaction.atomic
def notice_import_apply(
    *, year: int, text: str, notice_ref: str, acting_user=None, expected_fingerprint: str | None = None
) -> CalendarChange:
    """Replace `year`'s overrides with the notice's days and mark the year confirmed.

    `expected_fingerprint` is that of the preview the administrator saw; if
    the calendar or the input changed since, nothing is applied and the
    preview must be redone, so what is applied is exactly what was shown.
    """
    notice_ref = notice_ref.strip()
    if not notice_ref:
        raise CalendarError({"notice_ref": "请填写放假通知的文号，例如：国办发明电〔2026〕12号。"})
    if len(notice_ref) > 100:
        raise CalendarError({"notice_ref": "文号过长（最多100字）。"})
    days = parse_notice(text, year=year)
    lock_calendar()
    before = build_calendar()
    if expected_fingerprint is not None and expected_fingerprint != _fingerprint(
        token=before.token, year=year, notice_ref=notice_ref, days=days
    ):
        raise CalendarError("预览之后工作日历或导入内容已有改变，本次未导入任何内容。请重新预览后再确认导入。")
    wanted = _wanted_overrides(days, year=year, calendar=before)
    CalendarOverride.objects.filter(date__year=year).delete()
    CalendarOverride.objects.bulk_create(
        CalendarOverride(
            date=day, kind=DayKind.WORKING if working else DayKind.DAY_OFF, reason=reason[:200],
            notice_ref=notice_ref, created_by=acting_user,
        )
        for day, (working, reason) in sorted(wanted.items())
    )
    ConfirmedYear.objects.update_or_create(
        year=year, defaults={"notice_ref": notice_ref, "confirmed_by": acting_user}
    )
    bump_version()
    after = build_calendar()
    logger.info("holiday notice %s imported for %s by %s", notice_ref, year, acting_user)
    return CalendarChange(
        dates=flipped_dates(before, after, _year_days(year)),
        confirmed_years=(year,) if before.is_provisional_year(year) else (),
    )
