"""The SQL of the database guards that keep history tables append-only, written once.

casework (audit trail and the other history tables), letters (the archive) and exchange (the
log of delivery attempts) each guard tables with triggers that stand aside only while an
"unlock" table holds a row (break-glass; the test suite's flush, tests/conftest.py). The
rules differ per table; how a guard is installed, how it refuses and how the unlock works
are the same, and are built here.

Their initial migrations import this module. Frozen history normally should not import
application code, because the code changes and the history must not; this module is the
exception because it is stable SQL text with no model in it, and it sits in `ops`, the
bottom layer, so any app's migration may import it. Changing a string here changes what a
new database gets: a changed guard is a new migration that drops and re-creates it, not an
edit of this text.
"""

from django.db import migrations

VENDORS = ("postgresql", "sqlite")


def unlock_exists(unlock_table):
    return f"EXISTS (SELECT 1 FROM {unlock_table})"


def postgres_function(name, *, unlock_table, body):
    """A PL/pgSQL trigger function: stand aside while unlocked, else run `body` (refusals)."""
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF {unlock_exists(unlock_table)} THEN
        IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
{body}
END
$$
"""


def postgres_refusal(message):
    """The RAISE that refuses the statement; `message` is SQL (a quoted string or TG_ARGV[0])."""
    return (f"    RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = {message},\n"
            f"        DETAIL = TG_OP || ' on ' || TG_TABLE_NAME || ' refused';")


def postgres_triggers(table, *, row_trigger, call):
    """Row trigger on UPDATE and DELETE, statement trigger on TRUNCATE, both running `call`."""
    return [
        f"CREATE TRIGGER {row_trigger} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {call}",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {call}",
    ]


def postgres_drops(table, *, row_trigger):
    return [f"DROP TRIGGER IF EXISTS {row_trigger} ON {table}", f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}"]


def sqlite_trigger(name, *, operation, table, unlock_table, message, guarded=None, refused=None):
    """A BEFORE trigger that aborts with `message` unless unlocked.

    `guarded`: a condition on the row before the test of the unlock (only these rows are guarded);
    `refused`: a condition after it (only these changes are refused); both SQL, both optional.
    """
    when = " AND ".join(
        ([guarded] if guarded else []) + [f"NOT {unlock_exists(unlock_table)}"] + ([f"({refused})"] if refused else []))
    return f"CREATE TRIGGER {name} BEFORE {operation} ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, '{message}'); END"


def guards(*, what, postgresql, sqlite, drop_postgresql, drop_sqlite, unlock_table=None):
    """The migration operation that installs the guards (lists of SQL statements per vendor).

    With `unlock_table`, the operation also creates (and on reversal drops) that unlock table;
    without, the guards use one another migration created.
    """
    statements = {"postgresql": (postgresql, drop_postgresql), "sqlite": (sqlite, drop_sqlite)}

    def run(schema_editor, sql_list):
        for sql in sql_list:
            # params=None: the SQL goes to the database as written (no %-placeholders).
            schema_editor.execute(sql, params=None)

    def install(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in VENDORS:
            raise NotImplementedError(f"{what} are written for PostgreSQL and SQLite, not {vendor}")
        if unlock_table:
            run(schema_editor, [f"CREATE TABLE {unlock_table} (id integer PRIMARY KEY CHECK (id = 1))"])
        run(schema_editor, statements[vendor][0])

    def uninstall(apps, schema_editor):
        run(schema_editor, statements[schema_editor.connection.vendor][1])
        if unlock_table:
            run(schema_editor, [f"DROP TABLE IF EXISTS {unlock_table}"])

    return migrations.RunPython(install, uninstall)
