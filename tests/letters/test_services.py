import datetime
import hashlib
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from pypdf import PdfReader

from calendars import clock
from letters import samples, services
from letters.errors import LetterError
from letters.models import Letter, LetterFrozenError, LetterStatus, NumberSequence
from letters.services import (
    letter_archive_intact,
    letter_draft_pdf,
    letter_issue,
    letter_mark_downloaded,
    letter_render,
    letter_render_pending,
    letter_void,
)

from .pdfs import letter_bytes, pdf_text


def test_issue_numbers_renders_hashes_and_stores_the_letter(issue, about, staff):
    letter = issue("objection_reply")
    assert letter.status == LetterStatus.ISSUED
    assert letter.number == "长财信异复〔2026〕1号"
    assert letter.kind == "objection_reply"
    assert letter.get_kind_display() == "异议答复书"
    assert letter.about == about
    assert letter.issued_by == staff
    assert letter.page_count >= 1
    data = letter_bytes(letter)
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == letter.sha256
    assert len(letter.verification_code) == 12
    assert letter.file.name == f"letters/{letter.year}/{letter.verification_code}.pdf"
    assert letter.first_downloaded_at is None


def test_the_letter_shows_rendering_until_the_transaction_commits(db, issuer, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        letter = letter_issue(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                              context=samples.sample_context("acceptance_notice"), about=about, acting_user=None)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RENDERING and not letter.sha256 and not letter.file
    assert len(callbacks) == 1
    callbacks[0]()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED and letter.sha256


def test_a_rolled_back_issue_queues_no_rendering(db, issuer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            letter_issue(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                         context=samples.sample_context("acceptance_notice"))
            raise RuntimeError("case change failed")
    assert callbacks == []
    assert not Letter.objects.exists()


def test_issued_on_defaults_to_today_in_beijing(db, issuer, monkeypatch):
    monkeypatch.setattr(services, "_enqueue_render", lambda letter_id: None)
    # 17:30 UTC on 22 October is 01:30 on 23 October in Beijing.
    monkeypatch.setattr(clock, "now", lambda: datetime.datetime(2026, 10, 22, 17, 30, tzinfo=datetime.UTC))
    letter = letter_issue(issuer=issuer, kind="objection_reply", addressee="农安县人民政府",
                          context=samples.sample_context("objection_reply"))
    assert letter.issued_on == datetime.date(2026, 10, 23)


def test_a_missing_context_key_fails_before_anything_is_numbered(db, issuer):
    context = samples.sample_context("objection_reply")
    del context["outcome"]
    with pytest.raises(ValueError, match="'outcome' is required"):
        letter_issue(issuer=issuer, kind="objection_reply", addressee="农安县人民政府", context=context)
    assert not NumberSequence.objects.exists()


def test_a_seal_path_that_is_no_file_is_refused(db, issuer):
    bad = services.Issuer(key=issuer.key, name=issuer.name, number_prefix=issuer.number_prefix,
                          seal_path="/nonexistent/seal.png")
    with pytest.raises(ValueError, match="seal_path"):
        letter_issue(issuer=bad, kind="acceptance_notice", addressee="农安县人民政府",
                     context=samples.sample_context("acceptance_notice"))


# --- frozen once issued --------------------------------------------------------

def test_an_issued_letter_cannot_be_edited(issue):
    letter = issue()
    letter.addressee = "别的单位"
    with pytest.raises(LetterFrozenError, match="addressee is frozen"):
        letter.save()
    letter.refresh_from_db()
    letter.context = {**letter.context, "findings": "改过的核查情况"}
    with pytest.raises(LetterFrozenError, match="context is frozen"):
        letter.save(update_fields=["context"])


def test_the_stored_file_and_its_hash_cannot_be_replaced(issue):
    letter = issue()
    letter.sha256 = "0" * 64
    with pytest.raises(LetterFrozenError, match="sha256 is frozen"):
        letter.save()
    letter = Letter.objects.get(pk=letter.pk)
    letter.file.save("forged.pdf", ContentFile(b"%PDF-forged"), save=False)
    with pytest.raises(LetterFrozenError, match="file is frozen"):
        letter.save()


def test_bulk_updates_and_deletes_are_refused(issue):
    letter = issue()
    with pytest.raises(LetterFrozenError):
        Letter.objects.filter(pk=letter.pk).update(addressee="别的单位")
    with pytest.raises(LetterFrozenError):
        Letter.objects.filter(pk=letter.pk).delete()
    with pytest.raises(LetterFrozenError):
        letter.delete()
    with pytest.raises(LetterFrozenError):
        Letter.objects.bulk_update([letter], ["addressee"])
    assert Letter.objects.get(pk=letter.pk).addressee == letter.addressee


def test_a_voided_letter_cannot_be_reissued_by_setting_its_status(issue):
    letter = letter_void(letter=issue(), reason="文号错误")
    letter.status = LetterStatus.ISSUED
    with pytest.raises(LetterFrozenError, match="status is frozen"):
        letter.save()


def test_rendering_again_changes_nothing(issue):
    letter = issue()
    before = (letter.sha256, letter.file.name, letter_bytes(letter))
    again = letter_render(letter_id=letter.pk)
    assert (again.sha256, again.file.name, letter_bytes(again)) == before


def test_the_pdf_is_recorded_once_whoever_renders_second(issue):
    letter = issue()
    assert not Letter.objects.record_pdf(pk=letter.pk, name="letters/forged.pdf", sha256="0" * 64, page_count=1,
                                         rendered_at=letter.rendered_at)
    assert Letter.objects.record_first_download(pk=letter.pk, when=letter.rendered_at) is True
    assert Letter.objects.record_first_download(pk=letter.pk, when=letter.created_at) is False
    assert Letter.objects.get(pk=letter.pk).sha256 == letter.sha256


def test_of_two_workers_racing_on_one_letter_the_second_keeps_nothing(db, issuer, monkeypatch):
    from django.core.files.storage import default_storage

    from letters import rendering

    monkeypatch.setattr(services, "_enqueue_render", lambda letter_id: None)
    letter = letter_issue(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                          context=samples.sample_context("acceptance_notice"))
    real_render = rendering.render_pdf
    calls = []

    def render_while_another_worker_finishes(doc, **kwargs):
        if not calls:
            calls.append(1)
            letter_render(letter_id=letter.pk)  # the other worker, faster
        return real_render(doc, **kwargs)

    monkeypatch.setattr(rendering, "render_pdf", render_while_another_worker_finishes)
    result = letter_render(letter_id=letter.pk)
    first = Letter.objects.get(pk=letter.pk)
    assert result.sha256 == first.sha256 and result.file.name == first.file.name
    _, files = default_storage.listdir(f"letters/{letter.year}")
    assert [f for f in files if f.startswith(letter.verification_code)] == [first.file.name.rsplit("/", 1)[1]]


def test_the_archived_file_is_read_only_on_disk_and_checked_by_hash(issue):
    letter = issue()
    path = letter.file.path
    assert not os.stat(path).st_mode & 0o222
    assert letter_archive_intact(letter=letter)
    os.chmod(path, 0o644)  # someone with shell access edits it anyway
    with open(path, "r+b") as fh:
        fh.seek(200)
        fh.write(b"X")
    assert not letter_archive_intact(letter=letter)


def test_rendering_is_refused_when_the_seal_went_missing(db, seal_png, sealed_issuer, monkeypatch):
    monkeypatch.setattr(services, "_enqueue_render", lambda letter_id: None)
    letter = letter_issue(issuer=sealed_issuer, kind="acceptance_notice", addressee="农安县人民政府",
                          context=samples.sample_context("acceptance_notice"))
    seal_png.unlink()
    with pytest.raises(FileNotFoundError, match="seal"):
        letter_render(letter_id=letter.pk)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.RENDERING


def test_pending_letters_are_queued_again(db, issuer, monkeypatch):
    queued = []
    monkeypatch.setattr(services, "_enqueue_render", queued.append)
    letter = letter_issue(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                          context=samples.sample_context("acceptance_notice"))
    assert letter_render_pending() == 0  # too recent: its task may still be on the way
    later = letter.created_at + datetime.timedelta(minutes=6)
    assert letter_render_pending(now=later) == 1
    assert queued == [letter.pk]


# --- void, replace, download ---------------------------------------------------

def test_voiding_keeps_the_number_and_the_file_and_records_the_reason(issue, staff):
    letter = issue()
    when = datetime.datetime(2026, 10, 26, 2, 0, tzinfo=datetime.UTC)
    voided = letter_void(letter=letter, reason="主送单位名称有误", acting_user=staff, when=when)
    assert voided.status == LetterStatus.VOID
    assert voided.number == letter.number and voided.sha256 == letter.sha256
    assert (voided.void_reason, voided.voided_by, voided.voided_at) == ("主送单位名称有误", staff, when)
    assert letter.status == LetterStatus.VOID  # the caller's instance is refreshed


def test_voiding_needs_a_reason_and_happens_once(issue):
    letter = issue()
    with pytest.raises(LetterError, match="须说明理由"):
        letter_void(letter=letter, reason="  ")
    letter_void(letter=letter, reason="重复发送")
    with pytest.raises(LetterError, match="已作废"):
        letter_void(letter=letter, reason="再次作废")


def test_a_replacement_gets_a_new_number_and_points_at_the_voided_letter(issue):
    old = issue()
    with pytest.raises(LetterError, match="只能替代已作废的函件"):
        issue(replaces=old)
    letter_void(letter=old, reason="答复意见表述有误")
    new = issue(replaces=old)
    assert new.number == "长财信异复〔2026〕2号"
    assert new.replaces == old and old.replaced_by == new
    with pytest.raises(LetterError, match="已有替代函件"):
        issue(replaces=old)


def test_first_download_is_recorded_once(issue):
    letter = issue()
    first = datetime.datetime(2026, 10, 24, 1, 0, tzinfo=datetime.UTC)
    assert letter_mark_downloaded(letter=letter, when=first) is True
    assert letter_mark_downloaded(letter=letter, when=first + datetime.timedelta(days=1)) is False
    assert Letter.objects.get(pk=letter.pk).first_downloaded_at == first
    assert letter.first_downloaded_at == first


# --- drafts ---------------------------------------------------------------------

def test_a_draft_is_watermarked_unnumbered_and_stores_nothing(db, issuer):
    data = letter_draft_pdf(issuer=issuer, kind="objection_reply", addressee="农安县人民政府",
                            context=samples.sample_context("objection_reply"),
                            issued_on=datetime.date(2026, 10, 23))
    text = pdf_text(data)
    assert "草稿" in text
    assert "长财信异复〔2026〕" in text and "〔2026〕1号" not in text
    assert "/letters/verify/" not in text
    assert "letter-verification" not in str(PdfReader(io.BytesIO(data)).metadata.get("/Keywords"))
    assert not Letter.objects.exists() and not NumberSequence.objects.exists()


