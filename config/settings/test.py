"""Test settings: fast hashing, tasks run in-process, files in a scratch folder."""

import os
import tempfile
import warnings

from .base import *  # noqa: F401,F403
from .base import HUEY

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = {**HUEY, "immediate": True}
MEDIA_ROOT = tempfile.mkdtemp(prefix="credit-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": os.environ.get("LOG_LEVEL", "WARNING")}}

from .base import DATABASES, VAR_DIR  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not ":memory:": the browser tests' live server answers from
    # other threads, and an in-memory database shared across threads fails
    # when those threads close their connections.
    # One file per run, so two runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

# --- accounts: the suite makes hundreds of API calls a minute from one address and a few
# users; tests/api/test_auth.py lowers the token rate itself to see a throttle answer 429.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min", "token": "100000/min"},
}
# Throttle counters per run, not in the developer's var/cache.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="credit-test-cache-"),
    }
}

# The complaint form's captcha accepts "PASSED" in tests (django-simple-captcha's test mode);
# its warning that test mode is on is what these settings mean, so it is not shown.
CAPTCHA_TEST_MODE = True
warnings.filterwarnings("ignore", message="CAPTCHA_TEST_MODE is enabled", category=RuntimeWarning)
