import datetime
import io
import re

import pytest
import weasyprint
from pypdf import PdfReader

from letters import fonts, rendering, samples
from letters.kinds import KINDS, title_for
from letters.rendering import LetterDocument, render_html, render_pdf

from .pdfs import letter_bytes, pdf_fonts, pdf_text

MARKUP = '<script>alert("x")</script><b>粗体</b>&amp;'

# Per kind: where subject or staff text goes in, and dates the letter must print.
USER_TEXT = {
    "acceptance_notice": ("grounds",),
    "non_acceptance_notice": ("reasons",),
    "materials_request": ("materials", 0),
    "objection_reply": ("findings",),
    "correction_feedback": ("before",),
    "measure_lifting_notice": ("measures", 0, "kind"),
    "rectification_order": ("requirements", 0),
    "rectification_acceptance": ("opinion",),
    "repair_decision": ("decisions", 0, "reasons"),
    "repair_notice": ("record_summary",),
    "supervision_quarterly_report": ("summary",),
    "supervision_inspection_report": ("rows", 0, "unit"),
    "receipt": ("due_basis",),
    "complaint_transfer": ("facts",),
    "complaint_answer": ("answer",),
    "oversight_notice": ("reasons",),
    "appeal_decision": ("grounds",),
    "extension_notice": ("reason",),
}
DATES = {
    "acceptance_notice": ["2026年9月28日", "2026年10月23日"],
    "non_acceptance_notice": ["2026年9月28日"],
    "materials_request": ["2026年9月28日", "2026年10月12日"],
    "objection_reply": ["2026年9月28日"],
    "correction_feedback": ["2026年9月28日", "2026年10月30日"],
    "measure_lifting_notice": ["2026年3月23日", "2026年3月30日"],
    "rectification_order": ["2026年12月31日"],
    "rectification_acceptance": ["2026年12月31日"],
    "repair_decision": ["2026年9月28日"],
    "repair_notice": ["2026年9月28日", "2026年12月28日", "2027年9月28日"],
    "supervision_quarterly_report": [],
    "supervision_inspection_report": [],
    "receipt": ["2026年9月28日", "2026年10月23日"],
    "complaint_transfer": ["2026年9月28日", "2026年8月14日", "2026年10月23日"],
    "complaint_answer": ["2026年9月28日"],
    "oversight_notice": ["2026年9月28日", "2026年10月23日", "2026年10月28日"],
    "appeal_decision": ["2026年9月28日", "2026年9月18日"],
    "extension_notice": ["2026年10月16日", "2026年10月30日", "2026年11月13日"],
}
assert set(USER_TEXT) == set(DATES) == set(KINDS)


def _put(context, path, value):
    target = context
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _doc(kind="objection_reply", **overrides):
    values = dict(
        kind=kind,
        issuer_name=samples.sample_issuer_name(kind),
        number="长财信异复〔2026〕15号",
        addressee=samples.sample_addressee(kind),
        context=samples.sample_context(kind),
        issued_on=datetime.date(2026, 10, 23),
        cc=samples.CC,
        verification_code="K7PX3QM9TD2A",
        verify_url="http://127.0.0.1:8000/letters/verify/K7PX3QM9TD2A",
    )
    values.update(overrides)
    return LetterDocument(**values)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_issues_a_letter_whose_text_reads_back(issue, kind):
    context = samples.sample_context(kind)
    _put(context, USER_TEXT[kind], f"申请人称{MARKUP}")
    letter = issue(kind, context=context, addressee="农安县<i>人民政府</i>",
                   issued_on=datetime.date(2026, 10, 23))
    text = pdf_text(letter_bytes(letter))
    assert letter.number in text
    assert "农安县<i>人民政府</i>：" in text
    assert f"申请人称{MARKUP}" in text
    assert "2026年10月23日" in text  # the date of the letter, in Arabic numerals
    for date in DATES[kind]:
        assert date in text
    assert title_for(kind=kind, context=context) in text
    assert letter.verification_code_display in text


