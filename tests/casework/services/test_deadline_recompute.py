"""The set-based recompute after a calendar change: exact reach, the log row it writes, the running counts."""

import datetime

import pytest

from calendars.models import DayKind
from calendars.services import calendar_override_set
from casework.models import AuditEntry, Deadline
from casework.models.deadlines import DeadlineKind
from casework.services.deadline_recompute import deadline_recompute_for_calendar_change
from casework.services.deadlines import deadline_create, deadline_meet
from casework.services.tallies import tallies_differences
from tests.factories import UserFactory, bare_objection_case

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_calendar")]


def reply(owner, start, n):
    return deadline_create(owner=owner, kind=DeadlineKind.REPLY, start=start, working_days=n)


def test_two_changed_days_reach_only_the_deadlines_counting_through_one_of_them():
    admin = UserFactory()
    case = bare_objection_case()
    # From Monday 28 September 2026, 15 working days: 29, 30 September, National Day off
    # (1–7 October), 8, 9, Saturday 10 October (调休上班), 12–16, 19–23 October.
    through_both = reply(case, D(2026, 9, 28), 15)
    # 13, 14, 15 October: between the two changed days, counting through neither.
    between = reply(case, D(2026, 10, 12), 3)
    met = reply(case, D(2026, 9, 28), 15)
    deadline_meet(deadline=met, at=datetime.datetime(2026, 10, 9, 2, tzinfo=datetime.UTC))
    assert (through_both.due_date, between.due_date) == (D(2026, 10, 23), D(2026, 10, 15))
    changes = [
        calendar_override_set(on=D(2026, 10, 10), kind=DayKind.DAY_OFF, reason="取消调休", acting_user=admin),
        calendar_override_set(on=D(2026, 10, 20), kind=DayKind.DAY_OFF, reason="停电", acting_user=admin),
    ]

    moved = deadline_recompute_for_calendar_change(
        changed_dates=[day for change in changes for day in change.dates], acting_user=admin)

    assert [d.pk for d in moved] == [through_both.pk]
    # Two working days fewer on the way: Monday 26 and Tuesday 27 October make up for them.
    assert Deadline.objects.get(pk=through_both.pk).due_date == D(2026, 10, 27)
    assert Deadline.objects.get(pk=between.pk).due_date == D(2026, 10, 15)
    assert Deadline.objects.get(pk=met.pk).due_date == D(2026, 10, 23)
    entry = AuditEntry.objects.get(action="deadline_recomputed")
    assert entry.target_id == case.pk and entry.actor == admin
    assert (entry.from_state, entry.to_state) == ("2026-10-23", "2026-10-27")
    assert entry.reason == "工作日历调整（2026-10-10、2026-10-20）：书面答复期限法定到期日由2026-10-23改为2026-10-27"
    assert entry.details == {
        "deadline": through_both.pk, "kind": "reply", "working_days": 15, "start_date": "2026-09-28",
        "due_date": "2026-10-27", "provisional": False, "previous_due_date": "2026-10-23",
        "calculated_due_date": "2026-10-27", "kept_stated_date": False,
        "changed_dates": ["2026-10-10", "2026-10-20"], "confirmed_years": [],
    }
    assert tallies_differences() == {}


def test_a_make_up_sunday_taken_back_moves_the_legal_date_past_the_next_holiday_and_the_counts_follow():
    admin = UserFactory()
    case = bare_objection_case()
    # From Friday 11 September 2026, 10 working days: 14–18 and Sunday 20 September (调休上班),
    # 21–24 September; the make-up Sunday taken back, one more is needed: not Friday 25
    # September (Mid-Autumn Festival, off), Monday the 28th.
    deadline = reply(case, D(2026, 9, 11), 10)
    assert deadline.due_date == D(2026, 9, 24)
    change = calendar_override_set(on=D(2026, 9, 20), kind=DayKind.DAY_OFF, reason="取消调休", acting_user=admin)

    moved = deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)

    assert [d.due_date for d in moved] == [D(2026, 9, 28)]
    assert tallies_differences() == {}
    again = deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    assert len(again) == 0 and AuditEntry.objects.filter(action="deadline_recomputed").count() == 1
