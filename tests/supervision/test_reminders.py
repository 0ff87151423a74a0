"""Reminders before a due date, escalations after it, walked day by day across National Day 2026."""

import datetime

import pytest
from django.core import mail

from calendars.arithmetic import is_working_day
from casework.models import AuditEntry, Deadline
from casework.models.deadlines import DeadlineKind
from supervision.models import Notification, NotificationKind
from supervision.services.notifications import notification_email_pending
from supervision.services.reminders import AUDIT_ESCALATION, AUDIT_REMINDER, supervision_remind
from tests.supervision.conftest import lodge

pytestmark = pytest.mark.django_db


def days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def reply_deadline(case):
    return Deadline.objects.get(owner_id=case.pk, kind=DeadlineKind.REPLY)


def walk(first, last):
    """Run the job every day from first to last; return {day: steps sent that day}."""
    sent = {}
    for day in days(first, last):
        before = set(Notification.objects.values_list("deadline_id", "step").distinct())
        supervision_remind(today=day)
        after = set(Notification.objects.values_list("deadline_id", "step").distinct())
        if after - before:
            sent[day] = sorted(step for _, step in after - before)
    return sent


def test_reply_received_on_10_september_is_due_on_8_october(world):
    # Mid-Autumn Festival (Friday 25 September) and National Day (1–7 October) are not counted;
    # Sunday 20 September is a make-up working day.
    assert not is_working_day(datetime.date(2026, 9, 25))
    assert is_working_day(datetime.date(2026, 9, 20))
    assert is_working_day(datetime.date(2026, 10, 10))
    case = lodge(world)
    assert reply_deadline(case).due_date == datetime.date(2026, 10, 8)


def test_reminders_and_escalations_across_national_day(world):
    lodge(world)
    sent = walk(datetime.date(2026, 9, 14), datetime.date(2026, 10, 23))
    assert sent == {
        datetime.date(2026, 9, 28): ["remind_3"],  # 29, 30 September and 8 October left
        datetime.date(2026, 9, 30): ["remind_1"],  # then the holiday: nothing is sent 1–7 October
        datetime.date(2026, 10, 8): ["due_day"],
        datetime.date(2026, 10, 9): ["escalate_1"],  # 1 working day late
        # Saturday 10 (a make-up working day), 12, 13, 14 October: 2–5 days late; 15 October: 6
        datetime.date(2026, 10, 15): ["escalate_2"],
        datetime.date(2026, 10, 22): ["escalate_3"],  # 11 days late
    }


def test_reminders_go_to_the_department_and_escalations_up_the_chain_only(world):
    case = lodge(world)
    deadline = reply_deadline(case)
    supervision_remind(today=datetime.date(2026, 9, 28))
    supervision_remind(today=datetime.date(2026, 10, 9))
    reminded = set(Notification.objects.filter(deadline=deadline, step="remind_3")
                   .values_list("recipient__username", flat=True))
    escalated = set(Notification.objects.filter(deadline=deadline, step="escalate_1")
                    .values_list("recipient__username", flat=True))
    assert reminded == {"handler_a", "handler_a2"}
    assert escalated == {"handler_a", "handler_a2", "sup_a", "sup_province"}
    note = Notification.objects.get(deadline=deadline, step="escalate_1", recipient=world["sup_a"])
    assert note.kind == NotificationKind.ESCALATION
    assert note.case_label == case.number
    assert "已逾期1个工作日" in note.message


def test_the_job_run_twice_sends_nothing_twice_and_records_each_step_once(world):
    case = lodge(world)
    for _ in range(3):
        supervision_remind(today=datetime.date(2026, 10, 9))
    assert Notification.objects.filter(step="escalate_1").count() == 4
    rows = AuditEntry.objects.filter(target_id=case.pk, action=AUDIT_ESCALATION)
    assert rows.count() == 1
    assert rows.get().details["working_days_late"] == 1
    assert rows.get().actor is None


def test_a_run_after_a_gap_sends_only_the_step_due_now(world):
    case = lodge(world)
    supervision_remind(today=datetime.date(2026, 10, 8))  # no run on 28 or 30 September
    assert set(Notification.objects.values_list("step", flat=True)) == {"due_day"}
    assert AuditEntry.objects.filter(target_id=case.pk, action=AUDIT_REMINDER).count() == 1


def test_nothing_is_sent_on_a_holiday(world):
    lodge(world)
    result = supervision_remind(today=datetime.date(2026, 10, 3))
    assert result.working_day is False
    assert not Notification.objects.exists()


def test_a_met_deadline_is_left_alone(world, at):
    from workflows.actions import act as objection_act

    case = lodge(world)
    at(2026, 9, 11)
    objection_act(case=case, action="withdraw", acting_user=case.lodged_by, payload={"reason": "已协商解决"})
    supervision_remind(today=datetime.date(2026, 10, 9))
    assert not Notification.objects.exists()


def test_a_claimed_task_reminds_its_assignee_only(world, at):
    from viewflow.workflow.status import STATUS

    from workflows.objection_actions import process_for

    case = lodge(world)
    task = process_for(case).task_set.get(flow_task_type="HUMAN", status=STATUS.NEW)
    task.owner = world["handler_a2"]
    task.status = STATUS.ASSIGNED
    task.save()
    supervision_remind(today=datetime.date(2026, 9, 28))
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["handler_a2"]


def test_notifications_are_emailed_once_to_those_with_an_address(world):
    lodge(world)
    supervision_remind(today=datetime.date(2026, 10, 9))
    mail.outbox.clear()
    assert notification_email_pending() == 2  # handler_a and sup_a have addresses
    assert notification_email_pending() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.cn", "sup@example.cn"]
    assert "逾期督办" in mail.outbox[0].subject


def test_other_cities_supervisors_hear_nothing(world):
    lodge(world, "b")
    supervision_remind(today=datetime.date(2026, 10, 9))
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"handler_b", "sup_b", "sup_province"}