def test_user_markup_is_escaped_in_the_html():
    html = render_html(_doc(addressee="<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_upheld_reply_with_a_correction_prints_before_and_after():
    text = pdf_text(render_pdf(_doc()).content)
    assert "你单位提出的异议成立" in text
    assert "更正前" in text and "已按合同约定支付中小企业账款，无逾期" in text
    assert "五个工作日内" in text


@pytest.mark.parametrize(("outcome", "words"), [
    ("partly_upheld", "你单位提出的异议部分成立"),
    ("not_upheld", "你单位提出的异议不成立，本单位维持原信用记录"),
])
def test_each_outcome_has_its_wording(outcome, words):
    context = {**samples.sample_context("objection_reply"), "outcome": outcome}
    context.pop("correction")
    assert words in pdf_text(render_pdf(_doc(context=context)).content)


def test_a_revoked_record_is_said_to_be_revoked():
    context = {**samples.sample_context("objection_reply"), "revoked": True}
    assert "本单位已撤销上述信用记录" in pdf_text(render_pdf(_doc(context=context)).content)


def test_several_records_are_listed_in_a_table():
    context = samples.sample_context("objection_reply")
    context["records"] = [{"number": "XY-2026-000042", "summary": "逾期未支付账款"},
                          {"number": "XY-2026-000057", "summary": "未履行招商承诺"}]
    text = pdf_text(render_pdf(_doc(context=context)).content)
    assert "下列2条信用记录" in text and "序号" in text and "XY-2026-000057" in text


def test_letters_are_pdf_a_3b_with_the_code_in_their_metadata():
    reader = PdfReader(io.BytesIO(render_pdf(_doc()).content))
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert reader.metadata["/Keywords"] == "letter-verification:K7PX3QM9TD2A"
    assert reader.metadata["/Author"] == "长春市财政局"


def test_fonts_are_embedded_subset_and_mapped_to_unicode():
    rows = pdf_fonts(render_pdf(_doc()).content)
    assert rows
    assert all((r["emb"], r["sub"], r["uni"]) == ("yes", "yes", "yes") for r in rows), rows
    if fonts.fandol_available():
        names = " ".join(r["name"] for r in rows)
        assert "FandolFang" in names and "FandolHei" in names and "FandolSong" in names


def test_characters_outside_gb2312_render_through_the_fallback_fonts():
    data = render_pdf(_doc(addressee="王喆、李堃、𠀀村村民委员会")).content
    assert "王喆、李堃、𠀀村村民委员会" in pdf_text(data)
    names = " ".join(r["name"] for r in pdf_fonts(data))
    assert "Noto-Serif-CJK-SC" in names  # 喆 and 堃 are not in Fandol
    if (fonts.font_dir() / "HanaMinB.ttf").is_file():
        assert "HanaMinB" in names  # 𠀀 (CJK Extension B) is in no Noto CJK font


def _text_boxes(doc):
    """Every laid-out piece of text, with its page, from WeasyPrint's own layout (CSS px)."""
    from weasyprint.formatting_structure import boxes

    engine = rendering._engine()
    document = weasyprint.HTML(string=render_html(doc)).render(font_config=engine.font_config,
                                                                stylesheets=[engine.css])
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TextBox):
                yield number, box


def test_long_text_wraps_inside_the_text_block_and_continues_on_the_next_pages():
    context = samples.sample_context("objection_reply")
    context["grounds"] = "理由" + "该笔账款已经支付，相关记录与事实不符。" * 300 + "【理由完】"
    context["subject_name"] = "某" * 400
    context["findings"] = "X" * 600 + "【核查完】"  # no break opportunity at all
    long_name = "农安县" + "第一第二第三" * 40 + "人民政府"
    doc = _doc(context=context, addressee=long_name)
    pdf = render_pdf(doc)
    assert pdf.page_count > 5
    text = re.sub(r"— \d+ —", "", pdf_text(pdf.content))  # page numbers interleave with the text
    assert "【理由完】" in text and "【核查完】" in text and "X" * 600 in text and long_name in text
    # The text block runs from 28 mm to 184 mm (A4 210 mm, right margin 26 mm).
    mm = 96 / 25.4
    left, right = 28 * mm, 184 * mm
    for page, box in _text_boxes(doc):
        assert left - 1 <= box.position_x and box.position_x + box.width <= right + 1, (
            f"page {page}: {box.text[:20]!r} sticks out: {box.position_x / mm:.1f}–"
            f"{(box.position_x + box.width) / mm:.1f} mm")


def test_long_letters_number_their_pages_from_the_second_on():
    context = samples.sample_context("objection_reply")
    context["findings"] = "核查情况。" * 400
    reader = PdfReader(io.BytesIO(render_pdf(_doc(context=context)).content))
    assert len(reader.pages) >= 3
    pages = [p.extract_text() for p in reader.pages]
    assert "—" not in pages[0].replace("——", "")  # the first page of a letter shows no number
    assert "— 2 —" in pages[1] and "— 3 —" in pages[2]


def test_the_seal_is_pressed_on_the_signature_when_given(seal_png):
    with_seal = PdfReader(io.BytesIO(render_pdf(_doc(seal_path=str(seal_png))).content))
    without = PdfReader(io.BytesIO(render_pdf(_doc()).content))
    assert sum(len(p.images) for p in with_seal.pages) >= 1
    assert sum(len(p.images) for p in without.pages) == 0


def test_one_font_configuration_and_stylesheet_per_process():
    assert rendering._engine() is rendering._engine()
    assert rendering._engine().css is rendering._engine().css


def test_fonts_are_subset_by_harfbuzz():
    # bin/setup installs libharfbuzz-subset0; without it a letter takes seconds.
    assert rendering.subsetting_path() == "harfbuzz"


def test_the_renderer_reads_no_file_but_the_seal(seal_png):
    with pytest.raises(ValueError, match="no file but the seal"):
        rendering._LetterFetcher().fetch("file:///etc/passwd")
    allowed = rendering._LetterFetcher({seal_png.resolve().as_uri()})
    assert allowed.fetch(seal_png.resolve().as_uri())
    with pytest.raises(ValueError):
        rendering._LetterFetcher().fetch("http://127.0.0.1:9/x.png")


def test_the_fontconfig_file_lists_the_font_folder_and_a_writable_cache():
    import os

    path = fonts.configure_fontconfig()
    text = path.read_text()
    assert os.environ["FONTCONFIG_FILE"] == str(path)
    assert f"<dir>{fonts.font_dir()}</dir>" in text
    assert "<cachedir>" in text and "/etc/fonts/fonts.conf" in text


def test_a_worker_warms_up_before_its_first_letter():
    from letters.tasks import letters_warm_up

    letters_warm_up()  # WeasyPrint, fonts, stylesheet and a throwaway letter
    assert rendering._engine_instance is not None


def test_a_long_issuer_name_moves_the_verification_box_below_the_signature():
    long_issuer = "长春市社会信用体系建设联席会议办公室"
    html = render_html(_doc(issuer_name=long_issuer))
    assert "sign-row stacked" in html
    assert "sign-row stacked" not in render_html(_doc())
    # and the name stays whole on its line
    text = pdf_text(render_pdf(_doc(issuer_name=long_issuer)).content)
    assert f"{long_issuer}2026年10月23日" in text.replace(" ", "")
