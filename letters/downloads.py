"""Every stored file leaves the system through here (letters, evidence, reports).

Files are never served from a media URL; each download view checks permission
and returns `file_response(...)`. The Content-Type is decided by the file's
content (its first bytes), never by a name: a stored file that is not one of
the types the caller expects goes out as application/octet-stream. With
`X-Content-Type-Options: nosniff` a browser does not second-guess that, and
with `Content-Disposition: attachment` it saves the file instead of rendering
it on the application's origin. The name is given twice (RFC 6266): an ASCII
fallback for old clients and `filename*` (RFC 5987) with the Chinese name.
"""

import re
import unicodedata
import urllib.parse
import zipfile

from django.http import FileResponse

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
OCTET_STREAM = "application/octet-stream"

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
EXTENSIONS = {PDF: "pdf", "image/jpeg": "jpg", "image/png": "png", XLSX: "xlsx", CSV: "csv", OCTET_STREAM: "bin"}
_KNOWN_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "xlsx", "csv", "bin", "html", "htm", "svg", "xhtml", "xml", "js"}
_NOT_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def content_type_of(handle) -> str | None:
    """The type of an open, seekable binary file, by its content; None if not recognised.

    Leaves the file at its start.
    """
    handle.seek(0)
    head = handle.read(4096)
    handle.seek(0)
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(handle) as archive:
                is_workbook = "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            is_workbook = False
        handle.seek(0)
        return XLSX if is_workbook else None
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is still text.
            if exc.start < len(head) - 3:
                return None
        return CSV
    return None


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """`attachment; filename="ascii"; filename*=UTF-8''…` for any name, safe in a header."""
    filename = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C") or "download"
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    ascii_stem = _NOT_FILENAME.sub("_", unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode())
    ascii_stem = ascii_stem.strip("._") or "download"
    ascii_ext = _NOT_FILENAME.sub("", ext)
    fallback = f"{ascii_stem}.{ascii_ext}" if ascii_ext else ascii_stem
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{urllib.parse.quote(filename, safe='')}"


def file_response(field_file, *, filename: str, allowed: tuple[str, ...], inline: bool = False) -> FileResponse:
    """A stored file as a download; the caller has checked permission.

    `allowed` are the content types this kind of file may have; the detected
    type must be one of them, else the file is sent as octet-stream. The
    extension of `filename` is replaced by the detected type's. `inline` is
    honoured only for a PDF (a letter opened in the browser to print it).
    Raises FileNotFoundError when the storage no longer holds the file.
    """
    # FieldFile.open is the storage's open(): a local file or an S3 object, streamed in chunks,
    # never a filesystem path (object storage has none).
    handle = field_file.open("rb")
    detected = content_type_of(handle)
    content_type = detected if detected in allowed else OCTET_STREAM
    stem, dot, ext = filename.rpartition(".")
    if not dot or ext.lower() not in _KNOWN_EXTENSIONS:
        stem = filename
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        f"{stem}.{EXTENSIONS[content_type]}", inline=inline and content_type == PDF
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Permission-checked content: no shared cache may keep it for the next user.
    response["Cache-Control"] = "private, no-cache"
    return response
