"""API tokens (knox): issued for a password, expiring, revoked at logout; lockout, throttling, no Basic."""

import base64
import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient, APIRequestFactory

from api.auth import TokenObtainThrottle
from api.token_auth import TokenAuthentication
from casework.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def _login(username, password="pw-for-tests", **extra):
    return APIClient().post(TOKEN_URL, {"username": username, "password": password}, format="json", **extra)


def _client(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_username_and_password_give_an_expiring_token_that_authenticates():
    user = UserFactory(username="officer1", subject_officer=True)
    response = _login("officer1")
    assert response.status_code == 200
    assert set(response.data) == {"token", "expiry"}
    token = response.data["token"]
    assert _client(token).get("/api/v1/records/").status_code == 200

    stored = AuthToken.objects.get(user=user)
    # Only a digest is stored, and the token lives REST_KNOX's TOKEN_TTL (10 hours by default).
    assert token not in (stored.digest, stored.token_key) and stored.digest != token
    expected = timezone.now() + settings.REST_KNOX["TOKEN_TTL"]
    assert abs(stored.expiry - expected) < datetime.timedelta(minutes=1)
    # A second login (another client program) gets a token of its own.
    assert _login("officer1").data["token"] != token
    assert AuthToken.objects.filter(user=user).count() == 2


def test_an_expired_token_is_refused_and_deleted():
    user = UserFactory(subject_officer=True)
    instance, token = AuthToken.objects.create(user, expiry=datetime.timedelta(seconds=-1))
    assert _client(token).get("/api/v1/records/").status_code == 401
    assert not AuthToken.objects.filter(pk=instance.pk).exists()


def test_a_request_reads_only_its_own_token_and_sign_in_deletes_the_users_expired_ones():
    user = UserFactory(username="officer-tokens", subject_officer=True)
    expired = [AuthToken.objects.create(user, expiry=datetime.timedelta(seconds=-1))[0] for _ in range(3)]
    _, token = AuthToken.objects.create(user)
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {token}")
    with CaptureQueriesContext(connection) as queries:
        authenticated, _ = TokenAuthentication().authenticate(request)
    # One query, the token with its user: knox's own class read every token of the user besides.
    assert authenticated == user and len(queries) == 1
    assert AuthToken.objects.filter(user=user).count() == 4  # the expired ones wait for sign-in
    assert _login("officer-tokens").status_code == 200
    assert not AuthToken.objects.filter(pk__in=[t.pk for t in expired]).exists()
    assert AuthToken.objects.filter(user=user).count() == 2  # the live one and the new one


def test_logout_deletes_the_token_it_is_sent_with_and_logout_all_every_token():
    user = UserFactory(subject_officer=True)
    _, first = AuthToken.objects.create(user)
    _, second = AuthToken.objects.create(user)
    _, third = AuthToken.objects.create(user)

    assert _client(first).post("/api/v1/auth/logout/").status_code == 204
    assert _client(first).get("/api/v1/records/").status_code == 401
    assert _client(second).get("/api/v1/records/").status_code == 200

    assert _client(second).post("/api/v1/auth/logout-all/").status_code == 204
    assert _client(third).get("/api/v1/records/").status_code == 401
    assert not AuthToken.objects.filter(user=user).exists()


def test_logging_out_of_the_web_session_revokes_the_users_api_tokens():
    user = UserFactory(subject_officer=True)
    other = UserFactory(subject_officer=True)
    _, token = AuthToken.objects.create(user)
    _, others_token = AuthToken.objects.create(other)
    browser = APIClient()
    browser.force_login(user)

    assert browser.post("/accounts/logout/").status_code == 302
    assert _client(token).get("/api/v1/records/").status_code == 401
    assert _client(others_token).get("/api/v1/records/").status_code == 200
    entry = AuditEntry.objects.get(action="api_tokens_revoked", target_id=user.pk)
    assert entry.actor == user and entry.details == {"count": 1}


def test_a_wrong_password_gives_no_token():
    UserFactory(username="officer2", subject_officer=True)
    response = _login("officer2", "guess")
    assert response.status_code == 400
    assert "token" not in response.data


def test_an_inactive_user_gets_no_token():
    user = UserFactory(username="gone", subject_officer=True)
    user.is_active = False
    user.save()
    assert _login("gone").status_code == 400


def test_a_bad_token_is_401():
    assert _client("not-a-token").get("/api/v1/records/").status_code == 401


def test_http_basic_is_not_accepted():
    UserFactory(username="basic", subject_officer=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"basic:pw-for-tests").decode())
    response = client.get("/api/v1/records/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_session_authentication_still_works():
    user = UserFactory(subject_officer=True)
    client = APIClient()
    client.force_login(user)
    assert client.get("/api/v1/objections/").status_code == 200


def test_five_wrong_passwords_lock_the_username_with_a_json_429_until_an_administrator_resets_it():
    UserFactory(username="target", subject_officer=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login("target", "guess").status_code == 400
    locked = _login("target", "guess")
    assert locked.status_code == 429
    assert "已被暂时锁定" in locked.json()["detail"]
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    # Even the right password, from another address, while locked.
    assert _login("target", REMOTE_ADDR="10.9.9.9").status_code == 429

    call_command("axes_reset_username", "target", stdout=open("/dev/null", "w"))
    assert _login("target").status_code == 200


def test_wrong_passwords_for_many_usernames_lock_the_address():
    UserFactory(username="real", subject_officer=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(f"guess{n}", "guess", REMOTE_ADDR="10.1.1.1")
    assert _login("real", REMOTE_ADDR="10.1.1.1").status_code == 429
    assert _login("real", REMOTE_ADDR="10.1.1.2").status_code == 200


def test_the_token_endpoint_is_throttled_per_address_with_a_json_429_and_retry_after(monkeypatch):
    # The test settings raise every rate so the suite runs; lower this one to see it bite.
    monkeypatch.setattr(TokenObtainThrottle, "rate", "3/min", raising=False)
    cache.clear()
    UserFactory(username="busy", subject_officer=True)
    for _ in range(3):
        assert _login("busy", REMOTE_ADDR="10.2.2.2").status_code == 200
    throttled = _login("busy", REMOTE_ADDR="10.2.2.2")
    assert throttled.status_code == 429
    assert throttled["Content-Type"] == "application/json"
    assert "detail" in throttled.json()
    assert 0 < int(throttled["Retry-After"]) <= 60
    assert _login("busy", REMOTE_ADDR="10.2.2.3").status_code == 200
