"""Rectification and repair deadlines in supervision: the government is reminded of its
rectification limit, and once it is overdue the supervisor office that ordered it (and the
supervisors above) are told; a repair's review is the determining department's.

Ordered Monday 14 September 2026 with 10 working days: Sunday 20 September is a make-up
working day and Friday 25 September (Mid-Autumn Festival) is not, so the limit ends on
Monday 28 September; the escalations then run across National Day (1–7 October).
"""

import datetime

import pytest

from casework.models import AuditEntry, Deadline, SubjectKind
from casework.models.deadlines import DeadlineKind
from supervision.models import Notification, NotificationKind
from supervision.selectors import Filters, dashboard_list, dashboard_now
from supervision.services.reminders import AUDIT_ESCALATION, supervision_remind
from tests.factories import (
    CreditRecordFactory,
    JurisdictionFactory,
    PunishmentMeasureFactory,
    SubjectFactory,
    SupervisorOfficeFactory,
    UserFactory,
    beijing,
    pdf_upload,
)
from tests.supervision.test_reminders import walk
from workflows.actions import act as rectification_act
from workflows.rectification_actions import rectification_order

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def rectification(world, at):
    """长春's supervisor office orders a county government under 长春 on 14 September."""
    at(2026, 9, 14)
    office = SupervisorOfficeFactory(name="长春市联席会议办公室", jurisdiction=world["city_a"])
    county = JurisdictionFactory(parent=world["city_a"], name="农安县")
    government = SubjectFactory(kind=SubjectKind.GOVERNMENT, jurisdiction=county, name="农安县人民政府")
    record = CreditRecordFactory(subject=government, determined_by=world["dept_a"])
    world["office_handler"] = UserFactory(handler=True, department=office, username="office_handler")
    world["officer"] = UserFactory(subject_officer=True, subject=government, username="nongan_officer")
    world["sup_county"] = UserFactory(supervisor=True, jurisdiction=county, username="sup_county")
    world["office"] = office
    return rectification_order(subject=government, records=[record], requirements="支付拖欠款项",
                               limit_working_days=10, acting_user=world["office_handler"])


def limit(case):
    return Deadline.objects.filter(owner_id=case.pk, kind=DeadlineKind.RECTIFICATION).order_by("-id").first()


def recipients(deadline, step):
    return set(Notification.objects.filter(deadline=deadline, step=step)
               .values_list("recipient__username", flat=True))


def test_the_limit_ends_after_the_make_up_sunday_and_the_mid_autumn_festival(rectification):
    assert limit(rectification).due_date == D(2026, 9, 28)


def test_reminders_then_escalations_across_national_day(rectification):
    sent = walk(D(2026, 9, 14), D(2026, 10, 16))
    assert sent == {
        D(2026, 9, 22): ["remind_3"],  # 23, 24 and 28 September left (25 is a holiday)
        D(2026, 9, 24): ["remind_1"],
        D(2026, 9, 28): ["due_day"],
        D(2026, 9, 29): ["escalate_1"],
        # 30 September (2), the holiday, 8 (3), 9 (4), Saturday 10 (5), 12 October (6)
        D(2026, 10, 12): ["escalate_2"],
    }


def test_the_government_is_reminded_and_the_ordering_office_and_supervisors_are_escalated_to(world, rectification):
    deadline = limit(rectification)
    supervision_remind(today=D(2026, 9, 22))
    supervision_remind(today=D(2026, 9, 29))
    assert recipients(deadline, "remind_3") == {"nongan_officer"}
    note = Notification.objects.get(deadline=deadline, step="remind_3")
    assert note.kind == NotificationKind.REMINDER and "请农安县人民政府抓紧办理" in note.message
    # The office's handlers and the supervisors of the county, the city and the province;
    # not the department that determined the record, nor another city's supervisor.
    assert recipients(deadline, "escalate_1") == {"office_handler", "sup_county", "sup_a", "sup_province"}
    note = Notification.objects.get(deadline=deadline, step="escalate_1", recipient=world["office_handler"])
    assert note.kind == NotificationKind.ESCALATION
    assert "已逾期1个工作日" in note.message and "请长春市联席会议办公室督促整改" in note.message
    entry = AuditEntry.objects.get(target_id=rectification.pk, action=AUDIT_ESCALATION)
    assert entry.details["department"] == "长春市联席会议办公室" and entry.details["kind"] == "rectification"


