"""The history tables are append-only in the database itself: raw SQL cannot rewrite them
(casework/migrations/0001_squashed_0006_issue_14.py)."""

import pytest
from django.db import IntegrityError, connection, transaction

from casework.models import AuditEntry, RecordChange
from casework.services.audit import audit_write
from tests.factories import CreditRecordFactory, SubjectFactory, UserFactory

APPEND_ONLY = ("casework_auditentry", "casework_recordchange", "casework_rectificationsubmission",
               "casework_rectificationreturn", "casework_accountabilityentry")


def triggers_on(table: str) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                           [table])
        return {name for (name,) in cursor.fetchall()}


def raw(sql: str, params=()):
    """Run one statement in its own savepoint, so a refusal leaves the test's transaction usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def entry(db):
    subject = SubjectFactory()
    return audit_write(target=subject, action="subject_moved", actor=UserFactory(), from_state="长春市",
                       to_state="吉林市", reason="所属行政区域调整")


def _unchanged(entry):
    row = AuditEntry.objects.get(pk=entry.pk)
    assert (row.action, row.from_state, row.to_state, row.reason, row.at) == (
        entry.action, entry.from_state, entry.to_state, entry.reason, entry.at)


@pytest.mark.django_db
@pytest.mark.parametrize("table", APPEND_ONLY)
def test_every_history_table_has_its_guard(table):
    # SQLite drops a table's triggers when a later migration rebuilds the table: this says so.
    expected = ({f"{table}_no_update", f"{table}_no_delete"} if connection.vendor == "sqlite"
                else {f"{table}_append_only", f"{table}_no_truncate"})
    assert expected <= triggers_on(table)


def test_raw_sql_cannot_change_an_audit_row(entry):
    with pytest.raises(IntegrityError, match="审计记录不可修改"):
        raw("UPDATE casework_auditentry SET reason = %s, to_state = %s WHERE id = %s",
            ["改写的理由", "rejected", entry.pk])
    _unchanged(entry)


def test_raw_sql_cannot_delete_an_audit_row(entry):
    with pytest.raises(IntegrityError, match="audit rows are append-only"):
        raw("DELETE FROM casework_auditentry WHERE id = %s", [entry.pk])
    _unchanged(entry)


def test_the_orm_cannot_rewrite_the_audit_trail_either(entry):
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(actor=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).actor_id == entry.actor_id


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's; SQLite has none")
def test_truncate_of_the_audit_trail_is_refused(entry):
    raw("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no pending foreign-key checks
    with pytest.raises(IntegrityError, match="审计记录不可修改或删除"):
        raw("TRUNCATE casework_auditentry CASCADE")
    _unchanged(entry)


def test_a_record_change_cannot_be_rewritten(db):
    from django.contrib.contenttypes.models import ContentType

    record = CreditRecordFactory()
    change = RecordChange.objects.create(
        record=record, action=RecordChange.Action.REVOKED, before={"facts": "逾期未付款。"}, after={},
        case_type=ContentType.objects.get_for_model(record), case_id=record.pk, changed_by=UserFactory(),
    )
    with pytest.raises(IntegrityError, match="记录变更历史不可修改或删除"):
        raw("UPDATE casework_recordchange SET before = %s WHERE id = %s", ['{"facts": "无"}', change.pk])
    with pytest.raises(IntegrityError, match="记录变更历史不可修改或删除"):
        raw("DELETE FROM casework_recordchange WHERE id = %s", [change.pk])
    assert RecordChange.objects.get(pk=change.pk).before == {"facts": "逾期未付款。"}


def test_writing_the_audit_trail_still_works(entry):
    audit_write(target=entry.target, action="subject_edited", actor=None, reason="名称更正")
    assert AuditEntry.objects.filter(target_id=entry.target_id).count() == 2


@pytest.mark.django_db
def test_nothing_has_unlocked_the_history():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM casework_history_unlock")
        assert cursor.fetchone() == (0,)
