"""Writes to the calendar: administrators' overrides of single dates.

Every write locks the calendar's version row, changes the rows, bumps the
version and returns a `CalendarChange` naming the dates whose working status
actually changed, so the caller can recompute the deadlines that count
through them (that lives in `casework`, which calendars must not import).
"""

import dataclasses
import datetime
import logging

from django.db import transaction

from calendars.current import build_calendar, bump_version, lock_calendar
from calendars.errors import CalendarError
from calendars.index import FIRST_DAY, LAST_DAY, WorkdayIndex, supported_range_text
from calendars.models import CalendarOverride, DayKind

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class CalendarChange:
    """What a calendar write changed."""

    dates: tuple[datetime.date, ...] = ()  # dates whose working status flipped
    confirmed_years: tuple[int, ...] = ()  # years that became confirmed

    def __bool__(self):
        return bool(self.dates or self.confirmed_years)


def flipped_dates(before: WorkdayIndex, after: WorkdayIndex, days) -> tuple[datetime.date, ...]:
    return tuple(sorted(d for d in days if before.is_working_day(d) != after.is_working_day(d)))


def _check_date(on: datetime.date) -> None:
    if not FIRST_DAY <= on <= LAST_DAY:
        raise CalendarError({"date": f"日期{on:%Y-%m-%d}超出了工作日历支持的范围（{supported_range_text()}）。"})


@transaction.atomic
def calendar_override_set(
    *, on: datetime.date, kind: str, reason: str, notice_ref: str = "", acting_user=None
) -> CalendarChange:
    """Make `on` a working day or a day off, whatever `holidays.China` says.

    An override that contradicts the one already set for the same date is
    refused: the administrator deletes the old one first, on purpose. Setting
    the same kind again updates its reason and notice.
    """
    _check_date(on)
    if kind not in DayKind.values:
        raise CalendarError({"kind": "请选择“上班”或“休息”。"})
    reason = reason.strip()
    if not reason:
        raise CalendarError({"reason": "请填写调整事由。"})
    lock_calendar()
    before = build_calendar()
    existing = CalendarOverride.objects.filter(date=on).first()
    if existing is not None and existing.kind != kind:
        raise CalendarError(
            {
                "kind": f"{on:%Y-%m-%d}已设置为“{existing.get_kind_display()}”（{existing.reason}），"
                f"与本次设置相互矛盾。如需更改，请先删除原有设置。"
            }
        )
    override = existing or CalendarOverride(date=on, kind=kind, created_by=acting_user)
    override.reason = reason
    override.notice_ref = notice_ref.strip()
    override.full_clean()
    override.save()
    bump_version()
    logger.info("calendar override %s set to %s by %s: %s", on, kind, acting_user, reason)
    return CalendarChange(dates=flipped_dates(before, build_calendar(), [on]))


@transaction.atomic
def calendar_override_delete(*, on: datetime.date, acting_user=None) -> CalendarChange:
    """Remove the override on `on`; the date follows `holidays.China` again."""
    lock_calendar()
    before = build_calendar()
    deleted, _ = CalendarOverride.objects.filter(date=on).delete()
    if not deleted:
        raise CalendarError(f"{on:%Y-%m-%d}没有调整设置，无需删除。")
    bump_version()
    # Overrides carry no history of their own; the deadlines they move are
    # logged on each case, and this line records who removed the ruling.
    logger.info("calendar override %s deleted by %s", on, acting_user)
    return CalendarChange(dates=flipped_dates(before, build_calendar(), [on]))
