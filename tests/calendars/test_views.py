"""The public calculator page (calendars/views.py), through the test client."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("public:calendar")  # among the public pages; /calendar/ redirects there


def test_anyone_can_open_the_calculator_without_logging_in(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "期限计算器" in response.content.decode()


def test_received_28_september_reply_due_23_october_and_why(client):
    page = client.get(URL, {"received": "2026-09-28", "working_days": "15"}).content.decode()
    assert "2026年10月23日" in page
    assert "国庆节调休上班" in page and "国庆节" in page and "第15天" in page
    assert "暂定" not in page


def test_a_due_date_in_a_provisional_year_carries_a_warning(client):
    page = client.get(URL, {"received": "2026-12-28", "working_days": "15"}).content.decode()
    assert "2027年1月19日" in page
    assert "注意：2027年的放假安排尚未" in page


@pytest.mark.parametrize(
    "params, message",
    [
        ({"received": "2026-02-30", "working_days": "15"}, "有效的日期"),
        ({"received": "1999-05-01", "working_days": "15"}, "日期应在"),
        ({"received": "2026-09-28", "working_days": "-1"}, "1"),
        ({"received": "2026-09-28", "working_days": "100000"}, "1000"),
        ({"received": "2040-12-28", "working_days": "15"}, "超出了工作日历支持的范围"),
    ],
)
def test_bad_input_is_shown_as_an_error_not_a_crash(client, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "逐日计算过程" not in page
