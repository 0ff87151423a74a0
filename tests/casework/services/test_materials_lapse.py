"""The supply limit is a real deadline: when it passes without the materials, the case goes
back in hand, its clock runs again from the day after the last day to supply, and the
department decides on what it has. Dates across Mid-Autumn (25 Sept) and National Day 2026
(1–7 Oct off, Saturday 10 Oct a make-up working day)."""

import datetime

import pytest
from viewflow.workflow.status import STATUS

from casework.errors import DomainError
from casework.models import ObjectionStatus, RepairStatus
from casework.models.deadlines import DeadlineKind
from casework.services import followup
from casework.services.audit import audit_trail
from casework.services.materials import LAPSE_REASON, materials_lapse
from tests.factories import beijing, pdf_upload
from workflows.actions import act, allowed_action_names
from workflows.case_flow import process_for
from workflows.materials_actions import materials_lapse_due
from workflows.objection_actions import objection_lodge
from workflows.repair_actions import repair_apply
from workflows.tasks import materials_lapse_task

pytestmark = pytest.mark.django_db
D = datetime.date


def _open_nodes(case):
    return sorted(t.flow_task.name for t in
                  process_for(case).task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]))


def _act(case, action, user, **payload):
    case.refresh_from_db()
    act(case=case, action=action, acting_user=user, payload=payload)
    case.refresh_from_db()
    return case


def _deadline(case, kind):
    return followup.case_deadline(case, kind)


@pytest.fixture
def objection(two_department_record, at):
    """Received Monday 21 Sept (reply due 19 Oct); materials asked on Thursday 24 Sept, when three
    of the fifteen working days had run: to supply by 15 Oct (28–30 Sept, 8–10 Oct, 12–15 Oct)."""
    w = two_department_record
    at(2026, 9, 21)
    case = objection_lodge(record=w["record"], grounds="该笔款项已全额支付，记录与事实不符。", channel="department",
                           acting_user=w["officer"], received_at=beijing(2026, 9, 21))
    assert _deadline(case, DeadlineKind.REPLY).due_date == D(2026, 10, 19)
    at(2026, 9, 22)
    _act(case, "accept", w["handler"])
    at(2026, 9, 24)
    _act(case, "request-materials", w["handler"], materials="银行回单")
    assert case.status == ObjectionStatus.AWAITING_MATERIALS
    assert _deadline(case, DeadlineKind.MATERIALS).due_date == D(2026, 10, 15)
    return case, w


def test_objection_lapse_resumes_the_reply_clock_after_national_day_and_decide_is_allowed(objection, at):
    case, w = objection
    at(2026, 10, 15, 23, 50)
    assert materials_lapse_due(today=D(2026, 10, 15)) == 0  # the last day still belongs to the subject
    at(2026, 10, 16, 0, 20)
    assert materials_lapse_task.call_local() == 1
    case.refresh_from_db()
    assert case.status == ObjectionStatus.UNDER_VERIFICATION
    assert _open_nodes(case) == ["verify"]  # the department's task is open again
    materials = _deadline(case, DeadlineKind.MATERIALS)
    assert materials.met_at is not None and materials.met_on == D(2026, 10, 16)
    # Twelve working days were left; they run from 16 Oct: 16, 19–23, 26–30 Oct, 2 Nov.
    reply = _deadline(case, DeadlineKind.REPLY)
    assert not reply.is_paused and reply.due_date == D(2026, 11, 2)
    entry = [e for e in audit_trail(case) if e.action == "lapse_materials"][0]
    assert entry.reason == LAPSE_REASON and entry.actor is None
    assert (entry.from_state, entry.to_state) == (ObjectionStatus.AWAITING_MATERIALS, ObjectionStatus.UNDER_VERIFICATION)
    assert "decide" in allowed_action_names(case, w["handler"])
    _act(case, "decide", w["handler"], outcome="not_upheld", reasons="依据现有材料，记录属实。")
    assert case.status == ObjectionStatus.DECIDED
    assert materials_lapse_due(today=D(2026, 10, 17)) == 0  # running again changes nothing