def test_the_completion_report_stops_the_escalations_and_a_return_starts_them_again(world, rectification, at):
    officer = world["officer"]
    for action, text in (("submit-explanation", "因预算执行监控缺位，导致合同价款逾期支付。"),
                         ("submit-plan", "十个工作日内付清欠款并建立台账。"),
                         ("submit-completion", "欠款已全部付清，台账已建立。")):
        rectification.refresh_from_db()
        rectification_act(case=rectification, action=action, acting_user=officer, payload={"text": text})
    supervision_remind(today=D(2026, 9, 29))
    assert not Notification.objects.exists()
    at(2026, 9, 30)
    rectification.refresh_from_db()
    rectification_act(case=rectification, action="return", acting_user=world["office_handler"],
                      payload={"reasons": "台账未覆盖全部项目。", "new_limit_date": D(2026, 10, 9)})
    deadline = limit(rectification)
    assert deadline.due_date == D(2026, 10, 9)
    supervision_remind(today=D(2026, 10, 12))
    assert recipients(deadline, "escalate_1") == {"office_handler", "sup_county", "sup_a", "sup_province"}


def test_the_dashboard_counts_an_overdue_rectification_under_the_ordering_office(world, rectification):
    now = dashboard_now(scope_path=world["city_a"].path, today=D(2026, 9, 29))
    kinds = {row["code"]: row for row in now["by_case_kind"]}
    assert (kinds["rectification"]["open"], kinds["rectification"]["overdue"]) == (1, 1)
    assert {row["name"]: row["overdue"] for row in now["by_department"]}["长春市联席会议办公室"] == 1
    listed = dashboard_list(scope_path=world["city_a"].path, today=D(2026, 9, 29),
                            filters=Filters(state="overdue", case_kind="rectification"))
    assert [item["case"] for item in listed["items"]] == [rectification]
    assert listed["items"][0]["url_name"] == "work:rectifications:case"
    assert dashboard_now(scope_path=world["city_b"].path, today=D(2026, 9, 29))["total"]["overdue"] == 0


def test_a_repair_review_is_the_determining_departments_and_its_lifting_finds_its_own_source(world, at):
    from workflows.actions import act as repair_act
    from workflows.repair_actions import repair_apply

    at(2026, 9, 14)
    subject = SubjectFactory(jurisdiction=world["city_a"])
    record = CreditRecordFactory(subject=subject, determined_by=world["dept_a"])
    measure = PunishmentMeasureFactory(record=record, imposed_by=world["dept_a"])
    case = repair_apply(record=record, losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                        commitment_file=pdf_upload(), acting_user=UserFactory(subject_officer=True, subject=subject),
                        received_at=beijing(2026, 9, 14))
    review = Deadline.objects.get(owner_id=case.pk, kind=DeadlineKind.REPAIR_REVIEW)
    assert review.due_date == D(2026, 9, 28)  # 10 working days, as above
    supervision_remind(today=D(2026, 9, 29))
    assert recipients(review, "escalate_1") == {"handler_a", "handler_a2", "sup_a", "sup_province"}

    repair_act(case=case, action="decide", acting_user=world["handler_a"], payload={
        "approved": True, "reasons": "已主动挽回损失。",
        "decisions": [{"measure": measure.pk, "decision": "waive"}]})
    lifting = Deadline.objects.get(kind=DeadlineKind.MEASURE_LIFTING)
    report = Deadline.objects.get(kind=DeadlineKind.PROVINCIAL_REPORT)
    # Each knows its case and who must act, stored when it started.
    assert (lifting.case_kind, lifting.case_id, lifting.acting_department) == ("repair", case.pk, world["dept_a"])
    assert (report.case_kind, report.case_id, report.acting_department) == ("repair", case.pk, world["dept_a"])
    assert review.jurisdiction == world["city_a"] and lifting.jurisdiction == world["city_a"]
    now = dashboard_now(scope_path=world["city_a"].path, today=D(2026, 10, 30))
    assert {row["code"]: row["overdue"] for row in now["by_case_kind"]}["repair"] == 2
