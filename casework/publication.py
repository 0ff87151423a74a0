"""Publication periods of dishonesty records (NDRC Order No. 36, 国办发〔2025〕22号).

One table, by severity: the minimum period (before it a record may not be
repaired) and the maximum (past it the record is no longer shown). Both are
settings (CASEWORK_LIMITS), read here by the repair eligibility and by the
public pages alike.
"""

import calendar as month_calendar
import dataclasses
import datetime

from django.db.models import Q

from casework.limits import limit
from casework.models import Severity


@dataclasses.dataclass(frozen=True)
class PublicationPeriod:
    min_months: int
    max_months: int


def publication_period(severity: str) -> PublicationPeriod:
    return PublicationPeriod(
        min_months=limit(f"repair_min_publication_months_{severity}"),
        max_months=limit(f"publication_max_months_{severity}"),
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole calendar months; the 31st becomes the month's last day."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    last = month_calendar.monthrange(year, month0 + 1)[1]
    return datetime.date(year, month0 + 1, min(day.day, last))


def publication_start(record) -> datetime.date:
    """The day the periods run from: publication, or determination for a record never published."""
    return record.published_on or record.determined_on


def publication_ends_on(record) -> datetime.date:
    """The first day the record is no longer shown (its maximum period has run out)."""
    return add_months(publication_start(record), publication_period(record.severity).max_months)


def _last_ended_start(today: datetime.date, months: int) -> datetime.date:
    """The latest publication start whose period of `months` has ended by `today`.

    Month arithmetic clamps at month ends (31 January + 1 month = 28 February),
    so subtracting months from today is only a first guess; it is moved until
    it agrees with `publication_ends_on` exactly.
    """
    day = add_months(today, -months)
    one = datetime.timedelta(days=1)
    while add_months(day + one, months) <= today:
        day += one
    while add_months(day, months) > today:
        day -= one
    return day


def shown_on(today: datetime.date) -> Q:
    """The records the public sees on `today`: published, and within their maximum period."""
    within = Q()
    for severity in Severity.values:
        months = publication_period(severity).max_months
        within |= Q(severity=severity, published_on__gt=_last_ended_start(today, months))
    return Q(is_published=True, published_on__isnull=False) & within


def expired_on(today: datetime.date) -> Q:
    """Published records whose maximum period has ended by `today`."""
    return Q(is_published=True) & ~shown_on(today)
