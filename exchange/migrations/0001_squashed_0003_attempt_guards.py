"""exchange's schema in one migration, then the database guard that keeps the log of delivery
attempts append-only.

It replaces the chain 0001_initial … 0003_attempt_guards (squashed before the first release,
round 2 of issue 13): a database that applied that chain counts this one as applied. Once no
database is left on the old chain, `replaces` can go.

The guard: an attempt row is written before the POST leaves and completed once with the answer
(`exchange.services`): from "in flight", or from "interrupted" when the lease ran out and the
late worker still records what the platform said. After that nothing changes; which report,
which attempt and when it started never change; no attempt is deleted (nor TRUNCATEd, on
PostgreSQL). Break-glass and test flush: the guard shares `casework_history_unlock` with
casework's history guards (casework/migrations/0001_squashed_0006_issue_14.py).
"""

import django.db.models.deletion
from django.db import migrations, models

from ops import history_guard_sql


UNLOCK_TABLE = "casework_history_unlock"
TABLE = "exchange_deliveryattempt"
COMPLETABLE = "('in_flight', 'interrupted')"
MESSAGE = "报送记录不可修改或删除 (delivery attempts are append-only, completed once)"
IDENTITY = ("id", "report_id", "number", "started_at")

_identity_changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in IDENTITY)

ATTEMPT_GUARDS = history_guard_sql.guards(
    what="the attempt guards",
    postgresql=[
        history_guard_sql.postgres_function(
            "exchange_attempt_guard", unlock_table=UNLOCK_TABLE,
            body=f"    IF TG_OP = 'UPDATE' AND OLD.outcome IN {COMPLETABLE} AND NOT ({_identity_changed}) THEN\n"
                 f"        RETURN NEW;\n"
                 f"    END IF;\n" + history_guard_sql.postgres_refusal(f"'{MESSAGE}'")),
        *history_guard_sql.postgres_triggers(TABLE, row_trigger=f"{TABLE}_guard", call="exchange_attempt_guard()"),
    ],
    drop_postgresql=[*history_guard_sql.postgres_drops(TABLE, row_trigger=f"{TABLE}_guard"),
                     "DROP FUNCTION IF EXISTS exchange_attempt_guard()"],
    sqlite=[
        history_guard_sql.sqlite_trigger(
            f"{TABLE}_no_delete", operation="DELETE", table=TABLE, unlock_table=UNLOCK_TABLE, message=MESSAGE),
        history_guard_sql.sqlite_trigger(
            f"{TABLE}_no_update", operation="UPDATE", table=TABLE, unlock_table=UNLOCK_TABLE, message=MESSAGE,
            refused=f"OLD.outcome NOT IN {COMPLETABLE} OR "
                    + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in IDENTITY)),
    ],
    drop_sqlite=[f"DROP TRIGGER IF EXISTS {TABLE}_no_delete", f"DROP TRIGGER IF EXISTS {TABLE}_no_update"],
)


class Migration(migrations.Migration):

    initial = True

    replaces = [("exchange", name) for name in (
        "0001_initial", "0002_delivery_state_report_index", "0003_attempt_guards"
    )]

    dependencies = [
        ('casework', '0001_squashed_0006_issue_14'),
    ]

    operations = [
        migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(choices=[('pending', '待报送'), ('delivering', '报送中'), ('delivered', '平台已确认'), ('failed', '报送失败')], default='pending', max_length=16, verbose_name='状态')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='发送次数')),
                ('failures', models.PositiveIntegerField(default=0, verbose_name='失败次数')),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='下次发送时间')),
                ('claim_token', models.UUIDField(blank=True, editable=False, null=True)),
                ('lease_until', models.DateTimeField(blank=True, editable=False, null=True)),
                ('last_error', models.TextField(blank=True, verbose_name='最近错误')),
                ('escalated_at', models.DateTimeField(blank=True, null=True, verbose_name='已报告监督人员')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('report', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='delivery', to='casework.platformreport', verbose_name='报送事项')),
                ('subject', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.subject')),
            ],
            options={
                'verbose_name': '平台报送',
                'verbose_name_plural': '平台报送',
                'ordering': ['report_id'],
                'indexes': [models.Index(fields=['state', 'report'], name='exchange_de_state_27016f_idx'), models.Index(fields=['state', 'next_attempt_at'], name='exchange_de_state_fa5409_idx'), models.Index(fields=['subject', 'report'], name='exchange_de_subject_51ae0f_idx'), models.Index(fields=['state', 'lease_until'], name='exchange_de_state_a9b69f_idx')],
            },
        ),
        migrations.CreateModel(
            name='DeliveryAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='第几次')),
                ('started_at', models.DateTimeField(verbose_name='开始时间')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='结束时间')),
                ('outcome', models.CharField(choices=[('in_flight', '发送中'), ('acknowledged', '平台已确认'), ('server_error', '平台故障（5xx）'), ('timeout', '超时'), ('connection_error', '连接失败'), ('invalid_answer', '应答无效（格式错误或未签名）'), ('rejected', '平台拒收（4xx）'), ('interrupted', '发送进程中断')], default='in_flight', max_length=24, verbose_name='结果')),
                ('http_status', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='HTTP 状态码')),
                ('error', models.TextField(blank=True, verbose_name='错误信息')),
                ('receipt', models.CharField(blank=True, max_length=64, verbose_name='平台回执号')),
                ('platform_received_at', models.CharField(blank=True, max_length=64, verbose_name='平台接收时间')),
                ('duration_ms', models.PositiveIntegerField(blank=True, null=True, verbose_name='耗时（毫秒）')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='delivery_attempts', to='casework.platformreport', verbose_name='报送事项')),
            ],
            options={
                'verbose_name': '报送记录',
                'verbose_name_plural': '报送记录',
                'ordering': ['report_id', 'number'],
                'constraints': [models.UniqueConstraint(fields=('report', 'number'), name='delivery_attempt_unique_number')],
            },
        ),
        ATTEMPT_GUARDS,
    ]
