"""Deadlines on cases: start, pause, resume, meet, and recompute when the calendar changes.

The arithmetic is `calendars`'; this module stores its results on the case,
writes each change to the owning case's audit trail, and keeps one promise
the calendar knows nothing of: a due date already stated to a subject in a
letter is never moved earlier (the later date is kept and flagged).
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from calendars.arithmetic import due_date as compute_due_date
from calendars.clock import beijing_date
from calendars.current import current_calendar
from calendars.errors import CalendarError
from calendars.index import WorkdayIndex
from casework.deadline_parties import deadline_parties
from casework.errors import DomainError
from casework.models import Deadline, User
from casework.models.deadlines import DeadlineKind
from casework.services.audit import audit_write
from casework.services.tallies import deadline_key, deadline_tally

ONE_DAY = datetime.timedelta(days=1)


def _spans(deadline: Deadline) -> list[tuple[datetime.date, datetime.date | None]]:
    return [
        (datetime.date.fromisoformat(first), datetime.date.fromisoformat(last) if last else None)
        for first, last in deadline.paused_spans
    ]


def _label(deadline: Deadline) -> str:
    return f"{DeadlineKind(deadline.kind).label}期限"


def _compute(deadline: Deadline, calendar: WorkdayIndex):
    try:
        return compute_due_date(
            start=deadline.start_date,
            working_days=deadline.working_days,
            paused=_spans(deadline),
            calendar=calendar,
        )
    except CalendarError as exc:
        raise DomainError(exc.messages) from None


def _set_due(deadline: Deadline, calculated: datetime.date, provisional: bool) -> None:
    """Store a freshly calculated date, never earlier than one stated in a letter."""
    deadline.calculated_due_date = calculated
    deadline.provisional = provisional
    if deadline.stated_in_letter and deadline.stated_due_date and calculated < deadline.stated_due_date:
        deadline.due_date = deadline.stated_due_date
        deadline.kept_stated_date = True
    else:
        deadline.due_date = calculated
        deadline.kept_stated_date = False


def _details(deadline: Deadline, **extra) -> dict:
    return {
        "deadline": deadline.pk,
        "kind": deadline.kind,
        "working_days": deadline.working_days,
        "start_date": deadline.start_date.isoformat(),
        "due_date": deadline.due_date.isoformat() if deadline.due_date else None,
        "provisional": deadline.provisional,
        **extra,
    }


def _working_days_taken(deadline: Deadline, calendar: WorkdayIndex) -> int:
    return calendar.working_days_between(deadline.start_date, max(deadline.met_on, deadline.start_date))


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().get(pk=deadline.pk)


@transaction.atomic
def deadline_create(
    *,
    owner: Model,
    kind: str,
    start: datetime.date | datetime.datetime,
    working_days: int,
    acting_user: User | None = None,
) -> Deadline:
    """Start a time limit of `working_days` on `owner`, counted from the day after `start`.

    `start` may be the moment something was received: its date is taken in
    Beijing, whatever the server's zone.
    """
    if isinstance(start, datetime.datetime):
        start = beijing_date(start)
    if kind not in DeadlineKind.values:
        raise DomainError({"kind": "未知的期限类型。"})
    parties = deadline_parties(owner=owner, kind=kind)
    deadline = Deadline(
        owner=owner, kind=kind, start_date=start, working_days=working_days,
        case_kind=parties.case_kind, case_id=parties.case.pk, acting_department_id=parties.department_id,
        jurisdiction_id=parties.jurisdiction_id,
    )
    due = _compute(deadline, current_calendar(fresh=True))
    _set_due(deadline, due.date, due.provisional)
    deadline.save()
    deadline_tally([(None, deadline_key(deadline))])
    audit_write(
        target=owner, action="deadline_started", actor=acting_user,
        reason=f"{_label(deadline)}：{working_days}个工作日，自{start:%Y-%m-%d}次日起算，至{due.date:%Y-%m-%d}"
        + ("（暂定）" if due.provisional else ""),
        details=_details(deadline),
    )
    return deadline


@transaction.atomic
def deadline_pause(
    *, deadline: Deadline, on: datetime.date, acting_user: User | None = None, reason: str = ""
) -> Deadline:
    """Stop the clock (e.g. materials were requested from the subject on `on`).

    `on` itself still counts; the clock stands still from the next day. The
    due date is empty until `deadline_resume`.
    """
    deadline = _locked(deadline)
    if not deadline.is_open:
        raise DomainError("期限已完成，不能中止计时。")
    if deadline.is_paused:
        raise DomainError("计时已经中止，请先恢复计时。")
    spans = _spans(deadline)
    if on < deadline.start_date or (spans and on < spans[-1][1]):
        raise DomainError({"on": "中止日期不能早于起算日或上一次恢复计时的日期。"})
    if deadline.due_date and on >= deadline.due_date:
        raise DomainError({"on": f"{_label(deadline)}已于{deadline.due_date:%Y-%m-%d}届满，不能再中止计时。"})
    old_due, counted = deadline.due_date, deadline_key(deadline)
    deadline.paused_spans = [*deadline.paused_spans, [(on + ONE_DAY).isoformat(), None]]
    deadline.due_date = None
    deadline.calculated_due_date = None
    deadline.save()
    deadline_tally([(counted, None)])
    audit_write(
        target=deadline.owner, action="deadline_paused", actor=acting_user,
        from_state=old_due.isoformat() if old_due else "", to_state="",
        reason=reason or f"{_label(deadline)}自{on + ONE_DAY:%Y-%m-%d}起中止计时",
        details=_details(deadline, paused_from=(on + ONE_DAY).isoformat()),
    )
    return deadline


@transaction.atomic
def deadline_resume(*, deadline: Deadline, on: datetime.date, acting_user: User | None = None) -> Deadline:
    """Restart the clock (e.g. the materials arrived on `on`); counting goes on from the next day."""
    deadline = _locked(deadline)
    if not deadline.is_paused:
        raise DomainError("计时没有中止，无需恢复。")
    first = datetime.date.fromisoformat(deadline.paused_spans[-1][0])
    if on < first - ONE_DAY:
        raise DomainError({"on": "恢复计时的日期不能早于中止计时的日期。"})
    spans = list(deadline.paused_spans[:-1])
    if on >= first:  # resumed the day it stopped: no day stood still
        spans.append([first.isoformat(), on.isoformat()])
    counted = deadline_key(deadline)
    deadline.paused_spans = spans
    due = _compute(deadline, current_calendar(fresh=True))
    _set_due(deadline, due.date, due.provisional)
    deadline.save()
    deadline_tally([(counted, deadline_key(deadline))])
    audit_write(
        target=deadline.owner, action="deadline_resumed", actor=acting_user,
        to_state=deadline.due_date.isoformat(),
        reason=f"{_label(deadline)}恢复计时，至{deadline.due_date:%Y-%m-%d}" + ("（暂定）" if due.provisional else ""),
        details=_details(deadline, resumed_on=on.isoformat()),
    )
    return deadline


@transaction.atomic
def deadline_state_in_letter(*, deadline: Deadline, acting_user: User | None = None) -> Deadline:
    """Record that the current due date was told to the subject in a letter.

    From now on a calendar change can move the date later but never earlier.
    """
    deadline = _locked(deadline)
    if deadline.due_date is None:
        raise DomainError("计时中止期间没有到期日，不能在函件中告知。")
    deadline.stated_in_letter = True
    deadline.stated_due_date = deadline.due_date
    deadline.save(update_fields=["stated_in_letter", "stated_due_date", "updated_at"])
    return deadline


@transaction.atomic
def deadline_meet(*, deadline: Deadline, at: datetime.datetime, acting_user: User | None = None) -> Deadline:
    """Close the deadline: what it asked for was done at `at`."""
    deadline = _locked(deadline)
    if not deadline.is_open:
        raise DomainError("期限已完成。")
    counted = deadline_key(deadline)
    deadline.met_at = at
    deadline.met_on = beijing_date(at)
    deadline.met_working_days = _working_days_taken(deadline, current_calendar())
    deadline.save(update_fields=["met_at", "met_on", "met_working_days", "updated_at"])
    deadline_tally([(counted, None)])
    return deadline


_COMPUTED_FIELDS = ("due_date", "calculated_due_date", "provisional", "kept_stated_date")


def _stored(deadline: Deadline) -> tuple:
    return tuple(getattr(deadline, field) for field in _COMPUTED_FIELDS)


def _touches(deadline: Deadline, dates: list[datetime.date], years: set[int]) -> bool:
    """Whether a change on `dates` (or the confirmation of `years`) can move this deadline."""
    start, end = deadline.start_date, deadline.due_date
    if any(start < d <= end for d in dates):
        return True
    return deadline.provisional and any(start.year <= y <= end.year for y in years)


@transaction.atomic
def deadline_recompute_for_calendar_change(
    *,
    changed_dates: Iterable[datetime.date],
    acting_user: User | None,
    confirmed_years: Iterable[int] = (),
) -> list[Deadline]:
    """Recompute the open deadlines the calendar change reaches; return those that changed.

    A deadline is reached when a date whose working status changed lies in
    its counting span (after the start, up to the due date), or when a year
    it counts through was confirmed (its provisional flag may clear). Paused
    deadlines have no due date; they are computed when they resume. Call it
    in the transaction that changed the calendar, so both commit together.
    """
    dates = sorted(set(changed_dates))
    years = set(confirmed_years)
    if not dates and not years:
        return []
    reach = Q(pk__in=[])
    if dates:
        reach |= Q(start_date__lt=dates[-1], due_date__gte=dates[0])
    for year in years:
        reach |= Q(
            provisional=True, start_date__lte=datetime.date(year, 12, 31), due_date__gte=datetime.date(year, 1, 1)
        )
    candidates = [
        d
        for d in Deadline.objects.select_for_update()
        .filter(reach, met_at__isnull=True, due_date__isnull=False)
        .prefetch_related("owner")
        .order_by("pk")
        if _touches(d, dates, years)
    ]
    calendar = current_calendar(fresh=True)
    plain = [d for d in candidates if not d.paused_spans]
    # Unpaused deadlines in one bulk call; paused ones one by one.
    try:
        bulk = calendar.add_working_days_bulk([d.start_date for d in plain], [d.working_days for d in plain])
    except CalendarError as exc:
        raise DomainError(exc.messages) from None
    calculated = {d.pk: due for d, due in zip(plain, bulk)}
    now = timezone.now()
    changed, moves = [], []
    for deadline in candidates:
        if deadline.pk in calculated:
            due = calculated[deadline.pk]
            provisional = bool(calendar.provisional_years_in(deadline.start_date + ONE_DAY, due))
        else:
            result = _compute(deadline, calendar)
            due, provisional = result.date, result.provisional
        before = _stored(deadline)
        old_due, counted = deadline.due_date, deadline_key(deadline)
        _set_due(deadline, due, provisional)
        if before != _stored(deadline):
            deadline.updated_at = now  # bulk_update does not apply auto_now
            changed.append((deadline, old_due))
            moves.append((counted, deadline_key(deadline)))
    Deadline.objects.bulk_update([d for d, _ in changed], [*_COMPUTED_FIELDS, "updated_at"])
    deadline_tally(moves)
    if dates:
        _recount_days_taken(dates, calendar)
    _audit_recomputed(changed, dates=dates, years=years, acting_user=acting_user)
    return [d for d, _ in changed]


def _recount_days_taken(dates: list[datetime.date], calendar: WorkdayIndex) -> None:
    """Met deadlines whose span holds a changed date: their working days taken change too."""
    met = [d for d in Deadline.objects.filter(met_on__isnull=False, start_date__lt=dates[-1], met_on__gte=dates[0])
           if any(d.start_date < day <= d.met_on for day in dates)]
    for deadline in met:
        deadline.met_working_days = _working_days_taken(deadline, calendar)
    Deadline.objects.bulk_update(met, ["met_working_days"], batch_size=1000)


def _audit_recomputed(changed, *, dates, years, acting_user) -> None:
    shown = "、".join(f"{d:%Y-%m-%d}" for d in dates[:5]) + ("等" if len(dates) > 5 else "")
    cause = "工作日历调整" + (f"（{shown}）" if dates else "")
    if years:
        cause += "；" + "、".join(f"{y}年" for y in sorted(years)) + "放假安排已确认"
    for deadline, old_due in changed:
        if deadline.kept_stated_date:
            what = (
                f"按日历计算为{deadline.calculated_due_date:%Y-%m-%d}，早于函件已告知的"
                f"{deadline.stated_due_date:%Y-%m-%d}，到期日保留为函件所述日期"
            )
        elif old_due != deadline.due_date:
            what = f"到期日由{old_due:%Y-%m-%d}改为{deadline.due_date:%Y-%m-%d}"
        else:
            what = f"到期日{deadline.due_date:%Y-%m-%d}不变"
        if deadline.provisional:
            what += "（暂定）"
        audit_write(
            target=deadline.owner, action="deadline_recomputed", actor=acting_user,
            from_state=old_due.isoformat(), to_state=deadline.due_date.isoformat(),
            reason=f"{cause}：{_label(deadline)}{what}",
            details=_details(
                deadline,
                previous_due_date=old_due.isoformat(),
                calculated_due_date=deadline.calculated_due_date.isoformat(),
                kept_stated_date=deadline.kept_stated_date,
                changed_dates=[d.isoformat() for d in dates[:50]],
                confirmed_years=sorted(years),
            ),
        )
