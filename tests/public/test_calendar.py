"""The public calculator lives among the public pages; the old address follows it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_calculator_is_a_public_page(client):
    response = client.get(reverse("public:calendar"), {"received": "2026-09-28", "working_days": 15})
    page = response.content.decode()
    assert response.status_code == 200
    assert "政务主体门户" not in page and "公众服务" in page
    assert "2026年10月23日" in page


def test_the_old_address_redirects_with_its_query(client):
    response = client.get("/calendar/?received=2026-09-28&working_days=15")
    assert response.status_code == 301
    assert response["Location"] == "/public/calendar/?received=2026-09-28&working_days=15"


def test_the_calendar_management_pages_stay_staff_pages(client):
    response = client.get(reverse("calendar:manage"))
    assert response.status_code in (302, 403) and "/public/" not in response.get("Location", "")
