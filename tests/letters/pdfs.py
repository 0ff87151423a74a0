"""Reading PDFs back in tests: text (pypdf), fonts (pdffonts), word boxes (pdftotext -bbox)."""

import io
import re
import subprocess


def pdf_text(data: bytes) -> str:
    """All text of a PDF, as pypdf extracts it, line breaks removed (CJK wraps anywhere)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "".join((page.extract_text() or "") for page in reader.pages).replace("\n", "")


def pdf_fonts(path) -> list[dict]:
    """`pdffonts` rows: name, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def letter_bytes(letter) -> bytes:
    with letter.file.open("rb") as fh:
        return fh.read()


def pdf_word_boxes(path) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) in points for every word `pdftotext -bbox` finds."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    boxes = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out):
        boxes.append((float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5]))
    return boxes
