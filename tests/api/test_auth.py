"""Token authentication, next to the session authentication the browsable API and docs use."""

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def test_username_and_password_give_a_token_that_authenticates():
    user = UserFactory(username="officer1", subject_officer=True)
    response = APIClient().post(
        TOKEN_URL, {"username": "officer1", "password": "pw-for-tests"}, format="json"
    )
    assert response.status_code == 200
    token = response.data["token"]

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/records/").status_code == 200
    # The same token again for the same user.
    again = APIClient().post(TOKEN_URL, {"username": "officer1", "password": "pw-for-tests"}, format="json")
    assert again.data["token"] == token
    assert user.auth_token.key == token


def test_a_wrong_password_gives_no_token():
    UserFactory(username="officer2", subject_officer=True)
    response = APIClient().post(TOKEN_URL, {"username": "officer2", "password": "guess"}, format="json")
    assert response.status_code == 400
    assert "token" not in response.data


def test_an_inactive_user_gets_no_token():
    user = UserFactory(username="gone", subject_officer=True)
    user.is_active = False
    user.save()
    response = APIClient().post(TOKEN_URL, {"username": "gone", "password": "pw-for-tests"}, format="json")
    assert response.status_code == 400


def test_a_bad_token_is_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/records/").status_code == 401


def test_session_authentication_still_works():
    user = UserFactory(subject_officer=True)
    client = APIClient()
    client.force_login(user)
    assert client.get("/api/v1/objections/").status_code == 200
