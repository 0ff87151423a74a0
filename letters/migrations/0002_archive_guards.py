"""Database guards: an issued letter is frozen, and no letter is ever deleted.

`Letter.save()` and `LetterQuerySet` refuse these changes in Python; the
triggers make the database refuse them too, from any client (raw SQL, a shell,
another program). Once a letter is issued or void (not while it is still
"rendering", whose row the rendering worker owns):

- what was sent never changes: number, serial, family, year, date, kind,
  issuer, seal, addressee, cc, context, verification code, subject link,
  replaced letter, issuer user, creation time;
- what the archive records is written once, each column from empty to a value:
  the PDF (file, SHA-256, pages, rendering time; a letter voided while rendering
  still gets its PDF), the first download, the void record (only together with
  the status becoming "void");
- status moves only issued → void.

A DELETE is refused whatever the status, and TRUNCATE on PostgreSQL.

Break-glass: the guards stand aside only while `letters_archive_unlock` holds a
row, which no code writes (the test suite inserts it inside the transaction that
flushes the test database, tests/conftest.py). SQLite drops a table's triggers
when Django rebuilds the table: a migration that alters `letters_letter` must
run before this one or install the guards again (tests/letters/test_immutable_letters.py
fails when a guard is missing).
"""

from django.db import migrations

UNLOCK_TABLE = "letters_archive_unlock"
GUARDED = "('issued', 'void')"

FROZEN = ("id", "kind", "issuer_key", "issuer_name", "issuer_seal_path", "family", "year", "serial", "number",
          "issued_on", "addressee", "cc", "context", "verification_code", "content_type_id", "object_id",
          "replaces_id", "issued_by_id", "created_at")
# Written once: empty ('' or NULL) until set, then fixed.
WRITE_ONCE_TEXT = ("file", "sha256", "void_reason")
WRITE_ONCE_NULLABLE = ("page_count", "rendered_at", "first_downloaded_at", "voided_at", "voided_by_id")
VOID_RECORD = ("voided_at", "voided_by_id", "void_reason")

NO_DELETE = "函件不可删除，只能作废 (letters are never deleted: void them)"
FROZEN_MESSAGE = ("已签发函件的文号、日期、签发单位和内容不可修改 "
                  "(the number, date, issuer and content of an issued letter are frozen)")
WRITE_ONCE_MESSAGE = ("函件的归档文件、哈希、首次下载和作废记录只能写入一次 "
                      "(the archived PDF, hash, first download and void record of a letter are written once)")
STATUS_MESSAGE = "已签发函件只能作废 (an issued letter can only be voided)"


def _changed(column, *, old="OLD", new="NEW", differs):
    return f"{new}.{column} {differs} {old}.{column}"


def _conditions(differs):
    """The SQL conditions (each refusing an UPDATE of a guarded letter), per message."""
    frozen = " OR ".join(_changed(c, differs=differs) for c in FROZEN)
    write_once = " OR ".join(
        [f"(OLD.{c} <> '' AND {_changed(c, differs=differs)})" for c in WRITE_ONCE_TEXT]
        + [f"(OLD.{c} IS NOT NULL AND {_changed(c, differs=differs)})" for c in WRITE_ONCE_NULLABLE]
        + ["(NEW.status <> 'void' AND (" + " OR ".join(_changed(c, differs=differs) for c in VOID_RECORD) + "))"]
    )
    status = "NOT (NEW.status = OLD.status OR (OLD.status = 'issued' AND NEW.status = 'void'))"
    return [(frozen, FROZEN_MESSAGE), (write_once, WRITE_ONCE_MESSAGE), (status, STATUS_MESSAGE)]


def _postgres_function():
    checks = "\n".join(
        f"    IF {condition} THEN\n"
        f"        RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{message}',\n"
        f"            DETAIL = 'letter ' || OLD.number;\n"
        f"    END IF;"
        for condition, message in _conditions("IS DISTINCT FROM")
    )
    return f"""
CREATE FUNCTION letters_letter_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM {UNLOCK_TABLE}) THEN
        IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
        RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{NO_DELETE}';
    END IF;
    IF OLD.status NOT IN {GUARDED} THEN
        RETURN NEW;
    END IF;
{checks}
    RETURN NEW;
END
$$
"""


def _postgres_install(execute):
    execute(_postgres_function())
    execute("CREATE TRIGGER letters_letter_guard BEFORE UPDATE OR DELETE ON letters_letter "
            "FOR EACH ROW EXECUTE FUNCTION letters_letter_guard()")
    execute("CREATE TRIGGER letters_letter_no_truncate BEFORE TRUNCATE ON letters_letter "
            "FOR EACH STATEMENT EXECUTE FUNCTION letters_letter_guard()")


def _postgres_uninstall(execute):
    execute("DROP TRIGGER IF EXISTS letters_letter_guard ON letters_letter")
    execute("DROP TRIGGER IF EXISTS letters_letter_no_truncate ON letters_letter")
    execute("DROP FUNCTION IF EXISTS letters_letter_guard()")


SQLITE_TRIGGERS = ("letters_letter_no_delete", "letters_letter_frozen", "letters_letter_write_once",
                   "letters_letter_status_step")


def _sqlite_install(execute):
    unlocked = f"EXISTS (SELECT 1 FROM {UNLOCK_TABLE})"
    execute(f"CREATE TRIGGER letters_letter_no_delete BEFORE DELETE ON letters_letter "
            f"WHEN NOT {unlocked} BEGIN SELECT RAISE(ABORT, '{NO_DELETE}'); END")
    names = SQLITE_TRIGGERS[1:]
    for name, (condition, message) in zip(names, _conditions("IS NOT"), strict=True):
        execute(f"CREATE TRIGGER {name} BEFORE UPDATE ON letters_letter "
                f"WHEN OLD.status IN {GUARDED} AND NOT {unlocked} AND ({condition}) "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END")


def _sqlite_uninstall(execute):
    for name in SQLITE_TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")


def _execute(schema_editor):
    # params=None: the SQL goes to the database as written (no %-placeholders).
    return lambda sql: schema_editor.execute(sql, params=None)


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"letter guards are written for PostgreSQL and SQLite, not {vendor}")
    execute = _execute(schema_editor)
    execute(f"CREATE TABLE {UNLOCK_TABLE} (id integer PRIMARY KEY CHECK (id = 1))")
    (_postgres_install if vendor == "postgresql" else _sqlite_install)(execute)


def uninstall(apps, schema_editor):
    execute = _execute(schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        _postgres_uninstall(execute)
    else:
        _sqlite_uninstall(execute)
    execute(f"DROP TABLE IF EXISTS {UNLOCK_TABLE}")


class Migration(migrations.Migration):

    dependencies = [
        ("letters", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
