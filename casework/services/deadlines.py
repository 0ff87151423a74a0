"""Deadlines on cases: start, pause, resume, meet, and recompute when the calendar changes.

The arithmetic is `calendars`'; this module stores its results on the case,
writes each change to the owning case's audit trail, and keeps two dates
apart once a letter has stated one: `due_date` is the legal due date, always
the calendar's, what queues, overdue figures, reminders and 督办 read (a
department is late by the law, whatever it once wrote); `stated_due_date` is
what the subject was told, never changed afterwards (a subject keeps the
later of the two for its own steps, and its page says why they differ).
"""

import dataclasses
import datetime
import json
from collections.abc import Iterable, Sequence

import numpy as np
from django.db import connection, transaction
from django.db.models import Model, Q, TextField
from django.db.models.functions import Cast

from calendars.arithmetic import due_date as compute_due_date
from calendars import clock
from calendars.current import current_calendar
from calendars.errors import CalendarError
from calendars.index import _EPOCH_ORD, WorkdayIndex
from casework.deadline_parties import deadline_parties
from casework.errors import DomainError
from casework.models import AuditEntry, Deadline, User
from casework.models.deadlines import DeadlineKind
from casework.models.tallies import NO_DEPARTMENT
from casework.services.audit import audit_entry, audit_write
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


# What the recompute reads of each deadline it reaches (values, not model instances:
# a calendar change can reach every open deadline of the province, a million rows).
_READ = ("pk", "start_date", "working_days", "paused_text", "due_date", "calculated_due_date", "provisional",
         "kept_stated_date", "stated_in_letter", "stated_due_date", "case_kind", "kind", "acting_department_id",
         "owner_type_id", "owner_id")
_BATCH = 50_000
_NO_DATE = -1  # an empty date, as an ordinal
_COPY_TEXT = {None: "\\N", True: "t", False: "f"}


def _ordinals(values) -> np.ndarray:
    return np.fromiter((_NO_DATE if d is None else d.toordinal() for d in values), dtype=np.int64, count=len(values))


def _years(ordinals: np.ndarray) -> np.ndarray:
    days = (ordinals - _EPOCH_ORD).astype("datetime64[D]")
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def _any_year_in(first: np.ndarray, last: np.ndarray, years) -> np.ndarray:
    """Per row: whether one of `years` lies in [first, last] (year numbers)."""
    hit = np.zeros(first.shape, dtype=bool)
    for year in years:
        hit |= (first <= year) & (year <= last)
    return hit


