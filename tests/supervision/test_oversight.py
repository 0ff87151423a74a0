"""督办: a supervisor's notice on an overdue or at-risk deadline, the department's written
answer, and escalation one level up when the case is still overdue after the feedback date.

An objection received Thursday 10 September 2026 is due Thursday 8 October (15 working days:
Sunday 20 September is a make-up working day, the Mid-Autumn Festival and National Day are
not). A 督办 on Friday 9 October wants feedback in 3 working days: Saturday 10 October (a
make-up working day), Monday 12 and Tuesday 13 October.
"""

import datetime

import pytest

from casework.errors import DomainError
from casework.models import AuditEntry, Deadline
from casework.models.deadlines import DeadlineKind
from supervision.models import Notification, NotificationKind, OversightStatus
from supervision.services.oversight import (
    oversight_answer,
    oversight_escalate_due,
    oversight_issue,
    oversight_letter,
    oversight_refusal,
    oversights_open,
)
from tests.factories import SupervisorOfficeFactory, UserFactory, beijing
from tests.supervision.conftest import lodge

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def late(world, at):
    """The objection, and the supervisor offices of 长春 and of the province."""
    case = lodge(world, "a", on=D(2026, 9, 10))
    world["office_a"] = SupervisorOfficeFactory(name="长春市社会信用体系建设联席会议办公室",
                                                jurisdiction=world["city_a"])
    world["office_province"] = SupervisorOfficeFactory(name="吉林省社会信用体系建设联席会议办公室",
                                                       jurisdiction=world["province"])
    UserFactory(handler=True, department=world["office_province"], username="province_clerk")
    return Deadline.objects.get(owner_id=case.pk, kind=DeadlineKind.REPLY)


def _issue(world, deadline, on):
    return oversight_issue(deadline=deadline, reasons="异议答复已逾期，请立即办理。", acting_user=world["sup_a"],
                           today=on)


def test_a_supervisor_issues_a_oversight_with_feedback_in_three_working_days_across_a_make_up_saturday(
        world, late, django_capture_on_commit_callbacks):
    assert late.due_date == D(2026, 10, 8)
    with django_capture_on_commit_callbacks(execute=True):
        oversight = _issue(world, late, D(2026, 10, 9))
    assert (oversight.department, oversight.office) == (world["dept_a"], world["office_a"])
    assert (oversight.feedback_working_days, oversight.feedback_due_on) == (3, D(2026, 10, 13))
    told = Notification.objects.filter(kind=NotificationKind.OVERSIGHT)
    assert set(told.values_list("recipient__username", flat=True)) == {"handler_a", "handler_a2"}
    assert "2026-10-13前书面反馈" in told.first().message
    assert AuditEntry.objects.filter(action="oversight_issue", actor=world["sup_a"]).exists()
    assert list(oversights_open(scope_path=world["city_a"].path)) == [oversight]
    assert list(oversights_open(scope_path=world["city_b"].path)) == []
    with pytest.raises(DomainError, match="已有待反馈"):
        _issue(world, late, D(2026, 10, 9))


def test_only_an_overdue_or_at_risk_deadline_in_ones_scope_takes_a_oversight(world, late):
    with pytest.raises(DomainError, match="3个工作日内到期"):
        _issue(world, late, D(2026, 9, 10))
    # due in 1 working day: at risk; feedback 8, 9 and Saturday 10 October, after National Day
    assert _issue(world, late, D(2026, 9, 30)).feedback_due_on == D(2026, 10, 10)
    with pytest.raises(DomainError):
        oversight_issue(deadline=late, reasons="请立即办理该案件。", acting_user=world["sup_b"], today=D(2026, 10, 9))
    with pytest.raises(DomainError):
        oversight_issue(deadline=late, reasons="请立即办理该案件。", acting_user=world["handler_a"],
                        today=D(2026, 10, 9))
    # An office never presses itself (a rectification's limit is the office's own to watch).
    assert oversight_refusal(late, today=D(2026, 10, 9), office=world["dept_a"]) == "该期限由本办承办，不能向本办发出督办函。"
    assert oversight_refusal(late, today=D(2026, 10, 9), office=world["office_a"]) == "该期限已有待反馈的督办通知。"


