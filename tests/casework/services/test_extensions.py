"""Extending a complex case's time limit once (延期): refused while the province's setting is off;
when on, one extension before the original due date, counted in working days from it (across
Mid-Autumn, National Day 2026 and its make-up days 20 Sept and 10 Oct), both the legal and the
stated date moved, one notice with both dates, one audit row."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from casework.errors import DomainError, NotPermittedError
from casework.models import AuditEntry, CaseExtension
from casework.models.deadlines import DeadlineKind
from casework.services import followup
from casework.services.audit import audit_trail
from casework.services.extensions import case_extend, case_extension_refusal
from letters.selectors import letters_about
from tests.factories import beijing, pdf_upload
from workflows.actions import act
from workflows.objection_actions import objection_lodge
from workflows.repair_actions import repair_apply

pytestmark = pytest.mark.django_db
D = datetime.date
REASON = "所涉款项由三个部门分别支付，需逐一调取国库集中支付凭证并向收款单位核实。"


@pytest.fixture
def accepted(two_department_record, at):
    """An objection received Friday 28 August 2026 and accepted: the reply is due Friday 18 September
    (15 working days), as the acceptance notice told the subject. Today is 10 September."""
    w = two_department_record
    at(2026, 8, 31)
    case = objection_lodge(record=w["record"], grounds="该笔款项已全额支付，记录与事实不符。", channel="department",
                           acting_user=w["officer"], received_at=beijing(2026, 8, 28))
    case = act(case=case, action="accept", acting_user=w["handler"])
    at(2026, 9, 10)
    reply = _reply(case)
    assert reply.due_date == reply.stated_due_date == D(2026, 9, 18)
    return case, w


def _reply(case):
    return followup.case_deadline(case, DeadlineKind.REPLY)


def _extend(case, user, days=15, reason=REASON):
    return act(case=case, action="extend", acting_user=user, payload={"days": days, "reason": reason})


def test_refused_with_a_clear_message_while_the_setting_is_off(accepted):
    case, w = accepted
    with pytest.raises(DomainError, match="书面答复期限按本省规定不能延长（未开启延期）"):
        _extend(case, w["handler"])
    assert _reply(case).due_date == D(2026, 9, 18)
    assert not CaseExtension.objects.exists()


def test_fifteen_working_days_from_the_due_date_cross_mid_autumn_and_national_day(accepted, extensions_on):
    case, w = accepted
    extension = _extend(case, w["handler"])
    reply = _reply(case)
    # From Friday 18 Sept: Sunday 20 Sept (make-up) 1, 21–24 Sept 2–5 (25 Sept Mid-Autumn off),
    # 28–30 Sept 6–8, 1–7 Oct off, 8–9 Oct 9–10, Saturday 10 Oct (make-up) 11, 12–15 Oct 12–15.
    assert reply.due_date == reply.stated_due_date == D(2026, 10, 15)
    assert reply.stated_in_letter and not reply.kept_stated_date
    assert reply.working_days == 30  # the extension joins the count: a calendar change recomputes it
    assert (extension.original_due_date, extension.new_due_date, extension.working_days) == (
        D(2026, 9, 18), D(2026, 10, 15), 15)
    assert (extension.deadline_id, extension.granted_by, extension.granted_on) == (reply.pk, w["handler"], D(2026, 9, 10))


def test_five_working_days_count_the_make_up_sunday(accepted, extensions_on):
    case, w = accepted
    _extend(case, w["handler"], days=5)
    # Saturday 19 Sept is off, Sunday 20 Sept a working day (国庆节调休上班): 20, 21, 22, 23, 24.
    assert _reply(case).due_date == D(2026, 9, 24)


def test_the_notice_is_issued_once_with_both_dates(accepted, extensions_on):
    case, w = accepted
    extension = _extend(case, w["handler"])
    notices = [letter for letter in letters_about(case) if letter.kind == "extension_notice"]
    assert len(notices) == 1 and extension.letter == notices[0]
    ctx = notices[0].context
    assert (ctx["title"], ctx["original_due_on"], ctx["new_due_on"], ctx["working_days"]) == (
        "延期答复通知书", "2026-09-18", "2026-10-15", "15")
    assert ctx["reason"] == REASON and ctx["basis"] == extensions_on["reply"]["basis"]
    assert notices[0].addressee == case.subject.name and "延〔2026〕" in notices[0].number


def test_one_audit_row_says_from_which_date_to_which_and_why(accepted, extensions_on):
    case, w = accepted
    _extend(case, w["handler"])
    rows = [e for e in audit_trail(case) if e.action == "deadline_extended"]
    assert len(rows) == 1
    row = rows[0]
    assert (row.actor, row.from_state, row.to_state) == (w["handler"], "2026-09-18", "2026-10-15")
    assert "延长15个工作日" in row.reason and REASON in row.reason
    assert row.details["previous_due_date"] == "2026-09-18" and row.details["extended_by"] == 15


def test_a_second_extension_is_refused(accepted, extensions_on):
    case, w = accepted
    _extend(case, w["handler"], days=3)
    with pytest.raises(DomainError, match="已于2026年9月10日延长过一次期限（至2026年9月22日），不能再次延长"):
        _extend(case, w["handler"], days=3)
    assert _reply(case).due_date == D(2026, 9, 22)


def test_the_database_holds_one_extension_per_case(accepted, extensions_on):
    case, w = accepted
    extension = _extend(case, w["handler"], days=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseExtension.objects.create(
            case=case, deadline=extension.deadline, original_due_date=D(2026, 9, 22), new_due_date=D(2026, 9, 25),
            working_days=3, reason=REASON, granted_by=w["handler"], granted_at=extension.granted_at,
            granted_on=extension.granted_on)


def test_an_extension_cannot_be_rewritten(accepted, extensions_on):
    case, w = accepted
    extension = _extend(case, w["handler"], days=3)
    with pytest.raises(IntegrityError, match="期限延长记录不可修改"), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE casework_caseextension SET working_days = 9 WHERE id = %s", [extension.pk])


def test_on_the_original_due_date_it_is_too_late(accepted, extensions_on, at):
    case, w = accepted
    at(2026, 9, 18, 9, 0)
    with pytest.raises(DomainError, match="延期通知须在原定期限届满前送达申请主体"):
        _extend(case, w["handler"])
    at(2026, 9, 17, 17, 0)
    assert _extend(case, w["handler"]).new_due_date == D(2026, 10, 15)


def test_days_beyond_the_maximum_or_below_one_are_refused(accepted, extensions_on):
    case, w = accepted
    with pytest.raises(DomainError, match="延长的工作日数不能超过15个"):
        _extend(case, w["handler"], days=16)
    with pytest.raises(DomainError, match="至少为1个"):
        _extend(case, w["handler"], days=0)
    with pytest.raises(DomainError, match="不少于10个字"):
        _extend(case, w["handler"], reason="案情复杂")
    assert not CaseExtension.objects.exists() and _reply(case).due_date == D(2026, 9, 18)


def test_only_the_department_that_owes_the_reply_may_extend(accepted, extensions_on):
    case, w = accepted
    for user in (w["other"], w["officer"]):
        with pytest.raises(NotPermittedError):
            case_extend(case=case, days=5, reason=REASON, acting_user=user)


def test_a_case_that_is_not_open_is_refused(accepted, extensions_on):
    case, w = accepted
    case = act(case=case, action="withdraw", acting_user=w["officer"], payload={"reason": "已协商一致"})
    with pytest.raises(DomainError, match="不能延长期限"):
        _extend(case, w["handler"])


def test_a_paused_clock_is_refused(accepted, extensions_on):
    case, w = accepted
    case = act(case=case, action="request-materials", acting_user=w["handler"],
               payload={"materials": "国库集中支付凭证"})
    assert case_extension_refusal(case, w["handler"], today=D(2026, 9, 10)).startswith("等待补正材料")
    with pytest.raises(DomainError, match="中止计算，不能延长"):
        _extend(case, w["handler"])


def test_no_basis_no_extension(accepted, extensions_on, settings):
    case, w = accepted
    settings.CASEWORK_EXTENSIONS = {"reply": {"allowed": True, "max_working_days": 15, "basis": ""}}
    with pytest.raises(DomainError, match="未设定延期依据"):
        _extend(case, w["handler"])


def test_a_repair_review_is_extended_with_its_own_notice(two_department_record, extensions_on, at):
    w = two_department_record
    at(2026, 9, 28)
    case = repair_apply(record=w["record"], losses_recovered="已全额支付拖欠款项及利息，取得企业书面确认。",
                        commitment_signed=True, commitment_file=pdf_upload("承诺书.pdf"), evidence=[pdf_upload()],
                        acting_user=w["officer"], received_at=beijing(2026, 9, 28))
    review = followup.case_deadline(case, DeadlineKind.REPAIR_REVIEW)
    assert review.due_date == D(2026, 10, 16)
    at(2026, 10, 12)
    with pytest.raises(DomainError, match="不能超过10个"):
        _extend(case, w["handler"], days=11)
    extension = _extend(case, w["handler"], days=10)
    review.refresh_from_db()
    assert review.due_date == review.stated_due_date == extension.new_due_date == D(2026, 10, 30)
    assert extension.letter.context["title"] == "延长办理期限通知书"
    assert "国办发〔2025〕22号" in extension.letter.context["basis"]
    assert AuditEntry.objects.filter(action="deadline_extended", target_id=case.pk).count() == 1


def test_meeting_the_extended_date_is_on_time(accepted, extensions_on, at):
    case, w = accepted
    _extend(case, w["handler"])
    at(2026, 10, 9)  # after the original date, before the extended one
    case = act(case=case, action="decide", acting_user=w["handler"],
               payload={"outcome": "not_upheld", "reasons": "经核查，原认定事实清楚。"})
    act(case=case, action="reply", acting_user=w["handler"])
    reply = _reply(case)
    assert reply.met_on == D(2026, 10, 9) and reply.met_on <= reply.due_date


@pytest.mark.usefixtures("fresh_calendar")
def test_a_later_calendar_change_recomputes_the_extended_date(accepted, extensions_on):
    from calendars.models import DayKind
    from calendars.services import calendar_override_set
    from casework.services.deadlines import deadline_recompute_for_calendar_change
    from tests.factories import UserFactory

    case, w = accepted
    _extend(case, w["handler"])  # to 15 October
    admin = UserFactory()
    change = calendar_override_set(on=D(2026, 10, 12), kind=DayKind.DAY_OFF, reason="临时调整", acting_user=admin)
    deadline_recompute_for_calendar_change(changed_dates=change.dates, acting_user=admin)
    reply = _reply(case)
    # The extension is part of the count: one working day fewer in the span, one day later.
    assert reply.due_date == D(2026, 10, 16) and reply.stated_due_date == D(2026, 10, 15)
