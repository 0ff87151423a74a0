"""Every stored file leaves through letters.downloads: an attachment, typed by its
content, nosniff, an ASCII name and the Chinese one; and no /media/ URL serves anything."""

import importlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse
from openpyxl import Workbook

from casework.models import EvidenceFile
from casework.services import objections as svc
from letters.downloads import CSV, OCTET_STREAM, PDF, XLSX, content_disposition, file_response
from tests.factories import CreditRecordFactory, UserFactory, image_bytes, pdf_bytes


class _Stored:
    """A FieldFile stand-in over the default storage: what the views pass in."""

    def __init__(self, name: str, content: bytes):
        self.name = default_storage.save(name, ContentFile(content))

    def open(self, mode="rb"):
        return default_storage.open(self.name, mode)


def _xlsx() -> bytes:
    out = io.BytesIO()
    book = Workbook()
    book.active.append(["地区", "件数"])
    book.save(out)
    return out.getvalue()


def test_the_disposition_has_an_ascii_fallback_and_the_utf8_name():
    assert content_disposition("YY-2026-000001受理通知书.pdf") == (
        "attachment; filename=\"YY-2026-000001.pdf\"; filename*=UTF-8''"
        "YY-2026-000001%E5%8F%97%E7%90%86%E9%80%9A%E7%9F%A5%E4%B9%A6.pdf"
    )
    # Quotes, line breaks and semicolons cannot break out of the header.
    header = content_disposition('a";\r\nSet-Cookie: x=1.pdf')
    assert "\r" not in header and "\n" not in header
    assert header.startswith('attachment; filename="a_Set-Cookie_x_1.pdf"; filename*=')


@pytest.mark.parametrize("content, allowed, content_type, name", [
    (pdf_bytes(), (PDF,), PDF, "报告.pdf"),
    (image_bytes("JPEG"), ("image/jpeg", "image/png"), "image/jpeg", "报告.jpg"),
    (_xlsx(), (XLSX,), XLSX, "报告.xlsx"),
    ("地区,件数\n长春市,3\n".encode(), (CSV,), CSV, "报告.csv"),
    # Not what the caller expects: never the type a name suggests.
    (b"<html><script>alert(1)</script></html>", (PDF,), OCTET_STREAM, "报告.bin"),
    (b"<svg onload=alert(1)>", ("image/png",), OCTET_STREAM, "报告.bin"),
])
def test_the_type_comes_from_the_content(content, allowed, content_type, name):
    response = file_response(_Stored("t/x.pdf", content), filename="报告.pdf", allowed=allowed)
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith(name.split(".")[-1])
    assert b"".join(response.streaming_content) == content


def test_inline_is_only_for_a_pdf():
    assert file_response(_Stored("t/l.pdf", pdf_bytes()), filename="函.pdf", allowed=(PDF,),
                         inline=True)["Content-Disposition"].startswith("inline;")
    html = _Stored("t/l.pdf", b"<html></html>")
    assert file_response(html, filename="函.pdf", allowed=(PDF,), inline=True)["Content-Disposition"].startswith(
        "attachment;")


@pytest.mark.django_db
def test_staff_download_of_evidence_is_an_attachment_of_the_detected_type(client, at):
    record = CreditRecordFactory()
    officer = UserFactory(subject_officer=True, subject=record.subject)
    case = svc.objection_lodge(record=record, grounds="该笔款项已全额支付，记录与事实不符。", channel="department",
                               acting_user=officer, evidence=[
                                   _upload("付款凭证.pdf", image_bytes("JPEG"))])
    evidence = EvidenceFile.objects.get()
    client.force_login(UserFactory(handler=True, department=record.determined_by))
    response = client.get(reverse("work:objections:evidence", args=[case.number, evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "filename*=UTF-8''%E4%BB%98%E6%AC%BE%E5%87%AD%E8%AF%81.jpg" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


# --- no media URL ---

@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_media_urls_are_404_in_every_mode(client, debug):
    stored = default_storage.save("evidence/2026/09/secret.pdf", ContentFile(pdf_bytes()))
    import config.urls

    with override_settings(DEBUG=debug):
        # urls.py is read once; read it again under this DEBUG (static() adds routes only with DEBUG on).
        importlib.reload(config.urls)
        try:
            for path in (f"/media/{stored}", "/media/", "/media/x"):
                with pytest.raises(Resolver404):
                    resolve(path)
                assert client.get(path).status_code == 404
        finally:
            importlib.reload(config.urls)


_PROBE = """
import django
django.setup()
from django.test import Client
from django.urls import Resolver404, resolve
for path in ("/media/evidence/2026/09/x.pdf", "/media/"):
    try:
        resolve(path)
    except Resolver404:
        pass
    else:
        raise SystemExit("resolves: " + path)
    # secure=True: as the TLS proxy forwards it, so production's HTTPS redirect does not answer first.
    status = Client().get(path, secure=True).status_code
    if status != 404:
        raise SystemExit(f"{path}: {status}")
print("ok")
"""


_PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "testserver", "PLATFORM_SECRET": "y" * 40,
               "LETTERS_PUBLIC_BASE_URL": "https://testserver",
               # Required in production; a 404 for a media URL touches neither.
               "DATABASE_URL": "postgres://credit@127.0.0.1:9/credit", "REDIS_URL": "redis://127.0.0.1:9/0"}


@pytest.mark.parametrize("module, env", [
    ("config.settings.base", {"DEBUG": "1"}),
    ("config.settings.production", {**_PRODUCTION, "DEBUG": "0"}),
    ("config.settings.production", {**_PRODUCTION, "DEBUG": "1"}),
])
def test_media_urls_are_404_under_each_settings_module(module, env, tmp_path):
    """Each settings module loaded fresh in its own process, as the server would load it."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    run_env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "ALLOWED_HOSTS", "DATABASE_URL")}
    run_env.update(env, DJANGO_SETTINGS_MODULE=module)
    result = subprocess.run([sys.executable, "-c", _PROBE], cwd=settings.BASE_DIR, env=run_env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:] + result.stdout
