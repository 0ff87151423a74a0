"""`manage.py letters sample|verify|render-pending`.

sample --kind KIND --out FILE.pdf [--draft] [--seal PNG]
    Render a letter of KIND with the demo data of letters/samples.py. Nothing
    is stored and no number is taken: the sample carries a made-up number
    (<prefix><designator>〔2026〕1号) and a made-up verification code.
verify FILE.pdf
    Say whether FILE.pdf is an issued, unaltered letter, and which. Exit status
    0 for an original, 1 otherwise.
render-pending [--minutes N]
    Queue the rendering again for letters still without their PDF.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from letters import samples
from letters.kinds import KINDS, context_validate, kind_spec
from letters.numbering import number_format

# Looks like a code, belongs to no letter: its verify page says "not found".
SAMPLE_CODE = "SAMP1E000000"


class Command(BaseCommand):
    help = "Letters: render a sample, verify a PDF, re-queue pending renders."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sample = sub.add_parser("sample", help="render a sample letter with demo data (nothing stored)")
        sample.add_argument("--kind", required=True, choices=sorted(KINDS))
        sample.add_argument("--out", required=True, help="where to write the PDF")
        sample.add_argument("--draft", action="store_true", help="a draft: watermark, no number")
        sample.add_argument("--seal", help="a PNG of a seal to press on the signature")
        verify = sub.add_parser("verify", help="is this PDF an issued, unaltered letter?")
        verify.add_argument("file")
        pending = sub.add_parser("render-pending", help="queue again letters still without a PDF")
        pending.add_argument("--minutes", type=int, default=5)

    def handle(self, *args, action, **options):
        return getattr(self, "_" + action.replace("-", "_"))(**options)

    def _sample(self, *, kind, out, draft, seal, **_):
        from letters.rendering import LetterDocument, render_pdf
        from letters.services import verify_url

        if seal and not Path(seal).is_file():
            raise CommandError(f"no such seal image: {seal}")
        spec = kind_spec(kind)
        code = SAMPLE_CODE
        doc = LetterDocument(
            kind=kind,
            issuer_name=samples.sample_issuer_name(kind),
            number=number_format(prefix=samples.sample_issuer_prefix(kind), designator=spec.designator,
                                 year=samples.ISSUED_ON.year, serial=None if draft else 1),
            addressee=samples.sample_addressee(kind),
            context=context_validate(kind=kind, context=samples.sample_context(kind)),
            issued_on=samples.ISSUED_ON,
            cc=samples.sample_cc(kind),
            seal_path=None if draft else seal,
            verification_code=None if draft else code,
            verify_url=None if draft else verify_url(code),
            draft=draft,
            created_at=datetime.datetime(2026, 10, 23, 9, 0, tzinfo=datetime.UTC),
        )
        pdf = render_pdf(doc)
        Path(out).write_bytes(pdf.content)
        self.stdout.write(f"{out}: {kind} ({spec.title}), {pdf.page_count} 页, {len(pdf.content)} 字节")

    def _verify(self, *, file, **_):
        from letters.verification import pdf_verify

        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        verdict = pdf_verify(path.read_bytes())
        letter = verdict.letter
        if verdict.genuine:
            self.stdout.write(f"原件：{letter.number} {letter.get_kind_display()}，{letter.issuer_name}，"
                              f"成文日期 {letter.issued_on:%Y-%m-%d}，核验码 {letter.verification_code_display}")
            if verdict.is_void:
                self.stdout.write(f"注意：该函件已于 {letter.voided_at:%Y-%m-%d} 作废（{letter.void_reason}）")
            self.stdout.write(f"sha256 {verdict.sha256}")
            return
        if letter is not None:
            self.stdout.write(f"不是原件：该文件自称是 {letter.number}（{letter.issuer_name}），"
                              f"但与存档原件不一致，已被改动。")
        else:
            self.stdout.write("不是原件：未找到与该文件对应的已签发函件。")
        self.stdout.write(f"sha256 {verdict.sha256}")
        raise SystemExit(1)

    def _render_pending(self, *, minutes, **_):
        from letters.services import letter_render_pending

        n = letter_render_pending(older_than=datetime.timedelta(minutes=minutes))
        self.stdout.write(f"queued {n} letter(s) for rendering")
