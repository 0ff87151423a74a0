"""`manage.py check --deploy` under the production settings: clean when configured, loud when not."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from accounts.checks import check_demo_passwords
from tests.factories import UserFactory


def _check_deploy(tmp_path, **env):
    environment = {
        # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (set in this process when they are
        # collected): a deployment never has it, and check --deploy rightly fails on it.
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "credit.example.gov.cn",
        "LETTERS_PUBLIC_BASE_URL": "https://credit.example.gov.cn",
        "PLATFORM_SECRET": secrets.token_hex(32),
        # Production takes PostgreSQL only; nothing listens on port 9, so the demo-password
        # check has nobody to warn about (it skips a database it cannot read).
        "DATABASE_URL": "postgres://credit@127.0.0.1:9/credit",
        "REDIS_URL": "redis://127.0.0.1:9/0",
        "CREDIT_VAR_DIR": str(tmp_path),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_every_deploy_check(tmp_path):
    result = _check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_the_development_platform_secret(tmp_path):
    result = _check_deploy(tmp_path, PLATFORM_SECRET="dev-only-platform-secret")
    assert result.returncode != 0
    assert "PLATFORM_SECRET" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_turning_https_redirect_off_is_reported(tmp_path):
    # Behind a proxy that redirects itself this is the operator's choice, and check says so.
    result = _check_deploy(tmp_path, SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0 and "security.W008" in result.stderr


@pytest.mark.django_db
def test_a_user_with_the_demo_password_is_warned_about():
    assert check_demo_passwords(None) == []
    UserFactory(username="demo-admin", password=settings.DEMO_PASSWORD)
    UserFactory(username="fine")
    gone = UserFactory(username="gone", password=settings.DEMO_PASSWORD)
    gone.is_active = False
    gone.save()
    [warning] = check_demo_passwords(None)
    assert warning.id == "accounts.W001"
    assert "demo-admin" in warning.msg and "gone" not in warning.msg and "fine" not in warning.msg
