"""Evidence uploads: the file type is read from the content, not the name.

An upload is kept only if it is what it claims to be, completely: a PDF that
pypdf parses strictly (not encrypted, with its pages), or a JPEG or PNG that
Pillow decodes to the last pixel. The stored file's name is made here from the
content's hash and the detected type (`<sha256 prefix>.pdf`), never from the
uploaded name, so a file named `x.html` can never be stored, or served, as HTML.
The uploaded name is kept only as display text.

Polyglots are refused: a PDF that is also a ZIP, that carries HTML in its
first kilobyte (where a browser sniffing the content would look), or that has
data after its last `%%EOF`. "Also a ZIP" is what a ZIP reader decides: an
end-of-central-directory record in the last 64 KiB (`zipfile.is_zipfile`), which
is where every ZIP reader starts. Looking for any ZIP signature anywhere would
also catch the signatures that turn up by chance inside compressed PDF streams
(about one per 4 GiB of data, so roughly 1 in 140 genuine 10 MB scans refused);
a chance end record in the tail is about 1 in 65,000.
"""

import functools
import hashlib
import io
import re
import unicodedata
import warnings
import zipfile

import pypdf
from django.core.files.uploadedfile import UploadedFile
from PIL import Image

from casework.errors import DomainError
from casework.limits import limit
from letters.downloads import file_response

# Magic numbers of the accepted formats.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
ACCEPTED_LABEL = "PDF、JPG、PNG"
# The extension a stored file gets, by detected type.
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
# Names a browser or an editor would treat as active content, whatever is inside.
REFUSED_SUFFIXES = (".html", ".htm", ".svg", ".xhtml", ".xml", ".js")
# A scanned A4 page at 600 dpi is 35 megapixels; more is a decompression bomb.
MAX_IMAGE_PIXELS = 50_000_000
_HTML_MARKERS = (b"<html", b"<script", b"<svg", b"<!doctype html", b"<body", b"<iframe")
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\"\\/:*?<>|]")


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def display_name(name: str | None) -> str:
    """The uploaded name as text to show: no folders, control or direction-override characters."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE_NAME_CHARS.sub("_", name).strip(" .")
    return name[-255:] or "未命名"


@functools.cache
def blank_pdf() -> bytes:
    """A one-page blank PDF that passes the strict check below: the demo data's evidence and
    commitment files, and the tests' (a stand-in such as b"%PDF-" alone is rightly refused)."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stored_name(*, content_type: str, sha256: str) -> str:
    """The name the storage keeps: the content's hash and the extension of its detected type."""
    return f"{sha256[:32]}.{EXTENSIONS[content_type]}"


def _refuse(name: str, why: str):
    raise DomainError({"evidence": f"文件“{name}”{why}"})


def _check_pdf(name: str, data: bytes) -> None:
    if zipfile.is_zipfile(io.BytesIO(data)):
        _refuse(name, "除PDF外还含有压缩包（ZIP）数据，不能上传。请用“另存为PDF”或“打印为PDF”重新生成后上传。")
    if any(marker in data[:1024].lower() for marker in _HTML_MARKERS):
        _refuse(name, "含有网页代码，不是单纯的PDF文件，不能上传。")
    end = data.rfind(b"%%EOF")
    if end < 0 or data[end + 5:].strip():
        _refuse(name, "在PDF结束标记之后还有其他数据，不能上传。请用“另存为PDF”重新生成后上传。")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            _refuse(name, "是加密的PDF，无法查阅，请去除密码后上传。")
        pages = len(reader.pages)
    except DomainError:
        raise
    except Exception:  # pypdf raises many kinds of errors on a damaged file; all mean the same here.
        _refuse(name, "不是完整、有效的PDF文件（无法解析），请重新生成后上传。")
    if pages < 1:
        _refuse(name, "是没有页面的PDF文件。")


def _check_image(name: str, data: bytes, content_type: str) -> None:
    label = EXTENSIONS[content_type].upper()
    try:
        with warnings.catch_warnings():
            # Pillow warns (and only raises at twice its limit) on a bomb: both refuse here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != _PILLOW_FORMATS[content_type]:
                    raise ValueError(image.format)
                width, height = image.size
                if width * height > min(MAX_IMAGE_PIXELS, Image.MAX_IMAGE_PIXELS or MAX_IMAGE_PIXELS):
                    raise Image.DecompressionBombError(f"{width}x{height}")
                image.verify()
            # verify() leaves the image unusable; decoding every pixel needs a fresh open.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(name, f"的像素过多（超过{MAX_IMAGE_PIXELS // 1_000_000}百万像素），请缩小后上传。")
    except Exception:  # truncated, corrupt or mislabelled: Pillow's errors vary by format.
        _refuse(name, f"不是完整、有效的{label}图片（无法完整解码），请重新保存后上传。")


def inspect_upload(upload: UploadedFile) -> tuple[str, int, str]:
    """Return (content type, size, sha256) of an acceptable upload, else raise DomainError."""
    max_bytes = limit("evidence_max_bytes")
    name = display_name(upload.name) if upload.name else "（未命名）"
    if name.lower().endswith(REFUSED_SUFFIXES):
        _refuse(name, "的类型不允许上传（网页、SVG、XML、脚本文件无论内容如何都不接收），"
                      f"请上传{ACCEPTED_LABEL}文件。")
    if upload.size is not None and upload.size > max_bytes:
        raise DomainError(
            {"evidence": f"文件“{name}”为{upload.size / 1048576:.1f} MB，超过{max_bytes / 1048576:.0f} MB的上限。"}
        )
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    size = len(data)
    if size == 0:
        raise DomainError({"evidence": f"文件“{name}”是空文件。"})
    if size > max_bytes:
        raise DomainError(
            {"evidence": f"文件“{name}”为{size / 1048576:.1f} MB，超过{max_bytes / 1048576:.0f} MB的上限。"}
        )
    content_type = sniff_content_type(data[:16])
    if content_type is None:
        raise DomainError(
            {"evidence": f"文件“{name}”不是{ACCEPTED_LABEL}格式（按文件内容判断，与扩展名无关）。"}
        )
    if content_type == "application/pdf":
        _check_pdf(name, data)
    else:
        _check_image(name, data, content_type)
    return content_type, size, hashlib.sha256(data).hexdigest()


def check_upload_count(uploads) -> None:
    most = limit("evidence_max_files")
    if len(uploads) > most:
        raise DomainError({"evidence": f"一次最多上传{most}个文件，当前{len(uploads)}个。"})


def evidence_response(evidence):
    """An evidence file as a download; the caller has checked that the user may see the case.

    Always an attachment, typed by the stored content (only the accepted types;
    anything else, e.g. a file kept before the checks existed, is octet-stream).
    """
    return file_response(evidence.file, filename=evidence.original_name, allowed=tuple(EXTENSIONS))
