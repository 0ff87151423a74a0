"""The login page locks a username (and an address) after repeated failures, in Chinese."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _post(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_login_page_until_reset():
    UserFactory(username="clerk", handler=True)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post(client, "clerk", "guess").status_code in (200, 422)
    locked = _post(client, "clerk", "guess")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "已被暂时锁定" in body and "30 分钟后再试" in body
    assert locked["Retry-After"] == "1800"
    # The right password is refused as well while locked, from another address too.
    assert Client(REMOTE_ADDR="10.3.3.3").post(LOGIN, {"username": "clerk", "password": "pw-for-tests"}).status_code == 429

    call_command("axes_reset_username", "clerk", stdout=open("/dev/null", "w"))
    assert _post(Client(REMOTE_ADDR="10.3.3.3"), "clerk", "pw-for-tests").status_code == 302


def test_a_successful_login_forgets_earlier_failures():
    UserFactory(username="typo", handler=True)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _post(client, "typo", "guess")
    assert _post(client, "typo", "pw-for-tests").status_code == 302
    assert _post(Client(), "typo", "guess").status_code != 429
