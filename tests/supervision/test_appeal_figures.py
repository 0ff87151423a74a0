"""Appeals against a repair decision in the supervisors' figures: an overdue appeal shows on the
dashboard (open and overdue, under its own case kind) and in the quarterly report's overdue list."""

import datetime

import pytest

from casework.services.appeals import repair_appeal_lodge
from supervision.selectors import dashboard_now
from supervision.services.reports import report_data

pytestmark = pytest.mark.django_db


def test_an_overdue_appeal_shows_on_the_dashboard_and_in_the_report(appeal_world, at):
    world = appeal_world
    case = repair_appeal_lodge(repair=world["repair"], acting_user=world["officer"],
                               grounds="拖欠款项已于2026年8月全部付清，决定书认定未挽回损失与事实不符。")
    at(2026, 10, 19)  # the 10 working days ended on 10-16
    today = datetime.date(2026, 10, 19)
    now = dashboard_now(scope_path=world["supervisor"].jurisdiction.path, today=today)
    appeals = next(row for row in now["by_case_kind"] if row["code"] == "appeal")
    assert appeals["label"] == "信用修复申诉" and appeals["open"] == 1 and appeals["overdue"] == 1
    data = report_data(jurisdiction=world["supervisor"].jurisdiction, start=datetime.date(2026, 10, 1),
                       end=datetime.date(2026, 12, 31), today=today)
    overdue = [row for row in data["overdue"] if row["case"] == case.number]
    assert overdue and overdue[0]["case_kind"] == "信用修复申诉" and overdue[0]["kind"] == "信用修复申诉处理"
    assert overdue[0]["department"] == world["office"].name