def test_supplying_on_the_last_day_still_counts(objection, at):
    case, w = objection
    at(2026, 10, 15, 23, 30)
    _act(case, "supply-materials", w["officer"], note="已补充银行回单。")
    assert case.status == ObjectionStatus.UNDER_VERIFICATION
    assert _deadline(case, DeadlineKind.REPLY).due_date == D(2026, 11, 2)
    at(2026, 10, 16, 0, 20)
    assert materials_lapse_due(today=D(2026, 10, 16)) == 0


def test_supplying_after_the_limit_is_refused_before_and_after_the_daily_lapse(objection, at):
    case, w = objection
    at(2026, 10, 16, 0, 5)  # the job has not run yet: still refused, in words the subject reads
    with pytest.raises(DomainError) as exc:
        _act(case, "supply-materials", w["officer"], note="迟交的银行回单。")
    assert "补正期限已于2026年10月15日届满" in exc.value.messages[0]
    materials_lapse_due(today=D(2026, 10, 16))
    with pytest.raises(DomainError) as exc:
        _act(case, "supply-materials", w["officer"], note="迟交的银行回单。")
    assert "补正期限已于2026年10月15日届满" in exc.value.messages[0]


def test_a_late_job_still_resumes_the_clock_from_the_limit_not_from_its_run(objection, at):
    case, _ = objection
    at(2026, 10, 20)
    assert materials_lapse_due(today=D(2026, 10, 20)) == 1
    assert _deadline(case, DeadlineKind.REPLY).due_date == D(2026, 11, 2)


def test_lapse_before_the_limit_is_refused(objection, at):
    case, _ = objection
    with pytest.raises(DomainError, match="尚未届满"):
        materials_lapse(case=case, today=D(2026, 10, 15))


def test_repair_lapse_returns_to_review_and_the_review_clock_resumes(two_department_record, at):
    w = two_department_record
    at(2026, 9, 21)
    case = repair_apply(record=w["record"], losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                        commitment_file=pdf_upload("承诺书.pdf"), acting_user=w["officer"],
                        received_at=beijing(2026, 9, 21))
    review_days = _deadline(case, DeadlineKind.REPAIR_REVIEW).working_days
    at(2026, 9, 24)  # three working days used: 22, 23, 24 Sept
    _act(case, "request-materials", w["handler"], materials="信用承诺书原件")
    assert _deadline(case, DeadlineKind.MATERIALS).due_date == D(2026, 10, 15)
    at(2026, 10, 16, 0, 20)
    assert materials_lapse_due(today=D(2026, 10, 16)) == 1
    case.refresh_from_db()
    assert case.status == RepairStatus.UNDER_REVIEW
    assert _open_nodes(case) == ["review"]
    review = _deadline(case, DeadlineKind.REPAIR_REVIEW)
    from calendars.current import current_calendar
    assert review.due_date == current_calendar().add_working_days(D(2026, 10, 15), review_days - 3)
    assert "decide" in allowed_action_names(case, w["handler"])


@pytest.mark.usefixtures("fresh_calendar")
def test_the_subject_keeps_the_stated_supply_date_when_a_calendar_change_makes_the_legal_one_earlier(
        objection, at):
    from calendars.models import DayKind
    from calendars.services import calendar_override_set
    from casework.services.deadlines import deadline_recompute_for_calendar_change
    from supervision.models import Notification
    from supervision.services.reminders import supervision_remind

    case, w = objection
    change = calendar_override_set(on=D(2026, 10, 11), kind=DayKind.WORKING, reason="补班")  # a Sunday
    deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=None)
    materials = _deadline(case, DeadlineKind.MATERIALS)
    assert (materials.due_date, materials.stated_due_date) == (D(2026, 10, 14), D(2026, 10, 15))
    at(2026, 10, 15)
    assert materials_lapse_due(today=D(2026, 10, 15)) == 0  # the letter said 15 Oct
    supervision_remind(today=D(2026, 10, 15))
    assert Notification.objects.filter(deadline_id=materials.pk, step="due_day", recipient=w["officer"]).exists()
    assert "2026-10-15" in Notification.objects.get(deadline_id=materials.pk, step="due_day").message
    at(2026, 10, 16, 0, 20)
    assert materials_lapse_due(today=D(2026, 10, 16)) == 1
