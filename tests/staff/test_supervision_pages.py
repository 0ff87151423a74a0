"""Supervision pages live in the staff site (its theme and menu); the old /supervision/ addresses redirect."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_PAGES = [
    "oversight_app:oversight:index", "oversight_app:oversight:list", "oversight_app:oversight:reports",
    "work:notifications:index",
]


def _in_the_staff_site(html: str) -> bool:
    return ("vf-page__menu" in html and "--mdc-theme-primary: #b71c1c" in html
            and "Django Material" not in html and "政务诚信异议·整改·修复" in html)


@pytest.mark.parametrize("name", SITE_PAGES)
def test_every_supervision_page_has_the_sites_theme_and_menu(client, name):
    client.force_login(UserFactory(supervisor=True))
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert _in_the_staff_site(response.content.decode())


@pytest.mark.parametrize("old, new", [
    ("/supervision/", "/staff/oversight_app/oversight/"),
    ("/supervision/?start=2026-07-01&end=2026-09-30", "/staff/oversight_app/oversight/?start=2026-07-01&end=2026-09-30"),
    ("/supervision/list/?state=overdue&department=7", "/staff/oversight_app/oversight/list/?state=overdue&department=7"),
    ("/supervision/reports/", "/staff/oversight_app/oversight/reports/"),
    ("/supervision/reports/12/status.json", "/staff/oversight_app/oversight/reports/12/status.json"),
    ("/supervision/reports/12/xlsx", "/staff/oversight_app/oversight/reports/12/xlsx"),
    ("/supervision/notifications/", "/staff/work/notifications/"),
])
def test_old_addresses_redirect_to_the_site_keeping_the_query(client, old, new):
    client.force_login(UserFactory(supervisor=True))
    response = client.get(old)
    assert (response.status_code, response.url) == (302, new)


def test_a_form_posted_to_the_old_reports_address_keeps_its_method(client):
    client.force_login(UserFactory(supervisor=True))
    response = client.post("/supervision/reports/", {"kind": "quarterly"})
    assert (response.status_code, response.url) == (307, "/staff/oversight_app/oversight/reports/")


def test_the_site_nav_of_the_dashboard_points_inside_the_site(client):
    client.force_login(UserFactory(supervisor=True))
    html = client.get(reverse("oversight_app:oversight:index")).content.decode()
    assert 'href="/staff/oversight_app/oversight/reports/"' in html
    assert 'href="/supervision/reports/"' not in html


def test_a_subjects_bell_leads_to_its_notifications_in_the_portal_look(client):
    officer = UserFactory(subject_officer=True)
    client.force_login(officer)
    portal = client.get(reverse("portal:home")).content.decode()
    assert 'class="sv-bell" href="/supervision/notifications/"' in portal
    response = client.get("/supervision/notifications/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "portal/portal.css" in html and "vf-page__menu" not in html and "没有通知。" in html
    assert client.get(reverse("work:notifications:index")).status_code in (403, 404)
    marked = client.post(reverse("supervision:notifications_read"))
    assert marked.url == "/supervision/notifications/"


def test_staff_marking_read_goes_back_to_the_sites_notifications(client):
    client.force_login(UserFactory(handler=True))
    assert client.post(reverse("work:notifications:read")).url == "/staff/work/notifications/"


@pytest.mark.parametrize("old", ["/supervision/", "/supervision/list/", "/supervision/reports/1/status.json",
                                 "/supervision/reports/1/csv", "/supervision/notifications/"])
def test_old_read_only_addresses_refuse_a_post(client, old):
    client.force_login(UserFactory(supervisor=True))
    assert client.post(old).status_code == 405
