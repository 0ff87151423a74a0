"""Evidence uploads: the file type is read from the content, not the name."""

import hashlib

from django.core.files.uploadedfile import UploadedFile

from casework.errors import DomainError
from casework.limits import limit

# Magic numbers of the accepted formats.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
ACCEPTED_LABEL = "PDF、JPG、PNG"


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def inspect_upload(upload: UploadedFile) -> tuple[str, int, str]:
    """Return (content type, size, sha256) of an acceptable upload, else raise DomainError."""
    max_bytes = limit("evidence_max_bytes")
    name = upload.name or "（未命名）"
    if upload.size is not None and upload.size > max_bytes:
        raise DomainError(
            {"evidence": f"文件“{name}”为{upload.size / 1048576:.1f} MB，超过{max_bytes / 1048576:.0f} MB的上限。"}
        )
    digest = hashlib.sha256()
    size = 0
    head = b""
    upload.seek(0)
    for chunk in upload.chunks():
        if len(head) < 16:
            head += chunk[: 16 - len(head)]
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    if size == 0:
        raise DomainError({"evidence": f"文件“{name}”是空文件。"})
    content_type = sniff_content_type(head)
    if content_type is None:
        raise DomainError(
            {"evidence": f"文件“{name}”不是{ACCEPTED_LABEL}格式（按文件内容判断，与扩展名无关）。"}
        )
    return content_type, size, digest.hexdigest()


def check_upload_count(uploads) -> None:
    most = limit("evidence_max_files")
    if len(uploads) > most:
        raise DomainError({"evidence": f"一次最多上传{most}个文件，当前{len(uploads)}个。"})
