"""Each app's schema is one squashed migration that stands for the whole chain it replaced
(casework's is two: see OLD_CHAINS).

The old chain's data migrations (filling new deadline columns and the running counts from rows
already there) were tested here against demo data migrated back and forward; they are gone with
the chain, since a new database has no rows to fill. That a database built from these
migrations refuses to rewrite history is tests/casework/test_immutable_history.py's (the test
database is built from them).
"""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from tests.casework.test_immutable_history import APPEND_ONLY, triggers_on

# Every migration the squashed ones replaced, as databases migrated before the squash recorded
# them: the chains before round 2 of issue 13, then (round 3) what had been added on top of that
# squash. A database that applied a squashed migration records the names it replaces.
OLD_CHAINS = {
    "casework": ["0001_initial", "0002_audit_entry", "0003_deadline", "0004_objections",
                 "0005_repairs_and_rectifications", "0006_deadline_met_on", "0007_deadline_parties",
                 "0008_open_case_indexes", "0009_open_tallies", "0010_deadline_met_working_days",
                 "0011_scoped_dashboard_indexes", "0013_text_limits", "0014_history_guards",
                 "0002_record_published_on", "0003_complaints", "0004_department_contact",
                 "0005_deadline_legal_due_date", "0006_issue_14"],
    "exchange": ["0001_initial", "0002_delivery_state_report_index", "0003_attempt_guards"],
    "letters": ["0001_initial", "0002_archive_guards", "0003_letter_render_lease",
                "0002_letter_kind_receipt", "0003_letter_kind_complaints", "0004_letter_kinds_of_issue_14"],
    "supervision": ["0001_initial", "0002_report_schedule_and_announcements", "0003_oversight",
                    "0004_oversight_escalation_note"],
    "workflows": ["0001_objection_process", "0002_repair_and_rectification_processes",
                  "0003_complaint_process", "0004_appeal_process"],
}
# The round-2 squashes, gone from disk since round 3; a database built from them records them too.
ROUND_2_SQUASHES = {"casework": "0001_squashed_0014_history_guards",
                    "letters": "0001_squashed_0003_letter_render_lease",
                    "workflows": "0001_squashed_0002_repair_and_rectification_processes"}
# The migrations that replace each chain, in order. casework's is two: letters' migration needs
# casework's users, so the one casework column pointing at letters (the extension's letter) is
# added by a second migration, which replaces the chain's last, 0006_issue_14.
SQUASHED = {app: [f"0001_squashed_{chain[-1]}"] for app, chain in OLD_CHAINS.items()}
SQUASHED["casework"].append("0002_case_extension_letter")
SQUASHED_KEYS = {(app, name) for app, names in SQUASHED.items() for name in names}


def disk_migrations(app_label):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {name: migration for (app, name), migration in loader.disk_migrations.items() if app == app_label}


@pytest.mark.parametrize("app_label", sorted(OLD_CHAINS))
def test_one_initial_migration_replaces_the_whole_old_chain(app_label):
    migrations = disk_migrations(app_label)
    first, *rest = (migrations[name] for name in SQUASHED[app_label])
    assert first.initial and [name for name, m in migrations.items() if m.initial] == [first.name]
    replaced = [key for migration in (first, *rest) for key in migration.replaces]
    assert replaced == [(app_label, name) for name in OLD_CHAINS[app_label]]
    assert not set(OLD_CHAINS[app_label]) & set(migrations)  # the old files are gone


def test_no_migration_depends_on_a_replaced_one():
    replaced = {(app, name) for app, chain in OLD_CHAINS.items() for name in chain}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    stale = {key: set(m.dependencies) & replaced for key, m in loader.disk_migrations.items()}
    assert {key: deps for key, deps in stale.items() if deps} == {}


@pytest.mark.django_db
def test_a_database_migrated_on_the_old_chain_has_nothing_to_apply():
    recorder = MigrationRecorder(connection)
    # What such a database records: the old names and the round-2 squashes, none of the new ones.
    recorder.migration_qs.filter(app__in=OLD_CHAINS).delete()
    for app_label, chain in OLD_CHAINS.items():
        for name in chain:
            recorder.record_applied(app_label, name)
    for app_label, name in ROUND_2_SQUASHES.items():
        recorder.record_applied(app_label, name)

    executor = MigrationExecutor(connection)
    assert SQUASHED_KEYS <= set(executor.loader.applied_migrations)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert [m for m, _ in plan if (m.app_label, m.name) in SQUASHED_KEYS] == []


@pytest.mark.django_db
def test_the_models_need_no_new_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_reversing_the_history_guards_drops_them_and_applying_puts_them_back():
    guards = importlib.import_module(f"casework.migrations.{SQUASHED['casework'][0]}").HISTORY_GUARDS
    with connection.schema_editor() as editor:
        guards.reverse_code(apps, editor)
    try:
        assert all(triggers_on(table) == set() for table in APPEND_ONLY)
        assert "casework_history_unlock" not in connection.introspection.table_names()
        assert len(triggers_on("casework_caseextension")) == 2  # the extension's guard is its own
    finally:
        with connection.schema_editor() as editor:
            guards.code(apps, editor)
    assert all(len(triggers_on(table)) == 2 for table in APPEND_ONLY)
    assert len(triggers_on("exchange_deliveryattempt")) == 2


def _audit_foreign_keys() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "casework_auditentry")
    return {column for c in constraints.values() if c["foreign_key"] for column in c["columns"]}


@pytest.mark.django_db(transaction=True)
def test_the_audit_keys_migration_keeps_the_audit_guards_both_ways():
    """0003 rebuilds the audit table on SQLite, which drops its triggers: it installs them again,
    forwards and backwards, and only its own two keys' constraints change."""
    after = ("casework", "0003_audit_keys_and_deadline_indexes")
    MigrationExecutor(connection).migrate([("casework", "0002_case_extension_letter")])
    try:
        assert len(triggers_on("casework_auditentry")) == 2
        assert _audit_foreign_keys() == {"target_type_id", "actor_id"}
    finally:
        MigrationExecutor(connection).migrate([after])
    assert len(triggers_on("casework_auditentry")) == 2
    assert _audit_foreign_keys() == set()
    assert all(len(triggers_on(table)) == 2 for table in APPEND_ONLY)
