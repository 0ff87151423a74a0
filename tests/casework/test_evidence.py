"""Evidence uploads: kept only when the content is wholly a PDF, JPEG or PNG; stored
under a name made from the content; served back only as an attachment of the detected type."""

import io
import zipfile
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from casework.errors import DomainError
from casework.evidence import display_name, inspect_upload
from casework.models import EvidenceFile, ObjectionCase
from casework.services import objections as svc
from tests.factories import CreditRecordFactory, UserFactory, image_bytes, pdf_bytes


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _pdf_polyglot_with_zip() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("index.html", "<script>alert(1)</script>")
    return pdf_bytes() + archive.getvalue()


def _pdf_with_stream(data: bytes) -> bytes:
    """A valid PDF with `data`, unfiltered, in a stream object before its %%EOF."""
    from pypdf.generic import StreamObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    stream = StreamObject()
    stream.set_data(data)
    writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_polyglot_with_zip_inside() -> bytes:
    # The archive inside the PDF, so nothing follows %%EOF: a ZIP reader still opens it.
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("index.html", "<script>alert(1)</script>")
    return _pdf_with_stream(archive.getvalue())


def _encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("口令")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pillow_pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(out, "PDF")  # as a scanner's "save as PDF" does
    return out.getvalue()


def _bomb_png() -> bytes:
    # 10,000 × 10,000 one-bit pixels compress to a few kilobytes.
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


# --- what is accepted, and its type ---

@pytest.mark.parametrize("name, content, content_type", [
    ("付款凭证.pdf", pdf_bytes(), "application/pdf"),
    ("扫描件.pdf", _pillow_pdf(), "application/pdf"),
    ("回单.png", image_bytes("PNG"), "image/png"),
    ("照片.jpg", image_bytes("JPEG"), "image/jpeg"),
    ("写错扩展名.pdf", image_bytes("PNG"), "image/png"),
    # ZIP signatures turn up by chance in compressed streams; only a readable archive is refused.
    ("压缩流.pdf", _pdf_with_stream(b"x\x9c PK\x03\x04 PK\x01\x02 data"), "application/pdf"),
])
def test_real_files_are_accepted_with_the_type_of_their_content(name, content, content_type):
    assert inspect_upload(_upload(name, content))[:2] == (content_type, len(content))


@pytest.mark.parametrize("name, content, says", [
    ("x.html", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "网页、SVG"),
    ("x.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n", "网页代码"),
    ("图.svg", SVG, "网页、SVG"),
    ("图.SVG", image_bytes("PNG"), "网页、SVG"),  # the name alone refuses it
    ("a.js", pdf_bytes(), "脚本"),
    ("证明.pdf", _pdf_polyglot_with_zip(), "压缩包"),
    ("证明.pdf", _pdf_polyglot_with_zip_inside(), "压缩包"),
    ("证明.pdf", pdf_bytes() + b"\nappended payload", "结束标记之后"),
    ("证明.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "无法解析"),
    ("加密.pdf", _encrypted_pdf(), "加密"),
    ("截断.png", image_bytes("PNG")[:-30], "无法完整解码"),
    ("截断.jpg", image_bytes("JPEG")[:60], "无法完整解码"),
    ("炸弹.png", _bomb_png(), "像素过多"),
    ("说明.pdf", b"just text", "不是PDF、JPG、PNG格式"),
])
def test_refused_uploads_name_the_file_and_the_reason(name, content, says):
    with pytest.raises(DomainError) as exc:
        inspect_upload(_upload(name, content))
    message = exc.value.message_dict["evidence"][0]
    assert f"“{name}”" in message and says in message


def test_the_shown_name_loses_folders_and_control_characters():
    assert display_name("C:\\Users\\张三\\付款\u202egpj.pdf") == "付款_gpj.pdf"
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("") == "未命名"


# --- stored under the content's name, served as an attachment of the detected type ---


@pytest.fixture
def lodged(at, client):
    record = CreditRecordFactory()
    officer = UserFactory(subject_officer=True, subject=record.subject)
    client.force_login(officer)

    def lodge(*uploads):
        return svc.objection_lodge(record=record, grounds="该笔款项已全额支付，记录与事实不符。", channel="department",
                                   acting_user=officer, evidence=list(uploads))

    return lodge


def _media_files() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


@pytest.mark.django_db
def test_an_accepted_upload_is_stored_under_its_hash_with_the_detected_extension(lodged, client):
    content = image_bytes("PNG")
    case = lodged(_upload("付款凭证.pdf.html.pdf", pdf_bytes()), _upload("回单（扫描）.pdf", content))
    pdf, png = case.evidence.order_by("id")
    assert Path(pdf.file.name).suffix == ".pdf" and Path(png.file.name).suffix == ".png"
    assert Path(png.file.name).name.startswith(png.sha256[:32])
    assert png.original_name == "回单（扫描）.pdf" and png.content_type == "image/png"

    response = client.get(reverse("portal:objection_evidence", args=[case.number, png.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"download.png\"; filename*=UTF-8''"
        "%E5%9B%9E%E5%8D%95%EF%BC%88%E6%89%AB%E6%8F%8F%EF%BC%89.png"
    )
    assert b"".join(response.streaming_content) == content


@pytest.mark.django_db
@pytest.mark.parametrize("name, content", [
    ("x.html", b"%PDF-1.4\n<html><script>alert(1)</script></html>"),
    ("图.svg", SVG),
    ("证明.pdf", _pdf_polyglot_with_zip()),
    ("截断.png", image_bytes("PNG")[:-30]),
    ("加密.pdf", _encrypted_pdf()),
])
def test_a_refused_upload_leaves_nothing_stored(lodged, name, content):
    before = _media_files()
    with pytest.raises(DomainError) as exc:
        lodged(_upload("好的.pdf", pdf_bytes()), _upload(name, content))
    assert name in exc.value.messages[0]
    assert not ObjectionCase.objects.exists() and not EvidenceFile.objects.exists()
    assert _media_files() == before


@pytest.mark.django_db
def test_the_portal_shows_the_refusal_and_keeps_nothing(lodged, client):
    record = CreditRecordFactory()
    client.force_login(UserFactory(subject_officer=True, subject=record.subject))
    response = client.post(reverse("portal:objection_new"), {
        "record": record.pk, "channel": "department", "grounds": "该款项已于2026年1月付清，记录与事实不符。",
        "evidence": [SimpleUploadedFile("x.html", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "text/html")],
    })
    assert response.status_code == 200
    assert "文件“x.html”的类型不允许上传" in response.content.decode()
    assert not EvidenceFile.objects.exists()
