"""Two dates on a deadline after a calendar change: the date stated to the subject stays as
written, the legal due date follows the calendar, and everything that holds a department to
its duty (queues, overdue figures, reminders, 督办) reads the legal one."""

import datetime

import pytest
from django.urls import reverse

from calendars.models import DayKind
from calendars.services import calendar_override_set
from casework.models.deadlines import DeadlineKind
from casework.selectors import deadline_rows
from casework.services import followup
from casework.services.deadlines import deadline_recompute_for_calendar_change, deadline_state_in_letter
from supervision.models import Notification
from supervision.selectors import dashboard_now
from supervision.services.reminders import supervision_remind
from tests.factories import UserFactory, beijing
from workflows.objection_actions import objection_lodge

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_calendar")]
D = datetime.date


@pytest.fixture
def stated(two_department_record, at):
    """An objection received 28 Sept: reply due 23 Oct, told to the subject; then Sunday 11 Oct
    is made a working day (补班), so the legal date is 22 Oct."""
    w = two_department_record
    case = objection_lodge(record=w["record"], grounds="该笔款项已全额支付，记录与事实不符。", channel="department",
                           acting_user=w["officer"], received_at=beijing(2026, 9, 28))
    reply = followup.case_deadline(case, DeadlineKind.REPLY)
    if not reply.stated_in_letter:
        reply = deadline_state_in_letter(deadline=reply)
    assert reply.stated_due_date == reply.due_date == D(2026, 10, 23)
    admin = UserFactory()
    change = calendar_override_set(on=D(2026, 10, 11), kind=DayKind.WORKING, reason="补班", acting_user=admin)
    deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    reply.refresh_from_db()
    return case, reply, w


def test_an_earlier_legal_date_keeps_the_stated_one_and_moves_the_legal_one(stated):
    _, reply, _ = stated
    assert reply.due_date == D(2026, 10, 22)  # the department's duty
    assert reply.stated_due_date == D(2026, 10, 23) and reply.kept_stated_date  # what the subject was told


def test_queue_and_overdue_figures_use_the_legal_date(stated):
    case, reply, _ = stated
    row = [r for r in deadline_rows(case, today=D(2026, 10, 23)) if r["kind"] == DeadlineKind.REPLY][0]
    assert row["due"] == D(2026, 10, 22) and row["days_left"] < 0 and row["urgency"] == "overdue"
    figures = dashboard_now(scope_path=None, today=D(2026, 10, 23))
    reply_row = [k for k in figures["by_kind"] if k["code"] == DeadlineKind.REPLY][0]
    assert reply_row["overdue"] == 1
    on_the_day = dashboard_now(scope_path=None, today=D(2026, 10, 22))
    assert [k for k in on_the_day["by_kind"] if k["code"] == DeadlineKind.REPLY][0]["overdue"] == 0


def test_reminders_and_escalation_follow_the_legal_date(stated):
    _, reply, w = stated
    supervision_remind(today=D(2026, 10, 22))
    assert Notification.objects.filter(deadline_id=reply.pk, step="due_day").exists()
    supervision_remind(today=D(2026, 10, 23))
    assert Notification.objects.filter(deadline_id=reply.pk, step="escalate_1").exists()


def test_the_subjects_page_shows_the_stated_date_and_why_the_departments_differs(stated, client):
    case, _, w = stated
    client.force_login(w["officer"])
    page = client.get(reverse("portal:objection", args=[case.number])).content.decode()
    assert "<strong>2026年10月23日</strong>" in page
    assert "本单位的法定办理期限为2026年10月22日" in page


def _acceptance_html(case):
    from letters.rendering import LetterDocument, render_html
    from letters.selectors import letters_about

    letter = [x for x in letters_about(case) if x.kind == "acceptance_notice"][0]
    return render_html(LetterDocument(kind=letter.kind, issuer_name="某单位", number="某号", addressee=letter.addressee,
                                      context=letter.context, issued_on=D(2026, 12, 29)))


def test_the_acceptance_notice_says_a_provisional_reply_date_follows_the_state_councils_notice(
        two_department_record, at):
    from casework.services import objections as objection_services

    w = two_department_record
    at(2026, 12, 28)
    late = objection_lodge(record=w["record"], grounds="该笔款项已全额支付，记录与事实不符。", channel="department",
                           acting_user=w["officer"], received_at=beijing(2026, 12, 28))
    objection_services.objection_accept(case=late, acting_user=w["handler"])
    html = _acceptance_html(late)
    assert "2027年1月19日" in html and "国务院办公厅尚未公布" in html  # 2027's holidays are not published


def test_a_firm_reply_date_carries_no_provisional_sentence(stated):
    from casework.services import objections as objection_services

    case, _, w = stated
    objection_services.objection_accept(case=case, acting_user=w["handler"])
    html = _acceptance_html(case)
    assert "国务院办公厅尚未公布" not in html
