"""The public address under letters' QR codes and in e-mail links: stated in production,
following PORT in development (bin/run exports it from PORT as well)."""

import os
import subprocess
import sys

from django.conf import settings

_PRINT = ("import django; django.setup(); from django.conf import settings; "
          "print(settings.LETTERS_PUBLIC_BASE_URL)")


def _settings_process(module, **env):
    run_env = {k: v for k, v in os.environ.items() if k not in ("LETTERS_PUBLIC_BASE_URL", "PORT", "DEBUG")}
    run_env.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run([sys.executable, "-c", _PRINT], cwd=settings.BASE_DIR, env=run_env,
                          capture_output=True, text=True, timeout=120)


# Loading the settings connects to nothing: these addresses only have to be well-formed.
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "credit.example.gov.cn", "PLATFORM_SECRET": "y" * 40,
              "DATABASE_URL": "postgres://credit@127.0.0.1:9/credit", "REDIS_URL": "redis://127.0.0.1:9/0"}


def test_production_refuses_to_start_without_the_public_address():
    result = _settings_process("config.settings.production", **PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "LETTERS_PUBLIC_BASE_URL" in result.stderr


def test_production_uses_the_stated_public_address():
    result = _settings_process("config.settings.production", **PRODUCTION,
                               LETTERS_PUBLIC_BASE_URL="https://xyxf.jl.gov.cn")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "https://xyxf.jl.gov.cn"


def test_development_follows_the_port():
    assert _settings_process("config.settings.base", PORT="8123").stdout.strip() == "http://127.0.0.1:8123"
    assert _settings_process("config.settings.base").stdout.strip() == "http://127.0.0.1:8000"
