"""Settings shared by every environment.

This module is also the development default (manage.py points here): it runs
on SQLite in var/ and a file-based task queue with nothing to install.
`test` and `production` import it and override what differs.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CREDIT_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Development only: production.py refuses to start without its own key.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    # Expiring API tokens, only their digests stored (api/auth.py).
    "knox",
    # Lockout after repeated failed logins; its admin is the unlock (accounts/README in the report).
    "axes",
    # Two-factor for staff: TOTP devices and one-time recovery codes (accounts/).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "viewflow",
    "viewflow.workflow",
    "calendars",
    "letters",
    "casework",
    "workflows",
    "portal",
    # Pages for the public, no account: publication, lookup, guide, calculator (under /public/).
    "public",
    # The complaint form's captcha: drawn by Pillow on this machine, no outside service.
    "captcha",
    "api",
    "supervision",
    "exchange",
    "staff",
    "accounts",
    # Readiness checks (/readyz), the consumers' heartbeat, request ids in logs and tasks.
    "health_check",
    "ops",
    "demo",
]

# The page of a human task in every case kind's flow: the flows (workflows/) name the steps,
# the staff site draws them (workflows must not import the room above it).
WORKFLOWS_TASK_VIEW = "staff.case_views.CaseTaskView"

MIDDLEWARE = [
    # First: every line logged while the request runs carries its id (ops/request_id.py).
    "ops.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: gives request.user.is_verified() for the two-factor check.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "casework.busy.BusyMiddleware",  # a busy database → 503 page keeping the form; a lost race → 409
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as axes asks: it turns a lockout flagged during authenticate() into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "supervision.context_processors.notifications",
            ],
        },
    },
]

# SQLite in var/ unless DATABASE_URL names another database (PostgreSQL in
# production and in the second CI pass).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'credit.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes. IMMEDIATE takes
    # the write lock when a transaction begins: a deferred transaction that has
    # read and then writes gets SQLITE_BUSY at once (no waiting, to avoid a
    # deadlock), which made 50 of 60 concurrent lodges fail; immediate ones
    # queue on the lock for up to `timeout` seconds instead
    # (shared/notes/sqlite-concurrency.md).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "casework.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

# Task queue: a SQLite file by default, Redis when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "credit",
        "url": os.environ["REDIS_URL"],
        "immediate": False,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "credit",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Token first: an unauthenticated request is answered 401 with `WWW-Authenticate: Token`.
    # knox's tokens expire and are deleted at logout; no HTTP Basic (a password on every request,
    # outside the lockout's view of login attempts). Sessions stay for the browsable API and docs.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.token_auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/min"),
        "user": os.environ.get("API_THROTTLE_USER", "600/min"),
        # The token endpoint, per address: password guessing is slowed here before axes locks.
        "token": os.environ.get("API_THROTTLE_TOKEN", "20/min"),
    },
    # Proxies in front of the app that append to X-Forwarded-For: the client is the entry
    # that many from the right (0: REMOTE_ADDR). Axes reads the same (accounts/client_address.py).
    "NUM_PROXIES": int(os.environ.get("TRUSTED_PROXY_COUNT", "0")) or None,
    # Domain errors (casework.errors) become 400/403/409 in one place.
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "政务诚信异议、整改与信用修复 API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc from drf-spectacular-sidecar's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # validatorUrl null: Swagger UI would otherwise fetch a badge from swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models have a `status`: name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "ObjectionStatusEnum": "casework.models.objections.ObjectionStatus",
        "NonAcceptanceReasonEnum": "casework.models.objections.NonAcceptanceReason",
        "PlatformReportStatusEnum": "casework.models.objections.PlatformReportStatus",
        "MeasureLiftingStatusEnum": "casework.models.objections.MeasureLiftingStatus",
        "RecordStatusEnum": "casework.models.records.RecordStatus",
        "MeasureStatusEnum": "casework.models.records.MeasureStatus",
        "RepairStatusEnum": "casework.models.repairs.RepairStatus",
        "RectificationStatusEnum": "casework.models.rectifications.RectificationStatus",
    },
}

VIEWFLOW = {}

# One cache every process on the machine (or, with Redis, every machine) shares: the API's
# throttle counters live here, and a per-process LocMemCache would give each gunicorn worker
# its own allowance. axes keeps its failure counts in the database, not here.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("CACHE_REDIS_URL", os.environ["REDIS_URL"]),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Password for the demo users created by `manage.py seed_demo`.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")

# --- logging and error reporting ----------------------------------------------
# LOG_FORMAT=plain (readable lines, the development default) or json (one object a line with
# the request id; production's default). The dict is built in config/logging_config.py.
from config.logging_config import logging_config  # noqa: E402
from config.sentry import sentry_init  # noqa: E402

LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = logging_config(log_format=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO"))
# Unhandled errors of views and tasks to a Sentry-compatible server when SENTRY_DSN is set.
SENTRY_ENABLED = sentry_init(os.environ)

# /readyz (ops/checks.py): more tasks than this waiting makes it fail (0: no limit); and it fails
# when the heartbeat task, every minute, has not run for this long (no scheduler or no consumer).
OPS_QUEUE_MAX_PENDING = int(os.environ.get("OPS_QUEUE_MAX_PENDING", "10000"))
OPS_HEARTBEAT_MAX_AGE_SECONDS = int(os.environ.get("OPS_HEARTBEAT_MAX_AGE_SECONDS", "180"))
# --- end logging and error reporting ------------------------------------------

# --- casework limits: the seed's values (吉政办发〔2017〕75号 二(十)) as defaults
CASEWORK_LIMITS = {
    "objection_reply_working_days": int(os.environ.get("OBJECTION_REPLY_WORKING_DAYS", "15")),
    "materials_working_days": int(os.environ.get("MATERIALS_WORKING_DAYS", "10")),
    "provincial_report_working_days": int(os.environ.get("PROVINCIAL_REPORT_WORKING_DAYS", "5")),
    "measure_lifting_working_days": int(os.environ.get("MEASURE_LIFTING_WORKING_DAYS", "5")),
    "evidence_max_bytes": int(os.environ.get("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024))),
    "evidence_max_files": int(os.environ.get("EVIDENCE_MAX_FILES", "10")),
    # Repair handling limits, working days (国办发〔2025〕22号, its part 明确信用修复办理期限;
    # part number not read): the decision whether to accept within 3, the result within 10
    # of receipt. Order No. 36 repeats them; its article number is not confirmed (docs/rules.md).
    "repair_acceptance_working_days": int(os.environ.get("REPAIR_ACCEPTANCE_WORKING_DAYS", "3")),
    "repair_review_working_days": int(os.environ.get("REPAIR_REVIEW_WORKING_DAYS", "10")),
    # Minimum publication period before a record may be repaired, in months (国办发〔2025〕22号).
    "repair_min_publication_months_minor": int(os.environ.get("REPAIR_MIN_MONTHS_MINOR", "0")),
    "repair_min_publication_months_general": int(os.environ.get("REPAIR_MIN_MONTHS_GENERAL", "3")),
    "repair_min_publication_months_serious": int(os.environ.get("REPAIR_MIN_MONTHS_SERIOUS", "12")),
    # Maximum publication period, in months (Order No. 36 and 国办发〔2025〕22号): past it a record
    # stops being shown (casework/publication.py, the daily run).
    "publication_max_months_minor": int(os.environ.get("PUBLICATION_MAX_MONTHS_MINOR", "3")),
    "publication_max_months_general": int(os.environ.get("PUBLICATION_MAX_MONTHS_GENERAL", "12")),
    "publication_max_months_serious": int(os.environ.get("PUBLICATION_MAX_MONTHS_SERIOUS", "36")),
    "rectification_default_working_days": int(os.environ.get("RECTIFICATION_DEFAULT_WORKING_DAYS", "20")),
    # Complaints (casework/limits.py says why these figures).
    "complaint_acceptance_working_days": int(os.environ.get("COMPLAINT_ACCEPTANCE_WORKING_DAYS", "5")),
    "complaint_transfer_working_days": int(os.environ.get("COMPLAINT_TRANSFER_WORKING_DAYS", "15")),
    "complaint_duplicate_window_days": int(os.environ.get("COMPLAINT_DUPLICATE_WINDOW_DAYS", "30")),
    # Appeals against a repair decision (casework/limits.py says why these figures).
    "repair_appeal_lodging_days": int(os.environ.get("REPAIR_APPEAL_LODGING_DAYS", "60")),
    "repair_appeal_decision_working_days": int(os.environ.get("REPAIR_APPEAL_DECISION_WORKING_DAYS", "10")),
}

# --- extensions of a time limit (延期), per deadline kind (casework/extension_rules.py, docs/rules.md):
# whether a complex case's limit may be extended once, by at most how many working days, and the
# provision the extension notice cites. Off by default: the plan's 15 working days to reply (二（十）)
# has no extension, and the extension 国办发〔2025〕22号 allows for a complex repair could not be
# read with its length; the province turns either on here (or by the environment) with its basis.
CASEWORK_EXTENSIONS = {
    "reply": {
        "allowed": os.environ.get("OBJECTION_REPLY_EXTENSION", "0") == "1",
        "max_working_days": int(os.environ.get("OBJECTION_REPLY_EXTENSION_MAX_DAYS", "15")),
        "basis": os.environ.get("OBJECTION_REPLY_EXTENSION_BASIS", ""),
    },
    "repair_review": {
        "allowed": os.environ.get("REPAIR_REVIEW_EXTENSION", "0") == "1",
        "max_working_days": int(os.environ.get("REPAIR_REVIEW_EXTENSION_MAX_DAYS", "10")),
        "basis": os.environ.get(
            "REPAIR_REVIEW_EXTENSION_BASIS",
            "《国务院办公厅印发〈关于进一步完善信用修复制度的实施方案〉的通知》（国办发〔2025〕22号）"
            "第四部分关于因案情复杂或需进行核查的可以延长信用修复办理期限的规定"),
    },
}

# --- public pages ------------------------------------------------------------
# Case look-ups without an account, per client address (DRF's rate syntax, the API throttles' cache).
PUBLIC_LOOKUP_RATE = os.environ.get("PUBLIC_LOOKUP_RATE", "20/min")
# Complaints lodged per client address (public/throttle.py): a person lodges one or two.
PUBLIC_COMPLAINT_RATE = os.environ.get("PUBLIC_COMPLAINT_RATE", "5/hour")

# --- letters ---------------------------------------------------------------
# Fonts for letters/ (Fandol, HanaMinB): fetched by bin/setup, never committed.
# letters/fonts.py writes a fontconfig file listing this folder, with its cache
# in LETTERS_FONTCONFIG_DIR, and points FONTCONFIG_FILE at it before WeasyPrint
# loads. Without the folder letters still render, in Noto CJK.
LETTERS_FONT_DIR = Path(os.environ.get("LETTERS_FONT_DIR", BASE_DIR / "var" / "fonts")).resolve()
LETTERS_FONTCONFIG_DIR = VAR_DIR / "fontconfig"
# The public address printed under each letter's QR code (…/letters/verify/<code>).
# Production requires it; in development it follows PORT, as bin/run serves there.
LETTERS_PUBLIC_BASE_URL = os.environ.get(
    "LETTERS_PUBLIC_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
# A rendering worker holds its letter this long; after that the every-minute task queues it again
# (the worker died). Well above one letter's rendering time (about a second).
LETTERS_RENDER_LEASE_SECONDS = float(os.environ.get("LETTERS_RENDER_LEASE_SECONDS", "60"))
# --- end letters -----------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Role scopes as permission strings for viewflow's queues (casework/backends.py). Asked before
    # ModelBackend so a staff page's flow checks, which it grants, cost no permission queries.
    # It logs nobody in (authenticate returns None), so sign-in still goes to ModelBackend.
    "casework.backends.ScopeBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- supervision: reminders, escalations, dashboard, reports -----------------
SUPERVISION = {
    # Reminders this many working days before a due date; the due day itself always.
    "reminder_working_days": [
        int(n) for n in os.environ.get("SUPERVISION_REMINDER_WORKING_DAYS", "3,1").split(",") if n.strip()
    ],
    # While overdue, escalate again every this many working days.
    "escalation_every_working_days": int(os.environ.get("SUPERVISION_ESCALATION_EVERY", "5")),
    # "Due soon" on the dashboard: within this many working days.
    "soon_working_days": int(os.environ.get("SUPERVISION_SOON_WORKING_DAYS", "3")),
    "from_email": os.environ.get("SUPERVISION_FROM_EMAIL", ""),
    # The department's written feedback on a 督办, in working days. No article of the plan
    # (吉政办发〔2017〕75号) sets it: 3 is the province's choice, to be confirmed by it.
    "oversight_feedback_working_days": int(os.environ.get("SUPERVISION_OVERSIGHT_FEEDBACK_DAYS", "3")),
}
# SMTP instead of the console: EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
# with EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@credit.invalid")
# --- end supervision ---------------------------------------------------------

# --- exchange: delivery to the provincial credit platform -------------------
# Where and how the worker sends the reports (exchange/). The default URL is the
# platform simulator that bin/run starts (manage.py platform_simulator --port 8765).
PLATFORM_URL = os.environ.get("PLATFORM_URL", "http://127.0.0.1:8765/reports/")
# Shared with the platform: signs each request body and checks each answer's
# X-Signature. `check --deploy` refuses the development default.
PLATFORM_SECRET = os.environ.get("PLATFORM_SECRET", "dev-only-platform-secret")
# Seconds the client waits for each socket operation (connect, send, answer).
PLATFORM_TIMEOUT = float(os.environ.get("PLATFORM_TIMEOUT", "10"))
# Failures in a row after which the supervisors are told (retrying goes on).
PLATFORM_MAX_FAILURES = int(os.environ.get("PLATFORM_MAX_FAILURES", "5"))
# Back-off after the n-th failure: min(cap, base * 2**(n-1)) seconds, half of it jittered.
PLATFORM_BACKOFF_BASE = float(os.environ.get("PLATFORM_BACKOFF_BASE", "30"))
PLATFORM_BACKOFF_CAP = float(os.environ.get("PLATFORM_BACKOFF_CAP", "3600"))
# A worker holds a delivery this long; after that another worker takes it back
# (the first one died mid-request). Keep it well above PLATFORM_TIMEOUT.
PLATFORM_LEASE_SECONDS = float(os.environ.get("PLATFORM_LEASE_SECONDS", "120"))
# How long one run of the every-minute task may keep sending.
PLATFORM_RUN_SECONDS = float(os.environ.get("PLATFORM_RUN_SECONDS", "50"))
# --- end exchange ------------------------------------------------------------

# The deadline indexes carry extra columns so PostgreSQL answers the dashboard
# from the index alone; SQLite ignores them (its warning W040 says so) and
# still uses the key columns.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- accounts: lockout, API tokens, two-factor, security headers -------------
from datetime import timedelta  # noqa: E402

# django-axes: a username is locked after AXES_FAILURE_LIMIT failures from anywhere, an address
# after as many failures for any usernames, for AXES_COOLOFF_MINUTES. Unlock early in the admin
# (访问尝试 → delete) or `manage.py axes_reset_username <name>` / `axes_reset_ip <address>`.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The page or JSON a locked-out attempt gets, in Chinese, with the minutes to wait.
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
AXES_VERBOSE = False

# django-rest-knox: tokens expire API_TOKEN_TTL_HOURS after login; only a digest is stored.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=float(os.environ.get("API_TOKEN_TTL_HOURS", "10"))),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_LIMIT_PER_USER": None,
    "AUTO_REFRESH": False,
}

# Handlers, supervisors and administrators must pass a second factor (TOTP or a recovery code)
# on every staff page when on. Off by default so the demo's printed logins work; on in production.
STAFF_REQUIRE_2FA = os.environ.get("STAFF_REQUIRE_2FA", "0") == "1"
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "政务诚信异议整改修复")

# Content-Security-Policy (django-csp 4): no inline script anywhere; Swagger UI's start script
# carries the request's nonce (templates/drf_spectacular/swagger_ui.html). Styles may be inline:
# viewflow's material components and its theme block set style attributes.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# --- end accounts ------------------------------------------------------------

# --- input limits --------------------------------------------------------------
# A hostile or mistaken body gets a clear 400/413, never a 500 (api/parsers.py).
# Non-file request bodies (JSON, form fields): 1 MiB, well above the longest
# texts casework.limits allows (10,000 characters, 30 KB in UTF-8). Evidence
# files have their own limit (CASEWORK_LIMITS evidence_max_bytes, max_files).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(1024 * 1024)))
# Deeper JSON than this is refused: no API body nests more than 3 levels, and
# Python's json would raise RecursionError on a few thousand.
API_JSON_MAX_DEPTH = 32
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "api.parsers.LimitedJSONParser",
    "api.parsers.LimitedFormParser",  # the browsable API's forms
    "api.parsers.LimitedMultiPartParser",  # evidence uploads
]
# Every operation documents every error answer with one JSON schema (api/schema_hooks.py);
# separate request components so multipart file fields are `format: binary`, not URIs.
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "api.schema_hooks.add_standard_errors",
]
SPECTACULAR_SETTINGS["COMPONENT_SPLIT_REQUEST"] = True
# --- end input limits ------------------------------------------------------------
