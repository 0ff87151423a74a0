import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from letters.kinds import KINDS

from .pdfs import letter_bytes, pdf_fonts, pdf_text


def _run(*args) -> str:
    out = io.StringIO()
    call_command("letters", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_sample_renders_every_kind_without_touching_the_database(tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    report = _run("sample", "--kind", kind, "--out", str(out))  # no db fixture: any query would fail
    assert kind in report
    text = pdf_text(out.read_bytes())
    assert "〔2026〕1号" in text and "2026年10月23日" in text


def test_sample_draft_has_the_watermark_and_no_number(tmp_path):
    out = tmp_path / "draft.pdf"
    _run("sample", "--kind", "objection_reply", "--out", str(out), "--draft")
    text = pdf_text(out.read_bytes())
    assert "草稿" in text and "〔2026〕1号" not in text


def test_sample_with_a_seal(tmp_path, seal_png):
    out = tmp_path / "sealed.pdf"
    _run("sample", "--kind", "repair_decision", "--out", str(out), "--seal", str(seal_png))
    assert out.stat().st_size > 0


def test_verify_names_an_original(issue, tmp_path):
    letter = issue()
    path = tmp_path / "got.pdf"
    path.write_bytes(letter_bytes(letter))
    report = _run("verify", str(path))
    assert report.startswith("原件：") and letter.number in report and letter.sha256 in report


def test_verify_rejects_a_tampered_copy_with_exit_status_1(issue, tmp_path, capsys):
    letter = issue()
    data = bytearray(letter_bytes(letter))
    data[len(data) // 2] ^= 0x01
    path = tmp_path / "forged.pdf"
    path.write_bytes(bytes(data))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("letters", "verify", str(path), stdout=out)
    assert exit_info.value.code == 1
    assert f"不是原件：该文件自称是 {letter.number}" in out.getvalue()


def test_verify_does_not_know_a_sample(db, tmp_path):
    path = tmp_path / "sample.pdf"
    _run("sample", "--kind", "acceptance_notice", "--out", str(path))
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("letters", "verify", str(path), stdout=out)
    assert "未找到" in out.getvalue()


def test_verify_reports_a_voided_original(issue, tmp_path):
    from letters.services import letter_void

    letter = issue()
    letter_void(letter=letter, reason="重复发送")
    path = tmp_path / "got.pdf"
    path.write_bytes(letter_bytes(letter))
    assert "已于" in _run("verify", str(path)) and "作废" in _run("verify", str(path))


def test_render_pending_reports_how_many(db):
    assert "queued 0 letter(s)" in _run("render-pending")


def test_letters_still_render_where_fandol_is_absent(tmp_path):
    """A fresh process with no font folder falls back to Noto CJK (Debian fonts-noto-cjk)."""
    out = tmp_path / "noto.pdf"
    env = {**os.environ, "LETTERS_FONT_DIR": str(tmp_path / "no-fonts"), "CREDIT_VAR_DIR": str(tmp_path / "var"),
           "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "letters", "sample", "--kind", "objection_reply", "--out", str(out)],
                   cwd=Path(settings.BASE_DIR), env=env, check=True, capture_output=True, timeout=120)
    fonts = " ".join(r["name"] for r in pdf_fonts(out.read_bytes()))
    assert "Noto" in fonts and "Fandol" not in fonts
    assert "信用信息异议答复书" in pdf_text(out.read_bytes())


def test_the_deploy_check_warns_about_a_local_verify_address(settings):
    from letters.checks import letters_deploy_check

    settings.LETTERS_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    assert "letters.W001" in [w.id for w in letters_deploy_check(None)]
    settings.LETTERS_PUBLIC_BASE_URL = "https://xinyong.example.gov.cn"
    assert "letters.W001" not in [w.id for w in letters_deploy_check(None)]