def test_the_department_answers_in_writing_and_the_answer_is_kept(world, late):
    oversight = _issue(world, late, D(2026, 10, 9))
    with pytest.raises(DomainError):
        oversight_answer(oversight=oversight, text="已于当日作出书面答复并送达。", acting_user=world["handler_b"])
    oversight = oversight_answer(oversight=oversight, text="已于当日作出书面答复并送达申请人。",
                                 acting_user=world["handler_a"])
    oversight.refresh_from_db()
    assert oversight.status == OversightStatus.ANSWERED and oversight.answer.startswith("已于当日")
    assert list(oversights_open(scope_path=world["city_a"].path)) == []


def test_still_overdue_after_the_feedback_date_it_escalates_to_the_province_once(
        world, late, django_capture_on_commit_callbacks):
    oversight = _issue(world, late, D(2026, 10, 9))
    assert oversight_escalate_due(today=D(2026, 10, 13)) == []  # the feedback day itself
    with django_capture_on_commit_callbacks(execute=True):
        assert oversight_escalate_due(today=D(2026, 10, 14)) == [oversight]
    oversight.refresh_from_db()
    assert (oversight.status, oversight.escalated_to, oversight.escalated_on) == (
        OversightStatus.ESCALATED, world["office_province"], D(2026, 10, 14))
    told = Notification.objects.filter(step=f"oversight_{oversight.pk}_escalated")
    assert set(told.values_list("recipient__username", flat=True)) == {"province_clerk", "sup_province"}
    assert "现提级督办" in told.first().message
    assert oversight_escalate_due(today=D(2026, 10, 15)) == []


def _letter_text(letter):
    import re

    from django.utils.html import strip_tags

    from letters.rendering import LetterDocument, render_html

    doc = LetterDocument(kind=letter.kind, issuer_name=letter.issuer_name, number=letter.number,
                         addressee=letter.addressee, context=letter.context, issued_on=letter.issued_on)
    return re.sub(r"\s+", "", strip_tags(render_html(doc)))


def test_the_oversight_letter_is_issued_once_numbered_by_the_office_and_states_deadline_lateness_and_feedback(
        world, late, django_capture_on_commit_callbacks):
    from letters.selectors import letters_about

    with django_capture_on_commit_callbacks(execute=True):
        oversight = _issue(world, late, D(2026, 10, 9))
    letters = list(letters_about(oversight))
    assert [letter.kind for letter in letters] == ["oversight_notice"]
    letter = letters[0]
    office = world["office_a"]
    assert (letter.issuer_name, letter.addressee) == (office.name, world["dept_a"].name)
    assert letter.number == f"{office.document_prefix}督办〔2026〕1号"
    assert letter.file  # rendered after the commit
    assert letter.context["standing"] == "overdue" and letter.context["working_days"] == "1"
    text = _letter_text(letter)
    assert "关于异议申请" in text and "书面答复逾期未办结的督办函" in text
    assert "法定到期日2026年10月8日" in text and "已逾期1个工作日" in text
    assert "二（七）" in text and "五（三）" in text
    assert "于2026年10月13日前（自本函签发之日起3个工作日内）将办理情况书面反馈本办" in text
    assert f"本办将提请{world['office_province'].name}提级督办" in text
    # Answered, then a second 督办 on the same deadline: the office's next number, its own letter.
    oversight_answer(oversight=oversight, text="已于当日作出书面答复并送达申请人。", acting_user=world["handler_a"])
    second = _issue(world, late, D(2026, 10, 12))
    assert [x.number for x in letters_about(second)] == [f"{office.document_prefix}督办〔2026〕2号"]
    assert len(letters_about(oversight)) == 1


def test_the_feedback_date_counts_the_make_up_sunday_before_national_day(world, at):
    """Received Friday 28 August, the reply is due Friday 18 September; a 督办 on Thursday
    17 September (one working day left) wants feedback by 18, Sunday 20 (a make-up working
    day) and Monday 21 September."""
    case = lodge(world, "a", on=D(2026, 8, 28))
    world["office_a"] = SupervisorOfficeFactory(name="长春市社会信用体系建设联席会议办公室", jurisdiction=world["city_a"])
    deadline = Deadline.objects.get(owner_id=case.pk, kind=DeadlineKind.REPLY)
    assert deadline.due_date == D(2026, 9, 18)
    oversight = _issue(world, deadline, D(2026, 9, 17))
    assert oversight.feedback_due_on == D(2026, 9, 21)
    assert oversight_letter(oversight).context["standing"] == "at_risk"