def _provisional_between(calendar: WorkdayIndex, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """`calendar.provisional_years_in(first, last)` is not empty, per row (ordinals)."""
    lo, hi = _years(first), _years(last)
    unconfirmed = [y for y in range(int(lo.min()), int(hi.max()) + 1) if calendar.is_provisional_year(y)]
    return _any_year_in(lo, hi, unconfirmed)


@dataclasses.dataclass
class _Reached:
    """The open deadlines a change reaches, column by column, and what they become."""

    rows: list
    start: np.ndarray
    old: np.ndarray  # due_date, calculated_due_date (ordinals), provisional, kept_stated_date
    due: np.ndarray = None
    calculated: np.ndarray = None
    provisional: np.ndarray = None
    kept: np.ndarray = None


def _reached(reach: Q, dates: list[datetime.date], years: set[int]) -> _Reached:
    rows = list(
        Deadline.objects.select_for_update()
        .filter(reach, met_at__isnull=True, due_date__isnull=False)
        # The spans as text: decoding a million empty JSON lists costs more than the dates.
        .annotate(paused_text=Cast("paused_spans", TextField()))
        .order_by("pk").values_list(*_READ)
    )
    start = _ordinals([r[1] for r in rows])
    due = _ordinals([r[4] for r in rows])
    touched = np.zeros(len(rows), dtype=bool)
    if dates and rows:
        # A changed date d reaches a deadline when start < d <= due.
        changed = np.array([d.toordinal() for d in dates], dtype=np.int64)
        touched |= np.searchsorted(changed, due, side="right") > np.searchsorted(changed, start, side="right")
    if years and rows:
        provisional = np.fromiter((r[6] for r in rows), dtype=bool, count=len(rows))
        touched |= provisional & _any_year_in(_years(start), _years(due), years)
    keep = np.flatnonzero(touched)
    rows = [rows[i] for i in keep.tolist()]
    old = (due[keep], _ordinals([r[5] for r in rows]),
           np.fromiter((r[6] for r in rows), dtype=bool, count=len(rows)),
           np.fromiter((r[7] for r in rows), dtype=bool, count=len(rows)))
    return _Reached(rows=rows, start=start[keep], old=old)


def _recalculate(reached: _Reached, calendar: WorkdayIndex) -> None:
    """Fill in the new dates: unpaused deadlines in one numpy call, paused ones one by one."""
    rows, size = reached.rows, len(reached.rows)
    counts = np.fromiter((r[2] for r in rows), dtype=np.int64, count=size)
    paused = np.fromiter((r[3] != "[]" for r in rows), dtype=bool, count=size)
    calculated = np.empty(size, dtype=np.int64)
    provisional = np.zeros(size, dtype=bool)
    plain = np.flatnonzero(~paused)
    if plain.size:
        starts = (reached.start[plain] - _EPOCH_ORD).astype("datetime64[D]")
        try:
            bulk = calendar.add_working_days_bulk(starts, counts[plain])
        except CalendarError as exc:
            raise DomainError(exc.messages) from None
        calculated[plain] = bulk.astype(np.int64) + _EPOCH_ORD
        provisional[plain] = _provisional_between(calendar, reached.start[plain] + 1, calculated[plain])
    for i in np.flatnonzero(paused).tolist():
        r = rows[i]
        result = _compute_values(start=r[1], working_days=r[2], paused_spans=json.loads(r[3]), calendar=calendar)
        calculated[i], provisional[i] = result.date.toordinal(), result.provisional
    # The legal date follows the calendar; the stated one stays, flagged when it is the later.
    stated = np.fromiter((r[8] and r[9] is not None for r in rows), dtype=bool, count=size)
    stated_due = _ordinals([r[9] for r in rows])
    kept = stated & (calculated < stated_due)
    reached.calculated, reached.provisional, reached.kept = calculated, provisional, kept
    reached.due = calculated


def _compute_values(*, start, working_days, paused_spans, calendar):
    spans = [(datetime.date.fromisoformat(a), datetime.date.fromisoformat(b) if b else None) for a, b in paused_spans]
    try:
        return compute_due_date(start=start, working_days=working_days, paused=spans, calendar=calendar)
    except CalendarError as exc:
        raise DomainError(exc.messages) from None


class RecomputedDeadlines(Sequence):
    """The deadlines a recompute changed, in id order, loaded from the database as they are read.

    A calendar change can move a million deadlines: holding them all as model
    instances would cost more than the recompute itself, and callers mostly count them.
    """

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(Deadline.objects.filter(pk__in=self.ids[i]).order_by("pk"))
        return Deadline.objects.get(pk=self.ids[i])

    def __iter__(self):
        for first in range(0, len(self.ids), 2000):
            yield from Deadline.objects.filter(pk__in=self.ids[first:first + 2000]).order_by("pk")


@transaction.atomic
def deadline_recompute_for_calendar_change(
    *,
    changed_dates: Iterable[datetime.date],
    acting_user: User | None,
    confirmed_years: Iterable[int] = (),
) -> RecomputedDeadlines:
    """Recompute the open deadlines the calendar change reaches; return those that changed.

    A deadline is reached when a date whose working status changed lies in
    its counting span (after the start, up to the due date), or when a year
    it counts through was confirmed (its provisional flag may clear). Paused
    deadlines have no due date; they are computed when they resume. Call it
    in the transaction that changed the calendar, so both commit together.

    Set-based, because one change can reach every open deadline: the rows are
    read as values, the dates computed with numpy, and the changed ones written
    through a temporary table with one UPDATE, their log rows and running
    counts inserted in bulk.
    """
    dates = sorted(set(changed_dates))
    years = set(confirmed_years)
    if not dates and not years:
        return RecomputedDeadlines([])
    reach = Q(pk__in=[])
    if dates:
        reach |= Q(start_date__lt=dates[-1], due_date__gte=dates[0])
    for year in years:
        reach |= Q(
            provisional=True, start_date__lte=datetime.date(year, 12, 31), due_date__gte=datetime.date(year, 1, 1)
        )
    reached = _reached(reach, dates, years)
    calendar = current_calendar(fresh=True)
    if reached.rows:
        _recalculate(reached, calendar)
        old_due, old_calculated, old_provisional, old_kept = reached.old
        moved = np.flatnonzero(
            (reached.due != old_due) | (reached.calculated != old_calculated)
            | (reached.provisional != old_provisional) | (reached.kept != old_kept)
        ).tolist()
    else:
        moved = []
    changes = [_Change.of(reached, i) for i in moved]
    now = clock.now()
    _write_moves(changes, now)
    deadline_tally([(c.key(c.old_due), c.key(c.due)) for c in changes])
    if dates:
        _recount_days_taken(dates, calendar)
    _audit_recomputed(changes, dates=dates, years=years, acting_user=acting_user, now=now)
    return RecomputedDeadlines([c.row[0] for c in changes])


@dataclasses.dataclass(frozen=True, slots=True)
class _Change:
    row: tuple  # the values read (`_READ`)
    old_due: datetime.date
    due: datetime.date
    calculated: datetime.date
    provisional: bool
    kept: bool

    @classmethod
    def of(cls, reached: _Reached, i: int) -> "_Change":
        return cls(
            row=reached.rows[i], old_due=reached.rows[i][4],
            due=datetime.date.fromordinal(int(reached.due[i])),
            calculated=datetime.date.fromordinal(int(reached.calculated[i])),
            provisional=bool(reached.provisional[i]), kept=bool(reached.kept[i]),
        )

    def key(self, due: datetime.date) -> tuple:
        """What the deadline counts towards with `due` (as `deadline_key`: it is open and not paused)."""
        return (self.row[10], self.row[11], self.row[12] or NO_DEPARTMENT, due)


def _write_moves(changes: list[_Change], now: datetime.datetime) -> None:
    """Store the new dates: the changes into a temporary table, then one UPDATE … FROM."""
    if not changes:
        return
    table = connection.ops.quote_name(Deadline._meta.db_table)
    values = [(c.row[0], c.due, c.calculated, c.provisional, c.kept) for c in changes]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS deadline_moves")
        cursor.execute("CREATE TEMPORARY TABLE deadline_moves (id bigint PRIMARY KEY, due_date date, "
                       "calculated_due_date date, provisional boolean, kept_stated_date boolean)")
        _insert_rows(cursor, "deadline_moves",
                     ("id", "due_date", "calculated_due_date", "provisional", "kept_stated_date"), values)
        cursor.execute(
            f"UPDATE {table} SET due_date = m.due_date, calculated_due_date = m.calculated_due_date, "
            f"provisional = m.provisional, kept_stated_date = m.kept_stated_date, updated_at = %s "
            f"FROM deadline_moves m WHERE {table}.id = m.id", [now])
        cursor.execute("DROP TABLE deadline_moves")


def _insert_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert many rows: COPY on PostgreSQL, batched executemany elsewhere."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        # COPY's text format written directly: several times faster than psycopg's write_row
        # per row. The values here are numbers, booleans, dates, times and text without tabs,
        # newlines or backslashes (dates, codes, Chinese sentences, ASCII JSON).
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
            for first in range(0, len(rows), _BATCH):
                copy.write("".join(
                    "\t".join(_COPY_TEXT.get(v, v) if type(v) is bool or v is None else str(v) for v in row) + "\n"
                    for row in rows[first:first + _BATCH]))
        return
    marks = ", ".join(["%s"] * len(columns))
    for first in range(0, len(rows), _BATCH):
        cursor.executemany(f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})",
                           rows[first:first + _BATCH])


