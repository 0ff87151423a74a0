"""The one extension (延期) of a case's time limit, kept append-only like the other history tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from ops import history_guard_sql

# An extension is history like the audit trail: append-only in the database itself, behind the
# unlock table of 0001 (casework_history_unlock). Its PostgreSQL function is its own, so 0001's
# guards can be reversed and applied again (tests/casework/test_migrations.py) without this one.
TABLE = "casework_caseextension"
UNLOCK_TABLE = "casework_history_unlock"
MESSAGE = "期限延长记录不可修改或删除 (case extensions are append-only)"
GUARD = history_guard_sql.guards(
    what="history guards",
    postgresql=[
        history_guard_sql.postgres_function("casework_extension_refuse", unlock_table=UNLOCK_TABLE,
                                            body=history_guard_sql.postgres_refusal("TG_ARGV[0]")),
        *history_guard_sql.postgres_triggers(
            TABLE, row_trigger=f"{TABLE}_append_only", call=f"casework_extension_refuse('{MESSAGE}')"),
    ],
    drop_postgresql=[
        *history_guard_sql.postgres_drops(TABLE, row_trigger=f"{TABLE}_append_only"),
        "DROP FUNCTION IF EXISTS casework_extension_refuse()",
    ],
    sqlite=[history_guard_sql.sqlite_trigger(f"{TABLE}_no_{operation.lower()}", operation=operation, table=TABLE,
                                             unlock_table=UNLOCK_TABLE, message=MESSAGE)
            for operation in ("UPDATE", "DELETE")],
    drop_sqlite=[f"DROP TRIGGER IF EXISTS {TABLE}_no_{operation}" for operation in ("update", "delete")],
)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0005_deadline_legal_due_date'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('letters', '0004_letter_kind_extension_notice'),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseExtension',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('case_id', models.PositiveBigIntegerField()),
                ('original_due_date', models.DateField(verbose_name='原到期日')),
                ('new_due_date', models.DateField(verbose_name='延长后到期日')),
                ('working_days', models.PositiveSmallIntegerField(verbose_name='延长工作日数')),
                ('reason', models.TextField(verbose_name='延长理由')),
                ('granted_at', models.DateTimeField(verbose_name='延长时间')),
                ('granted_on', models.DateField(verbose_name='延长日期（北京时间）')),
                ('case_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('deadline', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='extensions', to='casework.deadline', verbose_name='期限')),
                ('granted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='办理人')),
                ('letter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='letters.letter', verbose_name='延期通知书')),
            ],
            options={
                'verbose_name': '期限延长',
                'verbose_name_plural': '期限延长',
                'ordering': ['granted_at', 'id'],
                'indexes': [models.Index(fields=['granted_on'], name='casework_ca_granted_25a58a_idx')],
                'constraints': [models.UniqueConstraint(fields=('case_type', 'case_id'), name='one_extension_per_case')],
            },
        ),
        GUARD,
    ]
