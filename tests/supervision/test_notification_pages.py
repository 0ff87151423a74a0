"""The bell and the notifications page: everyone signed in sees their own."""

import datetime

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from supervision.models import Notification
from supervision.services.reminders import supervision_remind
from tests.supervision.conftest import lodge

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminded(world):
    lodge(world)
    supervision_remind(today=datetime.date(2026, 9, 28))
    return Notification.objects.filter(recipient=world["handler_a"])


def test_the_bell_shows_the_unread_count(world, reminded):
    request = RequestFactory().get("/")
    request.user = world["handler_a"]
    html = Template('{% include "supervision/_bell.html" %}').render(RequestContext(request, {}))
    assert 'sv-bell-count">1<' in html
    request.user = world["handler_b"]
    assert "sv-bell-count" not in Template('{% include "supervision/_bell.html" %}').render(
        RequestContext(request, {}))
    assert Context  # the snippet needs the request context processors, not a bare Context


def test_list_and_mark_read(client, world, reminded):
    client.force_login(world["handler_a"])
    page = client.get(reverse("work:notifications:index")).content.decode()
    assert "还剩3个工作日" in page
    note = reminded.get()
    response = client.post(reverse("supervision:notifications_read"), {"id": note.pk})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None


def test_one_cannot_mark_anothers_notification_read(client, world, reminded):
    client.force_login(world["handler_b"])
    client.post(reverse("supervision:notifications_read"), {"id": reminded.get().pk})
    assert reminded.get().read_at is None
