"""Reading PDFs back in tests, with pypdf only (no poppler on a fresh machine):
the text, and the fonts as `pdffonts` would list them."""

import io
import re

from pypdf import PdfReader

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def pdf_text(data: bytes) -> str:
    """All text of a PDF, as pypdf extracts it, line breaks removed (CJK wraps anywhere)."""
    reader = PdfReader(io.BytesIO(data))
    return "".join((page.extract_text() or "") for page in reader.pages).replace("\n", "")


def _fonts_in(resources, found: dict) -> None:
    resources = resources.get_object() if resources is not None else {}
    for ref in (resources.get("/Font") or {}).values():
        font = ref.get_object()
        name = str(font["/BaseFont"]).lstrip("/")
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        found[name] = {
            "name": name,
            "emb": "yes" if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")) else "no",
            "sub": "yes" if _SUBSET_TAG.match(name) else "no",
            "uni": "yes" if "/ToUnicode" in font else "no",
        }
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            _fonts_in(xobject["/Resources"], found)


def pdf_fonts(data: bytes) -> list[dict]:
    """One row per font: name (with its subset tag), emb, sub, uni ("yes"/"no"), like `pdffonts`."""
    found: dict = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        _fonts_in(page.get("/Resources"), found)
    return list(found.values())


def letter_bytes(letter) -> bytes:
    with letter.file.open("rb") as fh:
        return fh.read()
