"""workflows' schema in one migration: the process proxies, one per case kind (no tables).

It replaces the chain 0001_objection_process … 0002_repair_and_rectification_processes
(squashed before the first release, round 2 of issue 13): a database that applied that chain
counts this one as applied. Once no database is left on the old chain, `replaces` can go.
"""

from django.db import migrations

PROCESSES = (("ObjectionProcess", "异议办理流程"), ("RectificationProcess", "整改办理流程"),
             ("RepairProcess", "信用修复办理流程"))


class Migration(migrations.Migration):

    initial = True

    replaces = [("workflows", name) for name in (
        "0001_objection_process", "0002_repair_and_rectification_processes"
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
