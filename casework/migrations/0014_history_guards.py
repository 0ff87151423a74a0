"""Database guards: the audit trail and the other history tables are append-only.

The services only ever INSERT into these tables; the guards make the database
refuse everything else (an UPDATE or DELETE from any client, raw SQL included,
and TRUNCATE on PostgreSQL), so history cannot be rewritten by a bug, a shell
session or an admin page.

Break-glass: the guards stand aside only while `casework_history_unlock` holds
a row. No model maps that table and no code writes it; the test suite inserts
the row inside the transaction that flushes the test database (tests/conftest.py),
an operator with direct database access may do the same inside one transaction
(INSERT, the repair, DELETE, COMMIT), and nothing else can.

SQLite drops a table's triggers when Django rebuilds the table (most AlterField
operations do): a migration that alters one of these tables must run before
this one, or install the guards again. tests/casework/test_immutable_history.py
fails when a guard is missing.
"""

from django.db import migrations

UNLOCK_TABLE = "casework_history_unlock"

# table: what its rows are, in Chinese and English, for the refusal message.
APPEND_ONLY = {
    "casework_auditentry": ("审计记录", "audit rows"),
    "casework_recordchange": ("记录变更历史", "record change history rows"),
    "casework_rectificationsubmission": ("整改材料提交记录", "rectification submissions"),
    "casework_rectificationreturn": ("整改退回记录", "rectification returns"),
    "casework_accountabilityentry": ("责任追究记录", "accountability entries"),
}


def _message(table):
    chinese, english = APPEND_ONLY[table]
    return f"{chinese}不可修改或删除 ({english} are append-only)"


POSTGRES_FUNCTION = f"""
CREATE FUNCTION casework_history_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM {UNLOCK_TABLE}) THEN
        IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = TG_ARGV[0],
        DETAIL = TG_OP || ' on ' || TG_TABLE_NAME || ' refused';
END
$$
"""


def _postgres_install(execute):
    execute(POSTGRES_FUNCTION)
    for table in APPEND_ONLY:
        message = _message(table)
        execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION casework_history_refuse('{message}')")
        execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION casework_history_refuse('{message}')")


def _postgres_uninstall(execute):
    for table in APPEND_ONLY:
        execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    execute("DROP FUNCTION IF EXISTS casework_history_refuse()")


def _sqlite_install(execute):
    for table in APPEND_ONLY:
        message = _message(table)
        for operation in ("UPDATE", "DELETE"):
            execute(
                f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                f"WHEN NOT EXISTS (SELECT 1 FROM {UNLOCK_TABLE}) "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def _sqlite_uninstall(execute):
    for table in APPEND_ONLY:
        for operation in ("update", "delete"):
            execute(f"DROP TRIGGER IF EXISTS {table}_no_{operation}")


def _execute(schema_editor):
    # params=None: the SQL goes to the database as written (no %-placeholders).
    return lambda sql: schema_editor.execute(sql, params=None)


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"history guards are written for PostgreSQL and SQLite, not {vendor}")
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
        # After every migration that alters these tables (see the docstring).
        ("casework", "0013_text_limits"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
