"""Supervision reports that tell the truth, made by the worker on time.

长春's supervisor office orders 农安县人民政府 on Monday 14 September 2026 to rectify in 10
working days (Sunday 20 September is a make-up working day, Friday 25 September the
Mid-Autumn Festival): the limit ends Monday 28 September. The third quarter's report is due
on the first working day after 30 September: National Day runs 1–7 October, so Thursday
8 October. The fourth quarter of 2025 ends on New Year's Eve; 1–3 January 2026 are holidays
and Sunday 4 January a make-up working day, so that report is made on a Sunday.
"""

import csv
import datetime
import io

import pytest

from casework.models import Deadline
from casework.models.deadlines import DeadlineKind
from casework.services.deadlines import deadline_meet
from supervision.models import Notification, NotificationKind, ReportKind, ReportStatus, SupervisionReport
from supervision.services.reports import (
    _letter_context,
    release_day,
    report_data,
    report_title,
    reports_schedule,
)
from tests.factories import beijing
from tests.supervision.conftest import lodge
from tests.supervision.test_rectification_reminders import rectification  # noqa: F401  (a fixture)
from workflows.actions import act

pytestmark = pytest.mark.django_db
D = datetime.date


def _q3(world, today):
    return report_data(jurisdiction=world["city_a"], start=D(2026, 7, 1), end=D(2026, 9, 30), today=today)


def test_the_title_names_the_region_the_period_once_and_the_document_kind(world):
    report = SupervisionReport(kind=ReportKind.QUARTERLY, jurisdiction=world["city_a"], period_label="2026年第四季度",
                               period_start=D(2026, 10, 1), period_end=D(2026, 12, 31))
    assert report_title(report) == "关于长春市2026年第四季度政务失信异议、整改与信用修复调度情况的通报"
    assert str(report) == "长春市 2026年第四季度调度通报"
    report.kind, report.period_label = ReportKind.INSPECTION, "2026年上半年"
    assert report_title(report) == "关于长春市2026年上半年政务失信专项督查情况的通报"


def test_rectification_progress_comes_from_the_cases_and_their_limits(world, rectification, at):
    at(2026, 9, 30)
    data = _q3(world, D(2026, 9, 30))
    progress = data["rectification"]
    assert progress["counts"] == {"ordered": 1, "explained": 0, "returned": 0, "accepted": 0,
                                  "under_acceptance": 0, "overdue": 1}
    assert progress["rows"] == [{
        "case": rectification.number, "subject": "农安县人民政府", "office": "长春市联席会议办公室",
        "ordered_on": "2026-09-14", "due": "2026-09-28", "state": "已下达整改通知，待书面说明", "returns": 0,
        "late": 2,  # 29 and 30 September
    }]
    assert "尚未纳入" not in progress["note"]
    assert progress["note"].endswith("截至2026年9月30日，待验收0件，逾期未完成整改1件。")
    # the open rectification limit is one of the period's overdue items too, under the office
    assert [o["case"] for o in data["overdue"]] == [rectification.number]


def test_a_past_period_reads_the_same_after_the_case_moved_on(world, rectification, at):
    officer, office = world["officer"], world["office_handler"]
    at(2026, 10, 9)  # after National Day: explanation, plan and completion in one day
    for action in ("submit-explanation", "submit-plan", "submit-completion"):
        rectification.refresh_from_db()
        act(case=rectification, action=action, acting_user=officer, payload={"text": "欠款已于十月九日全部付清，台账已建立。"})
    at(2026, 10, 12)
    rectification.refresh_from_db()
    act(case=rectification, action="return", acting_user=office,
        payload={"reasons": "台账未覆盖全部项目。", "new_limit_date": D(2026, 10, 16)})
    at(2026, 10, 15)
    rectification.refresh_from_db()
    act(case=rectification, action="submit-completion", acting_user=officer, payload={"text": "台账已补全，覆盖全部合同项目。"})
    q4 = report_data(jurisdiction=world["city_a"], start=D(2026, 10, 1), end=D(2026, 12, 31), today=D(2026, 10, 15))
    assert q4["rectification"]["counts"] == {"ordered": 0, "explained": 1, "returned": 1, "accepted": 0,
                                             "under_acceptance": 1, "overdue": 0}
    assert q4["rectification"]["rows"][0]["state"] == "整改完成，待验收"
    assert q4["rectification"]["rows"][0]["due"] == "2026-10-16"
    at(2026, 10, 16)
    rectification.refresh_from_db()
    act(case=rectification, action="record-accountability", acting_user=office,
        payload={"person": "张某", "position": "县财政局局长", "action_taken": "诫勉谈话。"})
    act(case=rectification, action="accept", acting_user=office, payload={"opinion": "整改到位。"})
    q4 = report_data(jurisdiction=world["city_a"], start=D(2026, 10, 1), end=D(2026, 12, 31), today=D(2026, 12, 31))
    assert q4["rectification"]["counts"]["accepted"] == 1
    assert q4["rectification"]["rows"][0]["state"] == "验收通过，已办结"
    # the third quarter, made again in December, still shows the case as it stood on 30 September
    q3 = _q3(world, D(2026, 12, 31))["rectification"]
    assert q3["rows"][0]["state"] == "已下达整改通知，待书面说明"
    assert q3["counts"]["overdue"] == 1


