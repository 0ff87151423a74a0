"""Complaints in the supervisors' figures: an overdue acceptance review shows on the dashboard
(open and overdue, under its own case kind) and in the quarterly report's overdue list."""

import datetime

import pytest

from casework.services import complaints as svc
from supervision.selectors import dashboard_now
from supervision.services.reports import report_data

pytestmark = pytest.mark.django_db


def test_an_overdue_complaint_shows_on_the_dashboard_and_in_the_report(rectification_world, at):
    world = rectification_world
    case = svc.complaint_lodge(subject=world["government"], facts="县政府承诺的企业搬迁补偿款至今未付，已逾一年。",
                               occurred_on=datetime.date(2026, 9, 1))
    at(2026, 11, 2)  # the 5 working days of the acceptance review ended in October
    scope = world["supervisor"].jurisdiction.path
    now = dashboard_now(scope_path=scope, today=datetime.date(2026, 11, 2))
    complaints = next(row for row in now["by_case_kind"] if row["code"] == "complaint")
    assert complaints["label"] == "投诉" and complaints["open"] == 1 and complaints["overdue"] == 1
    data = report_data(jurisdiction=world["supervisor"].jurisdiction, start=datetime.date(2026, 10, 1),
                       end=datetime.date(2026, 12, 31), today=datetime.date(2026, 11, 2))
    overdue = [row for row in data["overdue"] if row["case"] == case.number]
    assert overdue and overdue[0]["case_kind"] == "投诉" and overdue[0]["kind"] == "投诉受理审查"
    assert overdue[0]["department"] == world["office"].name
