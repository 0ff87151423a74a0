"""Settings for benchmarks/load.py: production's, on loopback, with the load test's relaxations.

With a PostgreSQL DATABASE_URL these are production's settings (which refuse
SQLite: several machines share one database); for the load test's SQLite phase
(two gunicorn workers on one file, the embedded default) they are base's with
production's DEBUG off. Either way: plain HTTP on loopback (no SSL redirect),
staff without the second factor (the benchmark logs a handler in by session),
API throttles raised far above what the load test sends, and one extra URL,
`bench/bare`, the bare `JsonResponse` the lodging rate is compared with
(config/urls_benchmark.py; config.urls, which the access matrix walks, is unchanged).
Secrets come from the environment, set by benchmarks/load.py.
"""

import os

os.environ.setdefault("API_THROTTLE_ANON", "1000000/min")
os.environ.setdefault("API_THROTTLE_USER", "1000000/min")
os.environ.setdefault("API_THROTTLE_TOKEN", "1000000/min")
os.environ.setdefault("STAFF_REQUIRE_2FA", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    from .production import *  # noqa: F401,F403
else:
    from .base import *  # noqa: F401,F403

    DEBUG = False
    SECRET_KEY = os.environ["SECRET_KEY"]
    ALLOWED_HOSTS = [h for h in os.environ["ALLOWED_HOSTS"].split(",") if h]
    STAFF_REQUIRE_2FA = False

ROOT_URLCONF = "config.urls_benchmark"
# Hashed names as in production (whitenoise's manifest, which {% static %} reads), but nothing
# compressed: compressing every asset took minutes of collectstatic on a shared machine, and
# the load test requests no static file.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    "css", "js", "mjs", "map", "svg", "html", "htm", "txt", "json", "xml", "md", "scss", "less", "ts",
    "woff", "woff2", "ttf", "otf", "eot", "png", "jpg", "jpeg", "gif", "ico", "webp", "pdf", "gz", "br",
]
