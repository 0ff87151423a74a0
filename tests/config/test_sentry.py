"""Errors reach a Sentry-compatible server when SENTRY_DSN is set, and nothing starts without it."""

import gzip
import http.server
import json
import os
import subprocess
import sys
import threading

import pytest
from django.conf import settings

from config.sentry import sentry_init

# A view that fails, served by the real middleware stack of the test settings.
_RAISE_IN_A_VIEW = """
import sys, types
import django
django.setup()
import sentry_sdk
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path

assert settings.SENTRY_ENABLED
def broken(request):
    raise RuntimeError("sentry probe 4711")
urls = types.ModuleType("sentry_probe_urls")
urls.urlpatterns = [path("broken", broken)]
sys.modules["sentry_probe_urls"] = urls
with override_settings(ROOT_URLCONF="sentry_probe_urls"):
    client = Client(raise_request_exception=False)
    print(client.get("/broken", HTTP_COOKIE="sessionid=secret-cookie").status_code)
sentry_sdk.flush(timeout=10)
"""


@pytest.fixture
def sentry_server():
    """A loopback HTTP server that stores every body POSTed to it, decompressed."""
    bodies = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            encoding = self.headers.get("Content-Encoding")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "br":  # sentry-sdk's choice when brotli is installed (WeasyPrint brings it)
                import brotli

                body = brotli.decompress(body)
            bodies.append((self.path, body.decode("utf-8", "replace")))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], bodies
    server.shutdown()
    server.server_close()


def test_an_unhandled_error_in_a_view_is_delivered_to_the_dsn(sentry_server, tmp_path):
    port, bodies = sentry_server
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "CREDIT_VAR_DIR": str(tmp_path),
           "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/7", "SENTRY_ENVIRONMENT": "ci-probe"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", _RAISE_IN_A_VIEW], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "500", result.stderr[-3000:]
    events = [body for path, body in bodies if path == "/api/7/envelope/" and "sentry probe 4711" in body]
    assert len(events) == 1, bodies
    event = json.loads(next(line for line in events[0].splitlines() if "sentry probe 4711" in line))
    assert event["environment"] == "ci-probe" and event["level"] == "error"
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["transaction"] == "/broken"
    assert "secret-cookie" not in events[0]  # send_default_pii=False: no cookies


def test_nothing_starts_without_a_dsn():
    assert sentry_init({}) is False and settings.SENTRY_ENABLED is False
