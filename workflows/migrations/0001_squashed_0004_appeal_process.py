"""workflows' schema in one migration: the process proxies, one per case kind (no tables).

It replaces the chain 0001_objection_process … 0002_repair_and_rectification_processes
(squashed in round 2 of issue 13) and the migrations added on top of that squash,
0003_complaint_process and 0004_appeal_process (squashed again in round 3): a database that
applied those counts this one as applied. Once no database is left on the old chains,
`replaces` can go.
"""

from django.db import migrations

PROCESSES = (("AppealProcess", "信用修复申诉办理流程"), ("ComplaintProcess", "投诉办理流程"),
             ("ObjectionProcess", "异议办理流程"), ("RectificationProcess", "整改办理流程"),
             ("RepairProcess", "信用修复办理流程"))


class Migration(migrations.Migration):

    initial = True

    replaces = [("workflows", name) for name in (
        "0001_objection_process", "0002_repair_and_rectification_processes",
        "0003_complaint_process", "0004_appeal_process",
    )]

    dependencies = [
        ('viewflow', '0015_task_scheduled'),
    ]

    operations = [
        migrations.CreateModel(
            name=name,
            fields=[],
            options={'verbose_name': label, 'verbose_name_plural': label, 'ordering': ['-created'], 'proxy': True,
                     'indexes': [], 'constraints': []},
            bases=('viewflow.process',),
        )
        for name, label in PROCESSES
    ]
