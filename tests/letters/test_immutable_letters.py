"""An issued letter is frozen in the database itself: raw SQL cannot renumber, redate, rehash,
swap or delete it, while issuing, rendering, voiding and the download mark still work
(letters/migrations/0001_squashed_0004_letter_kinds_of_issue_14.py)."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from letters.models import Letter, LetterStatus
from letters.services import letter_issue, letter_mark_downloaded, letter_render, letter_void

FROZEN = "已签发函件的文号、日期、签发单位和内容不可修改"
WRITE_ONCE = "只能写入一次"


def raw(sql: str, params=()):
    """Run one statement in its own savepoint, so a refusal leaves the test's transaction usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def row(letter):
    with connection.cursor() as cursor:
        cursor.execute("SELECT number, issued_on, sha256, file, status, context FROM letters_letter WHERE id = %s",
                       [letter.pk])
        return cursor.fetchone()


@pytest.fixture
def issued(issue):
    letter = issue("objection_reply")
    assert letter.status == LetterStatus.ISSUED and letter.sha256
    return letter


@pytest.mark.django_db
def test_the_letter_guards_are_installed():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'letters_letter'")
            assert cursor.fetchone() == (4,)
        else:
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'letters_letter'::regclass "
                           "AND NOT tgisinternal AND tgname LIKE 'letters_letter_%%'")
            assert cursor.fetchone() == (2,)
        cursor.execute("SELECT count(*) FROM letters_archive_unlock")
        assert cursor.fetchone() == (0,)


@pytest.mark.parametrize(("column", "value", "message"), [
    ("number", "长财信异复〔2026〕99号", FROZEN),
    ("issued_on", datetime.date(2026, 1, 2), FROZEN),
    ("addressee", "别的单位", FROZEN),
    ("context", '{"reply": "改写"}', FROZEN),
    ("sha256", "0" * 64, WRITE_ONCE),
    ("file", "letters/2026/forged.pdf", WRITE_ONCE),
    ("status", LetterStatus.RENDERING, "已签发函件只能作废"),
])
def test_raw_sql_cannot_change_what_an_issued_letter_says(issued, column, value, message):
    before = row(issued)
    with pytest.raises(IntegrityError, match=message):
        raw(f"UPDATE letters_letter SET {column} = %s WHERE id = %s", [value, issued.pk])
    assert row(issued) == before


def test_raw_sql_cannot_delete_an_issued_letter(issued):
    with pytest.raises(IntegrityError, match="函件不可删除，只能作废"):
        raw("DELETE FROM letters_letter WHERE id = %s", [issued.pk])
    assert Letter.objects.filter(pk=issued.pk).exists()


def test_the_void_record_is_set_only_with_the_void_and_only_once(issued, staff):
    with pytest.raises(IntegrityError, match=WRITE_ONCE):
        raw("UPDATE letters_letter SET void_reason = %s WHERE id = %s", ["悄悄写入", issued.pk])
    letter_void(letter=issued, reason="文号有误", acting_user=staff)
    before = row(issued)
    with pytest.raises(IntegrityError, match=WRITE_ONCE):
        raw("UPDATE letters_letter SET void_reason = %s WHERE id = %s", ["改写理由", issued.pk])
    with pytest.raises(IntegrityError, match="已签发函件只能作废"):
        raw("UPDATE letters_letter SET status = %s WHERE id = %s", [LetterStatus.ISSUED, issued.pk])
    assert row(issued) == before


def test_issue_render_download_and_void_still_work(issued, staff):
    when = timezone.now()
    assert letter_mark_downloaded(letter=issued, when=when)
    assert not letter_mark_downloaded(letter=issued, when=when + datetime.timedelta(hours=1))
    with pytest.raises(IntegrityError, match=WRITE_ONCE):
        raw("UPDATE letters_letter SET first_downloaded_at = NULL WHERE id = %s", [issued.pk])
    voided = letter_void(letter=issued, reason="送达对象有误", acting_user=staff)
    assert voided.status == LetterStatus.VOID and voided.first_downloaded_at == when
    assert voided.sha256 == issued.sha256 and voided.file.name == issued.file.name


def test_a_letter_voided_while_rendering_still_gets_its_pdf(db, issuer, about, staff,
                                                             django_capture_on_commit_callbacks):
    from letters import samples

    with django_capture_on_commit_callbacks(execute=False):
        letter = letter_issue(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                              context=samples.sample_context("acceptance_notice"), about=about, acting_user=staff)
    letter_void(letter=letter, reason="受理对象有误", acting_user=staff)
    rendered = letter_render(letter_id=letter.pk)
    assert rendered.status == LetterStatus.VOID and rendered.sha256 and rendered.file


def test_a_rendering_letter_is_left_to_its_worker(db, issuer, about, django_capture_on_commit_callbacks):
    # The rendering worker (and its lease) owns a letter until its PDF is stored: not guarded.
    from letters import samples

    with django_capture_on_commit_callbacks(execute=False):
        letter = letter_issue(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                              context=samples.sample_context("acceptance_notice"), about=about)
    raw("UPDATE letters_letter SET page_count = 1 WHERE id = %s", [letter.pk])
    with pytest.raises(IntegrityError, match="函件不可删除"):
        raw("DELETE FROM letters_letter WHERE id = %s", [letter.pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's; SQLite has none")
def test_truncate_of_the_letters_is_refused(issued):
    raw("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no pending foreign-key checks
    with pytest.raises(IntegrityError, match="函件不可删除"):
        raw("TRUNCATE letters_letter CASCADE")
    assert Letter.objects.filter(pk=issued.pk).exists()


def test_the_letters_admin_only_shows(issued, client, staff):
    client.force_login(staff)
    base = "/admin/letters/letter/"
    changelist = client.get(base)
    assert changelist.status_code == 200 and "delete_selected" not in changelist.content.decode()
    assert client.get(f"{base}{issued.pk}/change/").status_code == 200
    assert client.post(f"{base}{issued.pk}/change/", {"number": "长财信异复〔2026〕99号"}).status_code == 403
    assert client.post(f"{base}{issued.pk}/delete/", {"post": "yes"}).status_code == 403
    assert row(issued)[0] == issued.number
