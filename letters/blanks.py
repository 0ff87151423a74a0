"""Blank forms the public prints and fills in by hand (异议申请表, 信用修复申请书, 信用承诺书).

Not letters: nothing is numbered, issued or archived. They share the letters'
fonts and WeasyPrint set-up, so they print in the same type as the letters
they lead to. Rendered on request (well under a second each).
"""

import dataclasses

from django.template.loader import render_to_string
from django.utils import translation

from letters import fonts
from letters.rendering import _LetterFetcher, _engine, weasyprint


@dataclasses.dataclass(frozen=True)
class Blank:
    slug: str
    title: str
    filename: str


BLANKS = {
    b.slug: b
    for b in (
        Blank("objection-form", "信用信息异议申请表", "异议申请表.pdf"),
        Blank("repair-application", "信用修复申请书", "信用修复申请书.pdf"),
        Blank("credit-commitment", "信用承诺书", "信用承诺书.pdf"),
    )
}


def _stack(names) -> str:
    return ", ".join(names)


def blank_pdf(slug: str, *, context: dict | None = None) -> bytes:
    """The blank form `slug` as PDF; KeyError for an unknown slug."""
    blank = BLANKS[slug]
    with translation.override("zh-hans"):
        html = render_to_string(f"letters/blanks/{slug}.html", {
            "title": blank.title, "fang": _stack(fonts.FANG), "hei": _stack(fonts.HEI), "song": _stack(fonts.SONG),
            **(context or {}),
        })
    engine = _engine()
    with engine.lock:
        document = weasyprint.HTML(string=html, url_fetcher=_LetterFetcher()).render(font_config=engine.font_config)
        return document.write_pdf()
