import datetime

import holidays
import pytest

from calendars.models import DayKind
from calendars.notice_import import notice_import_apply
from calendars.services import calendar_override_set
from casework.errors import DomainError
from casework.models import AuditEntry, Deadline
from casework.models.deadlines import DeadlineKind
from casework.services.audit import audit_trail
from casework.services.deadlines import (
    deadline_create,
    deadline_meet,
    deadline_pause,
    deadline_recompute_for_calendar_change,
    deadline_resume,
    deadline_state_in_letter,
)
from tests.factories import UserFactory, bare_objection_case

D = datetime.date
UTC = datetime.UTC
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_calendar")]


@pytest.fixture
def record():
    return bare_objection_case()


@pytest.fixture
def admin():
    return UserFactory()


def reply(owner, start=D(2026, 9, 28), n=15):
    return deadline_create(owner=owner, kind=DeadlineKind.REPLY, start=start, working_days=n)


def test_reply_deadline_for_objection_received_28_september_is_23_october_and_logged_on_the_case(record):
    deadline = reply(record)
    assert deadline.due_date == D(2026, 10, 23) and deadline.calculated_due_date == D(2026, 10, 23)
    assert not deadline.provisional and deadline.owner == record
    entry = audit_trail(record).get(action="deadline_started")
    assert "2026-10-23" in entry.reason and entry.details["deadline"] == deadline.pk


def test_a_start_given_as_a_moment_is_refused_since_the_service_took_its_beijing_date_once(record):
    """A datetime is a date too; taken as one, 23:30 in Beijing would count from its UTC day."""
    received = datetime.datetime(2026, 9, 30, 15, 30, tzinfo=UTC)  # 23:30 in Beijing
    with pytest.raises(TypeError, match="beijing_date"):
        deadline_create(owner=record, kind=DeadlineKind.REPLY, start=received, working_days=1)
    assert not Deadline.objects.exists()


def test_a_deadline_counted_into_a_provisional_year_is_flagged(record):
    deadline = reply(record, start=D(2026, 12, 28))
    assert deadline.provisional and deadline.due_date.year == 2027


def test_pause_empties_the_due_date_and_resume_adds_the_paused_working_days_back(record):
    deadline = reply(record)
    deadline = deadline_pause(deadline=deadline, on=D(2026, 10, 9))  # 10-09 still counts
    assert deadline.is_paused and deadline.due_date is None
    deadline = deadline_resume(deadline=deadline, on=D(2026, 10, 14))  # 10-10 … 10-14 stood still
    assert deadline.paused_spans == [["2026-10-10", "2026-10-14"]]
    assert deadline.due_date == D(2026, 10, 29)  # four working days later (10-10, 10-12, 10-13, 10-14)
    assert list(audit_trail(record).filter(action__startswith="deadline_").values_list("action", flat=True)) == [
        "deadline_started", "deadline_paused", "deadline_resumed"
    ]


def test_resumed_the_day_it_was_paused_nothing_is_added(record):
    deadline = deadline_pause(deadline=reply(record), on=D(2026, 10, 9))
    deadline = deadline_resume(deadline=deadline, on=D(2026, 10, 9))
    assert deadline.paused_spans == [] and deadline.due_date == D(2026, 10, 23)


def test_pause_and_resume_refuse_what_makes_no_sense(record):
    deadline = reply(record)
    with pytest.raises(DomainError, match="恢复"):
        deadline_resume(deadline=deadline, on=D(2026, 10, 9))
    with pytest.raises(DomainError, match="届满"):
        deadline_pause(deadline=deadline, on=D(2026, 10, 23))
    deadline = deadline_pause(deadline=deadline, on=D(2026, 10, 9))
    with pytest.raises(DomainError, match="已经中止"):
        deadline_pause(deadline=deadline, on=D(2026, 10, 12))
    with pytest.raises(DomainError, match="不能早于"):
        deadline_resume(deadline=deadline, on=D(2026, 10, 1))


def test_calendar_change_moves_open_deadlines_reached_and_logs_it_on_each_case(admin):
    first, second = bare_objection_case(), bare_objection_case()
    reached, other = reply(first), reply(second, start=D(2026, 11, 2))
    met = reply(first)
    deadline_meet(deadline=met, at=datetime.datetime(2026, 10, 9, tzinfo=UTC))
    change = calendar_override_set(on=D(2026, 10, 12), kind=DayKind.DAY_OFF, reason="防汛停工", acting_user=admin)
    moved = deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    assert [d.pk for d in moved] == [reached.pk]
    reached.refresh_from_db(), other.refresh_from_db(), met.refresh_from_db()
    assert reached.due_date == D(2026, 10, 26)
    assert other.due_date == D(2026, 11, 23) and met.due_date == D(2026, 10, 23)
    entry = audit_trail(first).get(action="deadline_recomputed")
    assert entry.actor == admin and entry.from_state == "2026-10-23" and entry.to_state == "2026-10-26"
    assert "2026-10-12" in entry.reason
    assert not audit_trail(second).filter(action="deadline_recomputed").exists()


