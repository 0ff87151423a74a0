"""Production settings: every required setting named when missing, PostgreSQL only, whitenoise for
static files, S3 storage when the S3_* settings are given; and letters that render and download
through a storage that is not the file system (no `.path` anywhere on the way)."""

import hashlib
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.storage import InMemoryStorage, default_storage, memory
from django.test import override_settings

from letters import samples
from letters.models import LetterStatus
from letters.services import Issuer, letter_archive_intact, letter_issue
from letters.views import letter_file_response

REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "PLATFORM_SECRET")
PRODUCTION = {
    "SECRET_KEY": "k" * 50,
    "ALLOWED_HOSTS": "credit.example.gov.cn",
    # Nothing listens on port 9: loading the settings connects to neither.
    "DATABASE_URL": "postgres://credit@127.0.0.1:9/credit",
    "REDIS_URL": "redis://127.0.0.1:9/0",
    "PLATFORM_SECRET": "p" * 40,
    "LETTERS_PUBLIC_BASE_URL": "https://credit.example.gov.cn",
}
S3 = {
    "S3_ENDPOINT_URL": "http://127.0.0.1:9",
    "S3_BUCKET": "credit-letters",
    "S3_ACCESS_KEY": "app",
    "S3_SECRET_KEY": "s" * 40,
}
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages
print(json.dumps({
    "default": default_storage.__class__.__name__,
    "default_backend": settings.STORAGES["default"]["BACKEND"],
    "options": settings.STORAGES["default"].get("OPTIONS", {}),
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
    "static_class_mro": [c.__module__ + "." + c.__name__ for c in type(storages["staticfiles"]).__mro__],
    "middleware": settings.MIDDLEWARE,
    "huey": settings.HUEY["huey_class"],
}))
"""


def _load(**env):
    run_env = {k: v for k, v in os.environ.items() if k not in (*REQUIRED, *S3, "DJANGO_ALLOW_ASYNC_UNSAFE")}
    run_env.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run([sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, env=run_env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", REQUIRED)
def test_production_refuses_to_load_without_each_required_setting(name):
    env = {k: v for k, v in PRODUCTION.items() if k != name}
    result = _load(**env)
    assert result.returncode != 0
    last = result.stderr.splitlines()[-1]
    assert "ImproperlyConfigured" in result.stderr and name in last, result.stderr[-800:]


def test_every_missing_setting_is_named_in_one_message():
    result = _load()
    assert result.returncode != 0
    last = result.stderr.splitlines()[-1]
    assert all(name in last for name in REQUIRED), last


def test_production_refuses_sqlite():
    result = _load(**{**PRODUCTION, "DATABASE_URL": "sqlite:////tmp/credit.sqlite3"})
    assert result.returncode != 0 and "PostgreSQL" in result.stderr.splitlines()[-1]


def test_without_s3_settings_files_stay_on_the_file_system_and_static_files_go_through_whitenoise():
    result = _load(**PRODUCTION)
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = json.loads(result.stdout)
    assert loaded["default_backend"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["default"] == "FileSystemStorage"
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in loaded["static_class_mro"]
    middleware = loaded["middleware"]
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1)
    assert loaded["huey"] == "huey.RedisHuey"


def test_with_s3_settings_files_go_to_the_bucket():
    result = _load(**PRODUCTION, **S3, S3_REGION="cn-northeast-1")
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = json.loads(result.stdout)
    assert loaded["default"] == "S3Storage"
    options = loaded["options"]
    assert (options["endpoint_url"], options["bucket_name"], options["region_name"]) == (
        "http://127.0.0.1:9", "credit-letters", "cn-northeast-1")
    assert options["file_overwrite"] is False and options["default_acl"] is None


def test_s3_settings_given_in_part_are_refused_naming_what_is_missing():
    result = _load(**PRODUCTION, S3_BUCKET="credit-letters")
    assert result.returncode != 0
    last = result.stderr.splitlines()[-1]
    assert "S3_ENDPOINT_URL" in last and "S3_ACCESS_KEY" in last and "S3_SECRET_KEY" in last
    assert "S3_BUCKET," not in last


def test_the_development_default_keeps_whitenoise_out():
    assert "whitenoise.middleware.WhiteNoiseMiddleware" not in settings.MIDDLEWARE


class PathlessStorage(InMemoryStorage):
    """Django's in-memory storage without `path()` for its callers, as S3Storage is.

    InMemoryStorage keys its own files by path, so only calls from outside it are refused.
    """

    def path(self, name):
        if sys._getframe(1).f_code.co_filename != memory.__file__:
            raise NotImplementedError("object storage has no path")
        return super().path(name)


IN_MEMORY = {
    "default": {"BACKEND": "tests.config.test_production_settings.PathlessStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@override_settings(STORAGES=IN_MEMORY)
def test_a_letter_renders_and_downloads_through_a_storage_without_paths(
        db, django_capture_on_commit_callbacks):
    """No `path()`, as on S3: rendering, archiving, checking and downloading use the storage API."""
    from django.contrib.auth import get_user_model

    assert default_storage.__class__ is PathlessStorage  # the lazy proxy passes __class__ on
    with pytest.raises(NotImplementedError):
        default_storage.path("letters/x.pdf")
    staff = get_user_model().objects.create_superuser("storage-officer", password="x")
    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_issue(
            issuer=Issuer(key="department:12", name="长春市财政局", number_prefix="长财信"),
            kind="objection_reply", addressee=samples.sample_addressee("objection_reply"),
            context=samples.sample_context("objection_reply"), acting_user=staff,
        )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED
    assert default_storage.exists(letter.file.name)
    assert letter_archive_intact(letter=letter)

    response = letter_file_response(letter)
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == letter.sha256


@override_settings(STORAGES=IN_MEMORY)
def test_a_department_seal_in_object_storage_is_printed_on_its_letters(db, tmp_path,
                                                                      django_capture_on_commit_callbacks):
    """An uploaded seal has no path on S3: the issuer names it in the storage, and the renderer
    reads it through the storage into a local copy."""
    from django.core.files.base import ContentFile

    from casework.services.case_letters import department_issuer
    from letters.services import SEAL_IN_STORAGE
    from tests.factories import DepartmentFactory, image_bytes

    department = DepartmentFactory(document_prefix="长财信")
    department.seal_image.save("seal.png", ContentFile(image_bytes("PNG", (300, 300))))
    issuer = department_issuer(department)
    assert issuer.seal_path == SEAL_IN_STORAGE + department.seal_image.name
    with override_settings(VAR_DIR=tmp_path), django_capture_on_commit_callbacks(execute=True):
        letter = letter_issue(
            issuer=issuer, kind="objection_reply", addressee=samples.sample_addressee("objection_reply"),
            context=samples.sample_context("objection_reply"),
        )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED and letter.issuer_seal_path == issuer.seal_path
    copy = tmp_path / "seal-cache" / department.seal_image.name
    assert copy.read_bytes() == image_bytes("PNG", (300, 300))
    assert letter_archive_intact(letter=letter)
