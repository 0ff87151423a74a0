"""Production settings: every secret and host comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"环境变量 {name} 未设置 (required environment variable {name} is not set)")
    return value


SECRET_KEY = _required("SECRET_KEY")
DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")

# The development default signs nothing a real platform would accept; refuse to start with it.
if PLATFORM_SECRET == "dev-only-platform-secret":  # noqa: F405
    raise ImproperlyConfigured(
        "环境变量 PLATFORM_SECRET 仍是开发默认值 (PLATFORM_SECRET is the development default)"
    )
# Letters' QR codes point at the public site: its first host over HTTPS unless told otherwise.
LETTERS_PUBLIC_BASE_URL = os.environ.get("LETTERS_PUBLIC_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# --- accounts: HTTPS only, strict headers, two-factor for staff --------------
# Behind a TLS-terminating proxy that already redirects, SECURE_SSL_REDIRECT=0 (the proxy must
# set X-Forwarded-Proto, SECURE_PROXY_SSL_HEADER above).
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
# Preloading is hard to undo (browsers ship the list): only on purpose.
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "0") == "1"
if not SECURE_HSTS_PRELOAD:
    # W021 only says the site could not be submitted to the preload list; off is the decision.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
STAFF_REQUIRE_2FA = os.environ.get("STAFF_REQUIRE_2FA", "1") == "1"
# --- end accounts ------------------------------------------------------------