def test_at_the_province_there_is_no_level_above_the_row_says_so_and_the_province_is_told(
        world, late, django_capture_on_commit_callbacks):
    oversight = oversight_issue(deadline=late, reasons="异议答复已逾期，请立即办理。", acting_user=world["sup_province"],
                                today=D(2026, 10, 9))
    assert oversight.office == world["office_province"]
    assert "提级督办" not in _letter_text(oversight_letter(oversight))  # nobody above to warn of
    with django_capture_on_commit_callbacks(execute=True):
        assert oversight_escalate_due(today=D(2026, 10, 14)) == [oversight]
    oversight.refresh_from_db()
    assert (oversight.status, oversight.escalated_to) == (OversightStatus.ESCALATED, None)
    assert oversight.escalation_note.startswith("吉林省社会信用体系建设联席会议办公室为最高一级督办单位")
    told = Notification.objects.filter(step=f"oversight_{oversight.pk}_escalated")
    assert set(told.values_list("recipient__username", flat=True)) == {"province_clerk", "sup_province"}


def test_an_answered_oversight_still_escalates_when_the_deadline_stays_overdue_but_not_once_it_is_met(
        world, late):
    from casework.services.deadlines import deadline_meet

    answered = _issue(world, late, D(2026, 10, 9))
    oversight_answer(oversight=answered, text="正在核查，预计下周作出书面答复。", acting_user=world["handler_a"])
    assert oversight_escalate_due(today=D(2026, 10, 14)) == [answered]
    answered.refresh_from_db()
    assert answered.status == OversightStatus.ESCALATED and answered.answer.startswith("正在核查")
    again = oversight_issue(deadline=late, reasons="提级后再次督办，请立即办理。", acting_user=world["sup_province"],
                            today=D(2026, 10, 14))
    deadline_meet(deadline=late, at=beijing(2026, 10, 15))
    assert oversight_escalate_due(today=D(2026, 10, 22)) == []
    again.refresh_from_db()
    assert again.status == OversightStatus.OPEN


def test_the_escalation_task_is_scheduled_every_day_and_reads_todays_date(world, late, at):
    from huey.contrib.djhuey import HUEY

    from supervision.tasks import oversight_escalate_task

    names = {task.name for hour in range(24) for minute in range(60)
             for task in HUEY.read_periodic(datetime.datetime(2026, 10, 14, hour, minute))}
    assert "oversight_escalate_task" in names
    oversight = _issue(world, late, D(2026, 10, 9))
    at(2026, 10, 13)
    assert oversight_escalate_task.call_local() == 0
    at(2026, 10, 14)
    assert oversight_escalate_task.call_local() == 1
    oversight.refresh_from_db()
    assert oversight.status == OversightStatus.ESCALATED


def test_the_quarterly_report_counts_the_oversights_issued_answered_and_escalated_in_the_period(world, late):
    from supervision.services.reports import _letter_context, report_data

    oversight = _issue(world, late, D(2026, 10, 9))
    oversight_escalate_due(today=D(2026, 10, 14))
    oversight_answer(oversight=oversight, text="已于今日作出书面答复并送达申请人。", acting_user=world["handler_a"],
                     when=beijing(2026, 10, 15))
    q4 = report_data(jurisdiction=world["city_a"], start=D(2026, 10, 1), end=D(2026, 12, 31), today=D(2026, 10, 16))
    assert q4["oversight"] == {"issued": 1, "answered": 1, "escalated": 1}
    q3 = report_data(jurisdiction=world["city_a"], start=D(2026, 7, 1), end=D(2026, 9, 30), today=D(2026, 10, 16))
    assert q3["oversight"] == {"issued": 0, "answered": 0, "escalated": 0}
    other = report_data(jurisdiction=world["city_b"], start=D(2026, 10, 1), end=D(2026, 12, 31),
                        today=D(2026, 10, 16))
    assert other["oversight"]["issued"] == 0

    class Report:
        period_label, jurisdiction, kind = "2026年第四季度", world["city_a"], "quarterly"

    summary = _letter_context(Report(), q4)["summary"]
    assert "督办情况：期内发出督办函1件，收到书面反馈1件，提级督办1件。" in summary
    assert "督办情况" not in _letter_context(Report(), q3)["summary"]