def test_a_date_stated_in_a_letter_stays_while_the_legal_date_moves_earlier_flagged(record, admin):
    deadline = deadline_state_in_letter(deadline=reply(record))
    change = calendar_override_set(on=D(2026, 10, 11), kind=DayKind.WORKING, reason="补班")  # a Sunday
    deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    deadline.refresh_from_db()
    assert deadline.calculated_due_date == deadline.due_date == D(2026, 10, 22)
    assert deadline.stated_due_date == D(2026, 10, 23) and deadline.kept_stated_date
    assert "函件所述日期对申请主体继续有效" in audit_trail(record).get(action="deadline_recomputed").reason


def test_a_date_stated_in_a_letter_may_still_move_later(record, admin):
    deadline = deadline_state_in_letter(deadline=reply(record))
    change = calendar_override_set(on=D(2026, 10, 12), kind=DayKind.DAY_OFF, reason="防汛停工")
    deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    deadline.refresh_from_db()
    assert deadline.due_date == D(2026, 10, 26) and not deadline.kept_stated_date
    assert deadline.stated_due_date == D(2026, 10, 23)  # what the letter said is not rewritten


def test_paused_deadlines_are_recomputed_with_their_pauses(record, admin):
    deadline = deadline_pause(deadline=reply(record), on=D(2026, 10, 9))
    deadline = deadline_resume(deadline=deadline, on=D(2026, 10, 14))
    change = calendar_override_set(on=D(2026, 10, 20), kind=DayKind.DAY_OFF, reason="停电")
    deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    deadline.refresh_from_db()
    assert deadline.due_date == D(2026, 10, 30)


def test_confirming_next_year_clears_the_provisional_flag_even_if_no_date_moves(record, admin):
    deadline = reply(record, start=D(2026, 12, 28))
    due = deadline.due_date
    # A notice that says exactly what the holidays package guessed for 2027.
    guessed = holidays.China(years=[2027], language="zh_CN")
    text = "\n".join(f"{day} 休 {name}" for day, name in sorted(guessed.items()))
    change = notice_import_apply(year=2027, text=text, notice_ref="国办发明电〔2026〕12号")
    assert change.dates == ()
    moved = deadline_recompute_for_calendar_change(
        changed_dates=change.dates, confirmed_years=change.confirmed_years, acting_user=admin
    )
    deadline.refresh_from_db()
    assert [d.pk for d in moved] == [deadline.pk]
    assert not deadline.provisional and deadline.due_date == due


def test_recompute_handles_many_deadlines_in_one_call(admin):
    record = bare_objection_case()
    deadlines = [reply(record, start=D(2026, 9, 1) + datetime.timedelta(days=i)) for i in range(40)]
    change = calendar_override_set(on=D(2026, 10, 12), kind=DayKind.DAY_OFF, reason="防汛停工")
    moved = deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    expected = [d.pk for d in deadlines if d.start_date < D(2026, 10, 12) <= d.due_date]
    assert sorted(d.pk for d in moved) == expected and len(expected) > 10
    assert AuditEntry.objects.filter(action="deadline_recomputed").count() == len(expected)
    assert Deadline.objects.filter(pk__in=expected, due_date__lt=D(2026, 10, 13)).count() == 0


def test_meeting_a_deadline_stores_the_beijing_date_it_was_met_on(record):
    deadline = reply(record)
    # 16:30 UTC on 8 October is 00:30 on 9 October in Beijing.
    met = deadline_meet(deadline=deadline, at=datetime.datetime(2026, 10, 8, 16, 30, tzinfo=UTC))
    assert Deadline.objects.values_list("met_on", flat=True).get(pk=met.pk) == D(2026, 10, 9)


def test_met_on_cannot_be_stored_without_met_at_or_the_other_way_round(record):
    from django.db import IntegrityError, transaction

    deadline = reply(record)
    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.filter(pk=deadline.pk).update(met_at=datetime.datetime(2026, 10, 8, tzinfo=UTC))
    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.filter(pk=deadline.pk).update(met_on=D(2026, 10, 8))


def test_meeting_stores_the_working_days_taken_and_a_calendar_change_recounts_them(record, admin):
    deadline = reply(record)  # received Monday 28 September 2026
    # Met Wednesday 14 October: 29, 30 September; 8, 9, Saturday 10 (make-up), 12, 13, 14 October → 8.
    deadline = deadline_meet(deadline=deadline, at=datetime.datetime(2026, 10, 14, 2, tzinfo=UTC))
    assert deadline.met_working_days == 8
    change = calendar_override_set(on=D(2026, 10, 12), kind=DayKind.DAY_OFF, reason="防汛停工", acting_user=admin)
    deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    deadline.refresh_from_db()
    assert deadline.met_working_days == 7


def test_only_a_case_its_provincial_report_or_a_measure_lifting_owns_deadlines():
    from tests.factories import CreditRecordFactory

    with pytest.raises(TypeError, match="CreditRecord does not own deadlines"):
        reply(CreditRecordFactory())
    assert not Deadline.objects.exists()


