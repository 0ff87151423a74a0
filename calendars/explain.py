"""How a due date was computed, day by day, for staff and subjects alike."""

import dataclasses
import datetime

from calendars.arithmetic import PausedSpans, add_working_days_paused, resolve_calendar, normalise_paused
from calendars.index import WEEKDAYS, Reason, WorkdayIndex


@dataclasses.dataclass(frozen=True)
class ExplainedDay:
    date: datetime.date
    counted: bool
    number: int | None  # 1 … n for counted days
    reason_code: str  # a calendars.index.Reason, or "start" / "paused"
    reason: str  # in Chinese
    provisional: bool  # the day's year is provisional

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]


@dataclasses.dataclass(frozen=True)
class Explanation:
    start: datetime.date
    working_days: int
    due: datetime.date
    days: tuple[ExplainedDay, ...]
    provisional_years: tuple[int, ...]

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def due_weekday(self) -> str:
        return WEEKDAYS[self.due.weekday()]

    @property
    def skipped(self) -> int:
        return sum(1 for d in self.days[1:] if not d.counted)


def explain(
    start: datetime.date, n: int, *, paused: PausedSpans = (), calendar: WorkdayIndex | None = None
) -> Explanation:
    """List every day from `start` to the due date: counted or skipped, and why."""
    cal = resolve_calendar(calendar)
    spans = normalise_paused(paused)
    due = add_working_days_paused(start, n, paused=spans, calendar=cal)
    days = [
        ExplainedDay(
            date=start, counted=False, number=None, reason_code="start",
            reason="收到之日，不计入（自次日起算）", provisional=cal.is_provisional_year(start.year),
        )
    ]
    number = 0
    day = start
    while day < due:
        day += datetime.timedelta(days=1)
        code, text = cal.reason(day)
        provisional = cal.is_provisional_year(day.year)
        working = cal.is_working_day(day)
        if working and any(first <= day <= last for first, last in spans):
            days.append(ExplainedDay(day, False, None, "paused", f"计时中止期间，不计入（{text}）", provisional))
        elif working:
            number += 1
            days.append(ExplainedDay(day, True, number, code, text, provisional))
        else:
            days.append(ExplainedDay(day, False, None, code, text, provisional))
    years = cal.provisional_years_in(min(due, start + datetime.timedelta(days=1)), due)
    return Explanation(start=start, working_days=n, due=due, days=tuple(days), provisional_years=tuple(years))


def explanation_lines(explanation: Explanation) -> list[str]:
    """The explanation as plain text lines (the CLI prints these)."""
    lines = []
    for d in explanation.days:
        if d.counted:
            what = f"第{d.number}个工作日"
            if d.reason_code != Reason.WORKDAY:
                what += f"（{d.reason}）"
        elif d.reason_code == "start":
            what = d.reason
        else:
            what = f"不计：{d.reason}"
        mark = "  [暂定]" if d.provisional else ""
        lines.append(f"{d.date:%Y-%m-%d} {d.weekday}  {what}{mark}")
    lines.append(
        f"到期日：{explanation.due:%Y-%m-%d}（{explanation.due_weekday}），"
        f"共{explanation.working_days}个工作日，跳过{explanation.skipped}天。"
    )
    if explanation.provisional:
        years = "、".join(f"{y}年" for y in explanation.provisional_years)
        lines.append(f"注意：{years}的放假安排尚未确认，此到期日为暂定，可能随国务院放假通知调整。")
    return lines
