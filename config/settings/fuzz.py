"""Settings for the API fuzzing pass (bin/fuzz-api): the test settings on a scratch database.

bin/fuzz-api sets CREDIT_VAR_DIR to a temporary folder, so the SQLite database
(base.py's default, var/credit.sqlite3), the task queue and the media files
are its own; with DATABASE_URL set it runs on that (scratch) PostgreSQL
database instead. The fuzzer posts thousands of requests from one address with
two users and real actions that change the demo cases: throttles are raised
(test settings), the login lockout stays on but only sees the fuzzer's own
failed logins after the tokens were issued, and staff two-factor stays off.
"""

import os
import tempfile

from .test import *  # noqa: F401,F403
from .test import VAR_DIR

STAFF_REQUIRE_2FA = False
MEDIA_ROOT = os.environ.get("FUZZ_MEDIA_ROOT") or tempfile.mkdtemp(prefix="credit-fuzz-media-", dir=VAR_DIR)
# A server error is printed with its traceback, so the fuzz log shows why.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
