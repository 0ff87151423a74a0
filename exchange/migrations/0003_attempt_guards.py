"""Database guard: the log of delivery attempts is append-only.

An attempt row is written before the POST leaves and completed once with the
answer (`exchange.services`): from "in flight", or from "interrupted" when the
lease ran out and the late worker still records what the platform said. After
that nothing changes; which report, which attempt and when it started never
change; no attempt is deleted (nor TRUNCATEd, on PostgreSQL).

Break-glass and test flush: the guard shares `casework_history_unlock` with
casework's history guards (casework/migrations/0014_history_guards.py).
"""

from django.db import migrations

UNLOCK_TABLE = "casework_history_unlock"
COMPLETABLE = "('in_flight', 'interrupted')"
MESSAGE = "报送记录不可修改或删除 (delivery attempts are append-only, completed once)"
IDENTITY = ("id", "report_id", "number", "started_at")


def _postgres_function():
    identity_changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in IDENTITY)
    return f"""
CREATE FUNCTION exchange_attempt_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM {UNLOCK_TABLE}) THEN
        IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.outcome IN {COMPLETABLE} AND NOT ({identity_changed}) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{MESSAGE}',
        DETAIL = TG_OP || ' on ' || TG_TABLE_NAME || ' refused';
END
$$
"""


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    execute = lambda sql: schema_editor.execute(sql, params=None)  # noqa: E731 (SQL as written)
    if vendor == "postgresql":
        execute(_postgres_function())
        execute("CREATE TRIGGER exchange_deliveryattempt_guard BEFORE UPDATE OR DELETE ON exchange_deliveryattempt "
                "FOR EACH ROW EXECUTE FUNCTION exchange_attempt_guard()")
        execute("CREATE TRIGGER exchange_deliveryattempt_no_truncate BEFORE TRUNCATE ON exchange_deliveryattempt "
                "FOR EACH STATEMENT EXECUTE FUNCTION exchange_attempt_guard()")
    elif vendor == "sqlite":
        unlocked = f"EXISTS (SELECT 1 FROM {UNLOCK_TABLE})"
        identity_changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in IDENTITY)
        execute(f"CREATE TRIGGER exchange_deliveryattempt_no_delete BEFORE DELETE ON exchange_deliveryattempt "
                f"WHEN NOT {unlocked} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
        execute(f"CREATE TRIGGER exchange_deliveryattempt_no_update BEFORE UPDATE ON exchange_deliveryattempt "
                f"WHEN NOT {unlocked} AND (OLD.outcome NOT IN {COMPLETABLE} OR {identity_changed}) "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    else:
        raise NotImplementedError(f"the attempt guard is written for PostgreSQL and SQLite, not {vendor}")


def uninstall(apps, schema_editor):
    execute = lambda sql: schema_editor.execute(sql, params=None)  # noqa: E731
    if schema_editor.connection.vendor == "postgresql":
        execute("DROP TRIGGER IF EXISTS exchange_deliveryattempt_guard ON exchange_deliveryattempt")
        execute("DROP TRIGGER IF EXISTS exchange_deliveryattempt_no_truncate ON exchange_deliveryattempt")
        execute("DROP FUNCTION IF EXISTS exchange_attempt_guard()")
    else:
        execute("DROP TRIGGER IF EXISTS exchange_deliveryattempt_no_delete")
        execute("DROP TRIGGER IF EXISTS exchange_deliveryattempt_no_update")


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0014_history_guards"),
        ("exchange", "0002_delivery_state_report_index"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
