import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_healthz_is_liveness_only_and_answers_without_the_database(client):
    """A database outage is /readyz's to report (tests/ops/test_views.py): restarting every
    web process because PostgreSQL blinked would not bring it back."""
    from django.db import DatabaseError
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("connection refused")

    with pytest.MonkeyPatch.context() as patch:  # mended before the fixtures' own checks run
        patch.setattr(CursorWrapper, "execute", broken)
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    "traits, landing",
    [
        ({"subject_officer": True}, "/portal/"),
        ({"handler": True}, "/staff/work/queue/"),
        ({"supervisor": True}, "/staff/work/queue/"),
        ({}, "/staff/work/queue/"),
    ],
)
def test_each_role_lands_on_its_start_page(client, traits, landing):
    client.force_login(UserFactory(**traits))
    response = client.get(reverse("start"))
    assert response.status_code == 302 and response.url == landing


def test_anonymous_start_goes_to_login(client):
    response = client.get(reverse("start"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
