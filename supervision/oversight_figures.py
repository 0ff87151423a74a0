"""What the 督办 pages show: a supervisor's 督办 by status, the dashboard's counts, a case's 督办.

Scope is the deadline's stored jurisdiction (the subject's), as on the dashboard: a
supervisor sees the 督办 on cases of its jurisdiction and below, whichever office issued
them, so a 督办 escalated to the province is on the province's list too.
"""

import dataclasses
import datetime

from django.db.models import Count, Q, QuerySet

from supervision.models import Oversight, OversightStatus

# The list's filters: a status, or the open ones whose feedback date has passed.
FEEDBACK_OVERDUE = "feedback_overdue"
FILTERS = {
    "": "全部督办",
    OversightStatus.OPEN.value: "待书面反馈",
    FEEDBACK_OVERDUE: "反馈已超期",
    OversightStatus.ANSWERED.value: "已书面反馈",
    OversightStatus.ESCALATED.value: "已提级督办",
}


def oversights_in_scope(scope_path: str | None) -> QuerySet[Oversight]:
    qs = Oversight.objects.select_related("deadline", "office", "department", "escalated_to", "issued_by")
    if scope_path is not None:
        qs = qs.filter(deadline__jurisdiction__path__startswith=scope_path)
    return qs


def oversight_counts(*, scope_path: str | None, today: datetime.date) -> dict:
    """The dashboard tile: open, answered, open past the feedback date, escalated, in one query."""
    return oversights_in_scope(scope_path).order_by().aggregate(
        open=Count("id", filter=Q(status=OversightStatus.OPEN)),
        answered=Count("id", filter=Q(status=OversightStatus.ANSWERED)),
        feedback_overdue=Count("id", filter=Q(status=OversightStatus.OPEN, feedback_due_on__lt=today)),
        escalated=Count("id", filter=Q(status=OversightStatus.ESCALATED)),
    )


@dataclasses.dataclass(frozen=True)
class OversightRow:
    oversight: Oversight
    feedback_overdue: bool  # still open after its feedback date


def oversight_rows(*, scope_path: str | None, today: datetime.date, show: str = "", limit: int = 500) -> dict:
    """The 督办 list: filtered by `show` (a key of FILTERS), the feedback date's order."""
    qs = oversights_in_scope(scope_path)
    if show == FEEDBACK_OVERDUE:
        qs = qs.filter(status=OversightStatus.OPEN, feedback_due_on__lt=today)
    elif show in OversightStatus.values:
        qs = qs.filter(status=show)
    qs = qs.order_by("feedback_due_on", "-id")  # the most urgent feedback date first
    count = qs.count()
    rows = [OversightRow(o, o.status == OversightStatus.OPEN and o.feedback_due_on < today) for o in qs[:limit]]
    return {"rows": rows, "count": count, "limit": limit, "title": FILTERS.get(show, FILTERS[""])}


def oversights_of_case(case) -> QuerySet[Oversight]:
    """A case's 督办, the latest first: its staff page shows them with their answers."""
    from django.contrib.contenttypes.models import ContentType

    return (Oversight.objects.filter(case_type=ContentType.objects.get_for_model(type(case)), case_id=case.pk)
            .select_related("deadline", "office", "department", "escalated_to", "answered_by")
            .order_by("-issued_on", "-id"))


def open_oversight_deadlines(deadline_ids) -> set[int]:
    """Which of these deadlines have a 督办 waiting for its answer (the drill-down marks them)."""
    return set(Oversight.objects.filter(deadline_id__in=list(deadline_ids), status=OversightStatus.OPEN)
               .values_list("deadline_id", flat=True))


def oversight_period(*, scope_path: str | None, start: datetime.date, end: datetime.date) -> dict:
    """The quarter's (or half-year's) 督办 for the reports: issued, answered and escalated in
    [start, end], each counted on its own day (an answer in the period to a 督办 of the one before
    counts as answered here)."""
    from supervision.selectors import period_bounds

    first, after = period_bounds(start, end)
    return oversights_in_scope(scope_path).order_by().aggregate(
        issued=Count("id", filter=Q(issued_on__range=(start, end))),
        answered=Count("id", filter=Q(answered_at__gte=first, answered_at__lt=after)),
        escalated=Count("id", filter=Q(escalated_on__range=(start, end))),
    )
