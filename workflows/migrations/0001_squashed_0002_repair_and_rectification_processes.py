"""workflows's schema in one migration.

It replaces the chain 0001_objection_process … 0002_repair_and_rectification_processes (squashed before the first release,
round 2 of issue 13): a database that applied that chain counts this one as applied. Once no
database is left on the old chain, `replaces` can go.
"""

from django.db import migrations


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('workflows', '0001_objection_process'),
        ('workflows', '0002_repair_and_rectification_processes'),
    ]

    dependencies = [
        ('viewflow', '0015_task_scheduled'),
    ]

    operations = [
        migrations.CreateModel(
            name='ObjectionProcess',
            fields=[
            ],
            options={
                'verbose_name': '异议办理流程',
                'verbose_name_plural': '异议办理流程',
                'ordering': ['-created'],
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('viewflow.process',),
        ),
        migrations.CreateModel(
            name='RectificationProcess',
            fields=[
            ],
            options={
                'verbose_name': '整改办理流程',
                'verbose_name_plural': '整改办理流程',
                'ordering': ['-created'],
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('viewflow.process',),
        ),
        migrations.CreateModel(
            name='RepairProcess',
            fields=[
            ],
            options={
                'verbose_name': '信用修复办理流程',
                'verbose_name_plural': '信用修复办理流程',
                'ordering': ['-created'],
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('viewflow.process',),
        ),
    ]
