"""Is this PDF an issued, unaltered letter? Used by the public page and the CLI.

A file is an original when its SHA-256 equals the one recorded when the letter
was issued: one changed byte and it is not. A file that is no original may
still say which letter it claims to be (its verification code is in the PDF's
Keywords metadata), so the answer can name the letter it was altered from.
"""

import hashlib
import io
import re
from dataclasses import dataclass

from letters.codes import code_normalise
from letters.models import Letter, LetterStatus
from letters.selectors import letter_by_code, letter_by_sha256

_KEYWORD = re.compile(r"letter-verification:([0-9A-Z]{12})")


@dataclass(frozen=True)
class Verdict:
    sha256: str
    # The letter the file is (genuine) or claims to be (not genuine); None: unknown.
    letter: Letter | None
    genuine: bool

    @property
    def is_void(self) -> bool:
        return bool(self.letter and self.letter.status == LetterStatus.VOID)


def _claimed_code(data: bytes) -> str | None:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        keywords = str((reader.metadata or {}).get("/Keywords", "") or "")
    except Exception:  # a damaged or non-PDF upload claims nothing
        return None
    match = _KEYWORD.search(keywords)
    return code_normalise(match.group(1)) if match else None


def pdf_verify(data: bytes, *, expected: Letter | None = None) -> Verdict:
    """Check an uploaded file; with `expected`, against that letter only."""
    digest = hashlib.sha256(data).hexdigest()
    if expected is not None:
        return Verdict(sha256=digest, letter=expected, genuine=bool(expected.sha256) and digest == expected.sha256)
    letter = letter_by_sha256(digest)
    if letter is not None:
        return Verdict(sha256=digest, letter=letter, genuine=True)
    code = _claimed_code(data)
    return Verdict(sha256=digest, letter=letter_by_code(code) if code else None, genuine=False)
