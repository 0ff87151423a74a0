"""Fewer index entries and key checks per re-dated deadline (issue 16, benchmarks/recompute.py).

A calendar change re-dates every open deadline it reaches (a million in a province): one UPDATE
of the deadlines and one audit row for each. benchmarks/recompute.py, 1,000,000 deadlines on
PostgreSQL, best of 2: 54.2 s before, 35.2 s after (the hand-written SQL 22.1 s and 18.6 s):
- the deadline's own indexes on `owner_type` and `due_date` and the (met_at, due_date) index
  are dropped: each is rewritten for every updated row, and each is covered by another index
  (the (owner_type, owner_id) index; the partial open-deadline index deadline_open_due_idx,
  which every query by due date reads, since all of them ask for open deadlines);
- the audit row's foreign-key constraints on `target_type` and `actor` are dropped, and
  target_type's own index (the (target_type, target_id, at) index leads with it): PostgreSQL
  checked the two keys of each of the million rows one by one at commit, 12 s.
  `casework.models.audit` says why the rows stay sound without them.

SQLite rebuilds the audit table to alter its columns, and a rebuilt table has lost its
triggers: the append-only guards that 0001 installed are installed again after the rebuild,
both forwards and backwards (the reverse rebuilds it once more).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from ops import history_guard_sql

AUDIT = "casework_auditentry"
# As 0001 wrote them: the same names, message and unlock table.
UNLOCK_TABLE = "casework_history_unlock"
MESSAGE = "审计记录不可修改或删除 (audit rows are append-only)"


def _guard_audit_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL alters the columns in place; its triggers stay
    for operation in ("UPDATE", "DELETE"):
        name = f"{AUDIT}_no_{operation.lower()}"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)
        schema_editor.execute(history_guard_sql.sqlite_trigger(
            name, operation=operation, table=AUDIT, unlock_table=UNLOCK_TABLE, message=MESSAGE), params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0002_case_extension_letter'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # Backwards, this runs last: after the reverse rebuilt the audit table on SQLite.
        migrations.RunPython(migrations.RunPython.noop, _guard_audit_on_sqlite),
        migrations.RemoveIndex(
            model_name='deadline',
            name='casework_de_met_at_967a1f_idx',
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='actor',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='为空表示系统自动操作', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='target_type',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AlterField(
            model_name='deadline',
            name='due_date',
            field=models.DateField(blank=True, help_text='按现行工作日历计算；队列、逾期统计、提醒和督办均以此为准', null=True, verbose_name='法定到期日'),
        ),
        migrations.AlterField(
            model_name='deadline',
            name='owner_type',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.RunPython(_guard_audit_on_sqlite, migrations.RunPython.noop),
    ]