def _recount_days_taken(dates: list[datetime.date], calendar: WorkdayIndex) -> None:
    """Met deadlines whose span holds a changed date: their working days taken change too."""
    met = [d for d in Deadline.objects.filter(met_on__isnull=False, start_date__lt=dates[-1], met_on__gte=dates[0])
           if any(d.start_date < day <= d.met_on for day in dates)]
    for deadline in met:
        deadline.met_working_days = _working_days_taken(deadline, calendar)
    Deadline.objects.bulk_update(met, ["met_working_days"], batch_size=1000)


_AUDIT_COLUMNS = ("target_type_id", "target_id", "actor_id", "action", "from_state", "to_state", "reason",
                  "details", "at")


def _audit_recomputed(changes: list[_Change], *, dates, years, acting_user, now) -> None:
    """One `deadline_recomputed` row on each changed deadline's case, inserted in bulk.

    The rows are what `audit_write` would write, built here as plain values:
    a million `AuditEntry` instances would cost more than the recompute.
    """
    if not changes:
        return
    shown = "、".join(f"{d:%Y-%m-%d}" for d in dates[:5]) + ("等" if len(dates) > 5 else "")
    cause = "工作日历调整" + (f"（{shown}）" if dates else "")
    if years:
        cause += "；" + "、".join(f"{y}年" for y in sorted(years)) + "放假安排已确认"
    actor_id = acting_user.pk if acting_user is not None and acting_user.is_authenticated else None
    labels = {kind: f"{DeadlineKind(kind).label}期限" for kind in DeadlineKind.values}
    common = json.dumps({"changed_dates": [d.isoformat() for d in dates[:50]], "confirmed_years": sorted(years)})[1:]
    rows = []
    for c in changes:
        pk, start, working_days, kind, owner_type_id, owner_id = (
            c.row[0], c.row[1], c.row[2], c.row[11], c.row[13], c.row[14])
        old, new, calculated = c.old_due.isoformat(), c.due.isoformat(), c.calculated.isoformat()
        what = f"法定到期日由{old}改为{new}" if old != new else f"法定到期日{new}不变"
        if c.kept:
            what += f"，早于函件已告知的{c.row[9]:%Y-%m-%d}；函件所述日期对申请主体继续有效"
        if c.provisional:
            what += "（暂定）"
        provisional, kept = ("true" if c.provisional else "false"), ("true" if c.kept else "false")
        # The keys and order of `_details(…)` with the recompute's extras, as json.dumps writes them.
        details = (
            f'{{"deadline": {pk}, "kind": "{kind}", "working_days": {working_days}, '
            f'"start_date": "{start.isoformat()}", "due_date": "{new}", "provisional": {provisional}, '
            f'"previous_due_date": "{old}", "calculated_due_date": "{calculated}", "kept_stated_date": {kept}, '
            f"{common}"
        )
        rows.append((owner_type_id, owner_id, actor_id, "deadline_recomputed", old, new,
                     f"{cause}：{labels[kind]}{what}", details, now))
    with connection.cursor() as cursor:
        _insert_rows(cursor, AuditEntry._meta.db_table, _AUDIT_COLUMNS, rows)
