"""The operations page: who sees it, what it shows, retry now."""

import pytest
from django.urls import reverse

from exchange.delivery import delivery_run_due
from exchange.models import Delivery, DeliveryState
from staff.exchange_viewsets import PlatformExchangeViewset
from tests.exchange.conftest import make_pending_report
from tests.factories import JurisdictionFactory, SubjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(simulator, fake_clock, settings):
    """One delivered, one failed (the platform refused it), one pending after a 500, one not picked up yet."""
    delivered = make_pending_report()
    delivery_run_due()
    failed = make_pending_report()
    settings.PLATFORM_SECRET = "wrong"
    delivery_run_due()
    settings.PLATFORM_SECRET = simulator.secret
    retrying = make_pending_report()
    simulator.control({"fail_next": 1})
    delivery_run_due()
    waiting = make_pending_report()
    return {"delivered": delivered, "failed": failed, "retrying": retrying, "waiting": waiting}


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("exchange:index"))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("trait", ["handler", "subject_officer"])
def test_handlers_and_subject_officers_may_not_see_it(client, trait):
    client.force_login(UserFactory(**{trait: True}))
    assert client.get(reverse("exchange:index")).status_code == 403


def test_an_administrator_sees_failed_pending_and_waiting_reports_with_their_attempts(client, reports):
    client.force_login(UserFactory())
    response = client.get(reverse("exchange:index"))
    assert response.status_code == 200
    page = response.content.decode()
    failed = [row["report"] for row in response.context["failed"]]
    pending = [row["report"] for row in response.context["pending"]]
    assert failed == [reports["failed"]]
    assert pending == [reports["retrying"], reports["waiting"]]
    assert [r.pk for r in response.context["delivered"]] == [reports["delivered"].pk]
    assert "平台拒收（4xx）" in page and "HTTP 401" in page
    assert "平台故障（5xx）" in page and "尚未被后台程序领取" in page
    assert "立即重试" in page
    platform = response.context["platform"]
    reports["delivered"].refresh_from_db()
    assert platform["last_success"].receipt == reports["delivered"].receipt_number
    assert platform["last_failure"].http_status == 500
    assert platform["waiting_for_worker"] == 1


def test_a_supervisor_sees_the_reports_of_its_jurisdiction_only(client, simulator, fake_clock):
    city = JurisdictionFactory()
    mine = make_pending_report(subject=SubjectFactory(jurisdiction=JurisdictionFactory(parent=city)))
    make_pending_report(subject=SubjectFactory(jurisdiction=JurisdictionFactory()))
    client.force_login(UserFactory(supervisor=True, jurisdiction=city))
    response = client.get(reverse("exchange:index"))
    assert [row["report"] for row in response.context["pending"]] == [mine]


def test_retry_now_is_a_post_that_sends_again_and_says_so(client, reports):
    client.force_login(UserFactory())
    url = reverse("exchange:retry", args=[reports["failed"].pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("exchange:index")
    assert "已安排立即重新报送" in response.content.decode()
    assert Delivery.objects.get(report=reports["failed"]).state == DeliveryState.PENDING


def test_retry_now_on_an_acknowledged_report_is_refused_with_a_message(client, reports):
    client.force_login(UserFactory())
    response = client.post(reverse("exchange:retry", args=[reports["delivered"].pk]), follow=True)
    assert "由平台确认" in response.content.decode()


def test_a_supervisor_cannot_retry_a_report_outside_its_jurisdiction(client, reports):
    client.force_login(UserFactory(supervisor=True, jurisdiction=JurisdictionFactory()))
    assert client.post(reverse("exchange:retry", args=[reports["failed"].pk])).status_code == 404


def test_the_staff_site_menu_entry_is_for_administrators_and_supervisors():
    viewset = PlatformExchangeViewset()
    assert viewset.has_view_permission(UserFactory())
    assert viewset.has_view_permission(UserFactory(supervisor=True))
    assert not viewset.has_view_permission(UserFactory(handler=True))


@pytest.mark.urls("tests.exchange.site_urls")
def test_in_the_staff_site_the_page_and_retry_use_the_sites_namespace(client, reports):
    client.force_login(UserFactory())
    index = reverse("work:exchange:index")
    response = client.get(index)
    assert response.status_code == 200
    retry = reverse("work:exchange:retry", args=[reports["failed"].pk])
    assert f'action="{retry}"' in response.content.decode()
    assert client.post(retry).url == index