def test_the_letter_invents_no_clause_and_counts_withdrawals_apart(world, at):
    at(2026, 9, 10)
    withdrawn = lodge(world, "a", on=D(2026, 9, 10))
    at(2026, 9, 15)
    act(case=withdrawn, action="withdraw", acting_user=withdrawn.lodged_by, payload={"reason": "已与认定部门协商一致"})
    met = lodge(world, "a", on=D(2026, 9, 11))
    deadline_meet(deadline=Deadline.objects.get(owner_id=met.pk, kind=DeadlineKind.REPLY), at=beijing(2026, 9, 22))
    data = _q3(world, D(2026, 9, 30))
    assert (data["totals"]["received"], data["totals"]["withdrawn"]) == (2, 1)
    report = SupervisionReport(kind=ReportKind.QUARTERLY, jurisdiction=world["city_a"], period_label="2026年第三季度",
                               period_start=D(2026, 7, 1), period_end=D(2026, 9, 30))
    context = _letter_context(report, data)
    assert context["title"] == "关于长春市2026年第三季度政务失信异议、整改与信用修复调度情况的通报"
    assert "requirements" not in context
    text = context["summary"] + "".join(context.get("findings", []))
    assert "5个工作日内" not in text and "尚未纳入" not in text
    assert "申请人撤回1件（不计入办结）" in context["summary"]
    assert "异议2件" in context["summary"] and "投诉0件" in context["summary"]
    assert "整改进展：本期无整改案件。" in context["summary"]


def test_the_third_quarters_report_is_due_on_8_october_after_national_day():
    assert release_day(D(2026, 10, 1)) == D(2026, 10, 8)


def test_a_make_up_sunday_is_the_first_working_day_of_2026():
    assert release_day(D(2026, 1, 1)) == D(2026, 1, 4)


def _office(world):
    from tests.factories import SupervisorOfficeFactory, UserFactory

    office = SupervisorOfficeFactory(name="长春市社会信用体系建设联席会议办公室", jurisdiction=world["city_a"],
                                     document_prefix="长信联")
    UserFactory(handler=True, department=office, username="office_clerk")
    return office


def test_the_worker_makes_each_report_once_on_the_first_working_day_after_the_period(
        world, at, django_capture_on_commit_callbacks):
    from letters.selectors import letters_about

    _office(world)
    lodge(world, "a", on=D(2026, 9, 10))
    for day in (D(2026, 10, 1), D(2026, 10, 7)):  # National Day: not yet
        assert [r for r in reports_schedule(today=day) if r.kind == ReportKind.QUARTERLY
                and r.period_start == D(2026, 7, 1)] == []
    at(2026, 10, 8)
    with django_capture_on_commit_callbacks(execute=True):
        made = reports_schedule(today=D(2026, 10, 8))
    quarterly = [r for r in made if r.kind == ReportKind.QUARTERLY]
    assert [(r.jurisdiction, r.period_label) for r in quarterly] == [(world["city_a"], "2026年第三季度")]
    report = quarterly[0]
    report.refresh_from_db()
    assert (report.status, report.scheduled, report.requested_by) == (ReportStatus.DONE, True, None)
    letter = letters_about(report).get()
    assert letter.context["title"] == "关于长春市2026年第三季度政务失信异议、整改与信用修复调度情况的通报"
    assert letter.number.startswith("长信联督〔2026〕")
    rows = list(csv.reader(io.StringIO(report.csv_file.read().decode("utf-8-sig"))))
    assert rows[0] == [letter.context["title"]]
    # announced to the office's staff and the region's supervisors, once
    told = set(Notification.objects.filter(report=report).values_list("recipient__username", flat=True))
    assert told == {"office_clerk", "sup_a"}
    assert Notification.objects.filter(report=report).first().kind == NotificationKind.REPORT
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_schedule(today=D(2026, 10, 9)) == []
    assert SupervisionReport.objects.filter(kind=ReportKind.QUARTERLY, period_start=D(2026, 7, 1)).count() == 1
    assert Notification.objects.filter(report=report).count() == 2


def test_the_half_year_and_the_quarter_before_a_make_up_sunday(world, at, django_capture_on_commit_callbacks):
    _office(world)
    assert reports_schedule(today=D(2026, 1, 3)) == []  # a holiday: the 2025 reports wait
    at(2026, 1, 4)
    with django_capture_on_commit_callbacks(execute=True):
        made = reports_schedule(today=D(2026, 1, 4))
    assert sorted((r.kind, r.period_label) for r in made) == [(ReportKind.INSPECTION, "2025年下半年"),
                                                              (ReportKind.QUARTERLY, "2025年第四季度")]
