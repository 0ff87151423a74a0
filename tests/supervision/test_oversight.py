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
    oversights_open,
)
from tests.factories import SupervisorOfficeFactory, UserFactory
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
