"""HTML and PDF for a letter: GB/T 9704-2012 letter format, WeasyPrint, PDF/A-3b.

One `FontConfiguration` and one parsed stylesheet per process (`_engine()`),
reused by every letter; building them costs more than a letter. The fontconfig
set-up (`letters.fonts`) runs at import, before WeasyPrint loads.

Rendering is pure: a `LetterDocument` in, PDF bytes out. Nothing here touches
the database or the storage; `letters.services` does.
"""

import base64
import datetime
import logging
import math
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from calendars import clock
from letters import fonts

fonts.configure_fontconfig()
# WeasyPrint logs every layout step at INFO (its own stylesheets while it
# imports, too); a worker renders many letters.
if logging.getLogger("weasyprint.progress").level == logging.NOTSET:
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

import weasyprint  # noqa: E402  (after FONTCONFIG_FILE is set)
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from letters import kinds  # noqa: E402

CSS_PATH = Path(__file__).parent / "templates" / "letters" / "pdf" / "letter.css"
PDF_VARIANT = "pdf/a-3b"
RED = "#e60012"


@dataclass(frozen=True)
class LetterDocument:
    """Everything printed on a letter, as plain data."""

    kind: str
    issuer_name: str
    number: str
    addressee: str
    context: dict
    issued_on: datetime.date
    cc: tuple[str, ...] = ()
    seal_path: str | None = None
    verification_code: str | None = None
    verify_url: str | None = None
    draft: bool = False
    created_at: datetime.datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def subsetting_path() -> str:
    """"harfbuzz" when WeasyPrint subsets fonts with libharfbuzz-subset (fast), else "fontTools"."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is not None and harfbuzz.hb_version_atleast(4, 1, 0):
        return "harfbuzz"
    return "fontTools"


class _LetterFetcher(weasyprint.URLFetcher):
    """Fetch data: URIs and the one seal file of this letter; nothing else.

    Letter text is escaped, but should markup ever get through, it can still
    not make the renderer read local files or the network.
    """

    def __init__(self, allowed_files=()):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self._allowed = set(allowed_files)

    def fetch(self, url, headers=None):
        if url.startswith("file:") and url not in self._allowed:
            raise ValueError(f"letters fetch no file but the seal: {url}")
        return super().fetch(url, headers)


def _css_text() -> str:
    text = CSS_PATH.read_text(encoding="utf-8")
    for token, stack in (("$FANG", fonts.FANG), ("$SONG", fonts.SONG), ("$HEI", fonts.HEI), ("$KAI", fonts.KAI)):
        text = text.replace(token, ", ".join(stack))
    return text.replace("$RED", RED).replace("$FIRST_PAGE_RULE", _first_page_rule_uri())


def _first_page_rule_uri() -> str:
    # GB/T 9704-2012 letter format: a red double rule (thin above, thick below),
    # 170 mm long, centred, 20 mm above the bottom edge of the first page.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">'
        f'<rect x="20" y="275.3" width="170" height="0.35" fill="{RED}"/>'
        f'<rect x="20" y="276" width="170" height="1" fill="{RED}"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


class _Engine:
    def __init__(self):
        self.pid = os.getpid()
        self.font_config = FontConfiguration()
        self.css = weasyprint.CSS(string=_css_text(), font_config=self.font_config,
                                  url_fetcher=_LetterFetcher())
        # Pango's font map is not safe to share across threads.
        self.lock = threading.Lock()


_engine_instance: _Engine | None = None
_engine_lock = threading.Lock()


def _engine() -> _Engine:
    global _engine_instance
    with _engine_lock:
        # A forked worker builds its own: fontconfig state does not survive fork.
        if _engine_instance is None or _engine_instance.pid != os.getpid():
            _engine_instance = _Engine()
        return _engine_instance


def warm_up(*, render: bool = False) -> None:
    """Build the per-process font configuration and stylesheet now.

    With `render`, also lay out and write a throwaway letter, which loads the
    font files and pays cffi's one-time type parsing, so that the process's
    first real letter renders as fast as the others (a worker calls this at
    start-up: letters.tasks).
    """
    _engine()
    if render:
        render_pdf(LetterDocument(
            kind="acceptance_notice", issuer_name="预热", number="预〔2026〕1号", addressee="预热",
            context={"case_number": "0", "subject_name": "预热", "record_number": "0", "record_summary": "预热",
                     "received_on": "2026-01-05", "reply_due_on": "2026-01-26", "grounds": "预热"},
            issued_on=datetime.date(2026, 1, 5), verification_code="000000000000",
            verify_url="http://127.0.0.1/letters/verify/000000000000",
        ))


def _issuer_font_pt(name: str) -> float:
    # The issuer's name fills at most ~160 mm of the 170 mm rule, 30 pt at most.
    n = max(len(name), 1)
    return min(30.0, math.floor(160 / 25.4 * 72 / (n * 1.12) * 2) / 2)


def _qr_data_uri(url: str) -> str:
    import segno

    # A fixed mask pattern (any of the eight is valid QR) skips segno's search
    # for the best one, 6 of its 9 ms; the code still scans from a printout.
    return segno.make(url, error="m", micro=False, mask=2).svg_data_uri(scale=4, border=0, dark="#000")


def _words(kind: str, ctx: dict) -> dict:
    return {
        "outcome": kinds.OUTCOME_WORDS.get(ctx.get("outcome"), ""),
        "action": kinds.ACTION_WORDS.get(ctx.get("action"), ""),
        "result": kinds.RESULT_WORDS.get(ctx.get("result"), ctx.get("result", "")),
        "decisions": [
            {**d, "decision": kinds.DECISION_WORDS.get(d.get("decision"), d.get("decision", ""))}
            for d in ctx.get("decisions", [])
        ],
    }


def render_html(doc: LetterDocument) -> str:
    """The letter as HTML: user text escaped by Django's templates."""
    spec = kinds.kind_spec(doc.kind)
    seal_url = Path(doc.seal_path).resolve().as_uri() if doc.seal_path else ""
    created = doc.created_at or clock.now()
    # Letters are Chinese legal documents whatever the reader's UI language.
    with translation.override("zh-hans"):
        return render_to_string(
            "letters/pdf/letter.html",
            {
                "doc": doc,
                "spec": spec,
                "ctx": doc.context,
                "w": _words(doc.kind, doc.context),
                "title": kinds.title_for(kind=doc.kind, context=doc.context),
                "body_template": spec.template,
                "closing": spec.closing,
                "issuer_pt": _issuer_font_pt(doc.issuer_name),
                # Beside the signature the verification box leaves room for ten
                # characters of the issuer's name; a longer name puts it below.
                "stack_verify": len(doc.issuer_name) > 10,
                "seal_url": seal_url,
                "qr_uri": _qr_data_uri(doc.verify_url) if doc.verify_url and not doc.draft else "",
                "created": created.replace(microsecond=0).isoformat(),
            },
        )


def render_pdf(doc: LetterDocument, *, html: str | None = None) -> RenderedPdf:
    """Lay out and write the letter; return the PDF (PDF/A-3b unless a draft)."""
    html = render_html(doc) if html is None else html
    engine = _engine()
    allowed = {Path(doc.seal_path).resolve().as_uri()} if doc.seal_path else set()
    fetcher = _LetterFetcher(allowed)
    variant = None if doc.draft else PDF_VARIANT
    with engine.lock:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(
            font_config=engine.font_config, stylesheets=[engine.css], pdf_variant=variant
        )
        content = document.write_pdf(pdf_variant=variant)
    return RenderedPdf(content=content, page_count=len(document.pages))
