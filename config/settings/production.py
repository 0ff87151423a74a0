"""Production settings: every secret and host comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403

# --- required settings: every missing one named at once -----------------------
# bin/serve checks the same list before starting anything; here it guards every other way in
# (a systemd unit, a shell). PLATFORM_SECRET has a development default in base, refused below.
REQUIRED_ENVIRONMENT = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "PLATFORM_SECRET")
_missing = [name for name in REQUIRED_ENVIRONMENT if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        f"缺少环境变量 {', '.join(_missing)} (required environment variables not set: {', '.join(_missing)})"
    )
# Several web and worker machines share one database: SQLite (one machine's file) is the
# embedded default only.
if not DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):  # noqa: F405
    raise ImproperlyConfigured(
        "DATABASE_URL 须指向 PostgreSQL (DATABASE_URL must be postgres://…; SQLite is for development only)"
    )
# --- end required settings ----------------------------------------------------


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
# Letters' QR codes and e-mail links point at the public site: a deployment states its address
# (a proxy's host and scheme are not guessable from ALLOWED_HOSTS).
LETTERS_PUBLIC_BASE_URL = _required("LETTERS_PUBLIC_BASE_URL")

# JSON lines with the request id for the log collector unless LOG_FORMAT=plain.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = logging_config(log_format=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO"))  # noqa: F405

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

# --- static files and stored files --------------------------------------------
# whitenoise serves the collected static files (compressed, names hashed so they may be cached
# for ever) from every web process; bin/serve runs collectstatic before gunicorn starts.
if os.environ.get("STATIC_ROOT"):
    STATIC_ROOT = os.environ["STATIC_ROOT"]
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
# Evidence, letters and reports: S3-compatible object storage when the S3_* settings are given
# (several machines serve the same files), this machine's MEDIA_ROOT otherwise. Either way files
# leave only through the permission-checked views (letters/downloads.py), never a media URL.
_S3 = {name: os.environ.get(name, "")
       for name in ("S3_ENDPOINT_URL", "S3_BUCKET", "S3_ACCESS_KEY", "S3_SECRET_KEY")}
if any(_S3.values()):
    _s3_missing = [name for name, value in _S3.items() if not value]
    if _s3_missing:
        raise ImproperlyConfigured(
            f"S3 存储缺少环境变量 {', '.join(_s3_missing)} (S3 storage needs {', '.join(_s3_missing)} as well)"
        )
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "endpoint_url": _S3["S3_ENDPOINT_URL"],
            "bucket_name": _S3["S3_BUCKET"],
            "access_key": _S3["S3_ACCESS_KEY"],
            "secret_key": _S3["S3_SECRET_KEY"],
            "region_name": os.environ.get("S3_REGION", "us-east-1"),
            # Path-style works with every S3-compatible server (SeaweedFS, MinIO) without DNS.
            "addressing_style": "path",
            "signature_version": "s3v4",
            # Objects stay private; the bucket's policy decides, never a per-object ACL.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            # Never overwrite: a letter's archive name is taken once (letters/services.py).
            "file_overwrite": False,
        },
    }
else:
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "config.staticfiles.StaticFilesStorage"},  # whitenoise CompressedManifest
}
# --- end static files and stored files ----------------------------------------

# --- database connections (H3) -------------------------------------------------
# A new PostgreSQL connection per request cost half the lodging throughput
# (benchmarks/load.py): keep each worker's connection for a minute, and check
# it before reuse so a restarted database costs one failed check, not a 500.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# --- end database connections --------------------------------------------------