def _expected_after_change(deadline, calendar):
    """What the recompute must store, computed one deadline at a time the long way."""
    from calendars.arithmetic import due_date

    spans = [(D.fromisoformat(a), D.fromisoformat(b)) for a, b in deadline.paused_spans]
    result = due_date(start=deadline.start_date, working_days=deadline.working_days, paused=spans, calendar=calendar)
    return result.date, result.date, bool(deadline.stated_in_letter and result.date < deadline.stated_due_date)


def test_set_based_recompute_gives_the_one_by_one_answers_across_spring_festival_and_make_up_days(admin):
    from calendars.current import current_calendar
    from casework.services.tallies import tallies_differences

    record = bare_objection_case()
    # Starts from mid-January to March 2026: spans through the Spring Festival holiday
    # (15-23 February) and its make-up Saturday and Sunday (14 and 28 February).
    deadlines = [reply(record, start=D(2026, 1, 12) + datetime.timedelta(days=i), n=n)
                 for i in range(0, 60, 3) for n in (1, 5, 15, 30)]
    for deadline in deadlines[::7]:
        deadline_state_in_letter(deadline=deadline)
    for deadline in [d for d in deadlines if d.working_days >= 15][1::5]:
        deadline_pause(deadline=deadline, on=deadline.start_date + datetime.timedelta(days=1))
        deadline_resume(deadline=deadline, on=deadline.start_date + datetime.timedelta(days=4))
    for deadline in deadlines[2::11]:
        deadline_meet(deadline=deadline, at=datetime.datetime(2026, 4, 1, tzinfo=UTC))
    # A swap: the make-up Saturday becomes a day off (later dates), a Sunday in March a working day (earlier).
    changes = [
        calendar_override_set(on=D(2026, 2, 14), kind=DayKind.DAY_OFF, reason="取消调休", acting_user=admin),
        calendar_override_set(on=D(2026, 3, 8), kind=DayKind.WORKING, reason="补班", acting_user=admin),
    ]
    before = {d.pk: d for d in Deadline.objects.all()}
    moved = deadline_recompute_for_calendar_change(
        changed_dates=[day for change in changes for day in change.dates], acting_user=admin)
    calendar = current_calendar(fresh=True)
    changed = []
    for pk, old in before.items():
        now = Deadline.objects.get(pk=pk)
        if old.met_at is not None:
            assert now.due_date == old.due_date
            continue
        due, calculated, kept = _expected_after_change(old, calendar)
        assert (now.due_date, now.calculated_due_date, now.kept_stated_date) == (due, calculated, kept), pk
        if (due, calculated, kept) != (old.due_date, old.calculated_due_date, old.kept_stated_date):
            changed.append(pk)
    assert [d.pk for d in moved] == sorted(changed) and len(changed) > 20
    assert any(Deadline.objects.get(pk=pk).kept_stated_date for pk in changed)
    assert tallies_differences() == {}
    entries = AuditEntry.objects.filter(action="deadline_recomputed").order_by("id")
    assert [e.details["deadline"] for e in entries] == sorted(changed)
    for entry in entries:
        deadline = Deadline.objects.get(pk=entry.details["deadline"])
        assert entry.actor == admin and entry.target_id == record.pk
        assert entry.from_state == before[deadline.pk].due_date.isoformat()
        assert entry.to_state == deadline.due_date.isoformat() == entry.details["due_date"]
        assert entry.details["calculated_due_date"] == deadline.calculated_due_date.isoformat()
        assert entry.details["kept_stated_date"] is deadline.kept_stated_date
        assert entry.details["changed_dates"] == ["2026-02-14", "2026-03-08"]
        assert entry.reason.startswith("工作日历调整（2026-02-14、2026-03-08）：书面答复期限")


def test_a_second_recompute_of_the_same_change_moves_nothing_and_logs_nothing(admin):
    record = bare_objection_case()
    for i in range(10):
        reply(record, start=D(2026, 9, 20) + datetime.timedelta(days=i))
    change = calendar_override_set(on=D(2026, 10, 12), kind=DayKind.DAY_OFF, reason="防汛停工", acting_user=admin)
    first = deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    again = deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    assert len(first) == 10 and len(again) == 0
    assert AuditEntry.objects.filter(action="deadline_recomputed").count() == 10


def test_a_stale_copy_states_the_stored_due_date_not_its_own(record, admin):
    """deadline_state_in_letter's one-UPDATE path only runs while the copy's due date is the stored
    one; after a calendar change moved it, the deadline is re-read under its lock and that date stated."""
    stale = reply(record)
    change = calendar_override_set(on=D(2026, 10, 12), kind=DayKind.DAY_OFF, reason="防汛停工")
    deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    assert stale.due_date == D(2026, 10, 23)
    stated = deadline_state_in_letter(deadline=stale)
    stated.refresh_from_db()
    assert stated.stated_in_letter and stated.stated_due_date == stated.due_date == D(2026, 10, 26)
