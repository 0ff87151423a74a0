"""Deadlines on cases: start, pause, resume, meet, and recompute when the calendar changes.

The arithmetic is `calendars`'; this module stores its results on the case,
writes each change to the owning case's audit trail, and keeps two dates
apart once a letter has stated one: `due_date` is the legal due date, always
the calendar's, what queues, overdue figures, reminders and 督办 read (a
department is late by the law, whatever it once wrote); `stated_due_date` is
what the subject was told, never changed afterwards (a subject keeps the
later of the two for its own steps, and its page says why they differ).
"""

import datetime

from django.db import transaction
from django.db.models import Model

from calendars.arithmetic import due_date as compute_due_date
from calendars import clock
from calendars.current import current_calendar
from calendars.errors import CalendarError
from calendars.index import WorkdayIndex
from casework.deadline_parties import deadline_parties
from casework.errors import DomainError
from casework.models import Deadline, User
from casework.models.deadlines import DeadlineKind
from casework.services.audit import audit_entry, audit_write
# The recompute after a calendar change has its own module; importable from here as before.
from casework.services.deadline_recompute import (  # noqa: F401
    RecomputedDeadlines,
    deadline_recompute_for_calendar_change,
)
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
    """Store a freshly calculated legal date; flag it when it falls before the date a letter stated."""
    deadline.calculated_due_date = calculated
    deadline.provisional = provisional
    deadline.due_date = calculated
    deadline.kept_stated_date = bool(
        deadline.stated_in_letter and deadline.stated_due_date and calculated < deadline.stated_due_date)


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


def deadline_create(
    *,
    owner: Model,
    kind: str,
    start: datetime.date,
    working_days: int,
    acting_user: User | None = None,
    stated_in_letter: bool = False,
    audit_rows: list | None = None,
) -> Deadline:
    """Start a time limit of `working_days` on `owner`, counted from the day after `start`.

    `start` is the Beijing date the service already took of the moment something
    was received (`calendars.clock.beijing_date`, once, where the case is written).
    `stated_in_letter`: a letter issued in the same transaction tells the subject the
    due date (a lodging's receipt): stored with the row, as `deadline_state_in_letter` would.
    `audit_rows`: the audit row is appended there unsaved, for the caller to write with its
    own in one INSERT (`audit_write_many`) before its transaction ends.
    """
    if isinstance(start, datetime.datetime):
        # A datetime is a date too: taken as one it would count from its UTC day.
        raise TypeError("deadline_create() takes the Beijing date; convert with calendars.clock.beijing_date()")
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
    if stated_in_letter and deadline.due_date is not None:
        deadline.stated_in_letter, deadline.stated_due_date = True, deadline.due_date
    # The refusals above come before any write; below, only a failed statement can raise, and it
    # ends the caller's transaction anyway: no savepoint of its own (alone, this opens one).
    with transaction.atomic(savepoint=False):
        deadline.save()
        deadline_tally([(None, deadline_key(deadline))])
        entry = audit_entry(
            target=owner, action="deadline_started", actor=acting_user,
            reason=f"{_label(deadline)}：{working_days}个工作日，自{start:%Y-%m-%d}次日起算，至{due.date:%Y-%m-%d}"
            + ("（暂定）" if due.provisional else ""),
            details=_details(deadline),
        )
        if audit_rows is None:
            entry.save()
        else:
            audit_rows.append(entry)
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


def deadline_state_in_letter(*, deadline: Deadline, acting_user: User | None = None) -> Deadline:
    """Record that the current due date was told to the subject in a letter.

    The stated date stays as it was written; a calendar change moves only the legal one.
    """
    if deadline.due_date is not None:
        # Optimistic check: when the stored due date is still the one in hand (a lodge states the
        # deadline it has just created), one UPDATE does it, without a savepoint, a lock or a re-read.
        now = clock.now()
        if Deadline.objects.filter(pk=deadline.pk, due_date=deadline.due_date).update(
                stated_in_letter=True, stated_due_date=deadline.due_date, updated_at=now):
            deadline.stated_in_letter, deadline.stated_due_date, deadline.updated_at = True, deadline.due_date, now
            return deadline
    with transaction.atomic():
        return _state_locked(deadline)


def _state_locked(deadline: Deadline) -> Deadline:
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
    deadline.met_on = clock.beijing_date(at)
    deadline.met_working_days = _working_days_taken(deadline, current_calendar())
    deadline.save(update_fields=["met_at", "met_on", "met_working_days", "updated_at"])
    deadline_tally([(counted, None)])
    return deadline


@transaction.atomic
def deadline_extend(*, deadline: Deadline, working_days: int, acting_user: User | None,
                    reason: str = "") -> Deadline:
    """Extend a running deadline by `working_days`, counted from its legal due date, and state
    the new date (the extension notice tells the subject; the caller issues it).

    The extension joins the deadline's own count (start + its working days + these), so a later
    calendar change recomputes the extended date like any other, and the new date is exactly
    `working_days` working days after the old one: a running deadline ends on a working day.
    """
    deadline = _locked(deadline)
    if not deadline.is_open:
        raise DomainError("期限已完成，不能延长。")
    if deadline.due_date is None:
        raise DomainError("计时中止期间没有到期日，不能延长；请待恢复计时后再办理。")
    if working_days < 1:
        raise DomainError({"days": "延长的工作日数至少为1个。"})
    old_due, counted = deadline.due_date, deadline_key(deadline)
    deadline.working_days += working_days
    due = _compute(deadline, current_calendar(fresh=True))
    if deadline.stated_in_letter and deadline.stated_due_date and due.date < deadline.stated_due_date:
        # A date told to the subject is never moved earlier (a calendar change made the legal one earlier).
        raise DomainError({"days": f"延长后的期限{due.date:%Y-%m-%d}早于已告知申请主体的"
                                   f"{deadline.stated_due_date:%Y-%m-%d}，请增加延长的工作日数。"})
    _set_due(deadline, due.date, due.provisional)
    deadline.stated_in_letter = True
    deadline.stated_due_date = deadline.due_date
    deadline.kept_stated_date = False
    deadline.save()
    deadline_tally([(counted, deadline_key(deadline))])
    audit_write(
        target=deadline.owner, action="deadline_extended", actor=acting_user,
        from_state=old_due.isoformat(), to_state=deadline.due_date.isoformat(),
        reason=f"{_label(deadline)}延长{working_days}个工作日，由{old_due:%Y-%m-%d}延至{deadline.due_date:%Y-%m-%d}"
        + ("（暂定）" if due.provisional else "") + (f"。理由：{reason}" if reason else ""),
        details=_details(deadline, previous_due_date=old_due.isoformat(), extended_by=working_days),
    )
    return deadline

