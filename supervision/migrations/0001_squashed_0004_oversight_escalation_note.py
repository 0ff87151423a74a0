"""supervision's schema in one migration: reports, notifications and oversight (督办).

It replaces the chain 0001_initial … 0004_oversight_escalation_note (squashed in round 3 of
issue 13; they had no data migration): a database that applied that chain counts this one as
applied. Once no database is left on the old chain, `replaces` can go.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [("supervision", name) for name in (
        "0001_initial", "0002_report_schedule_and_announcements", "0003_oversight",
        "0004_oversight_escalation_note",
    )]

    dependencies = [
        ('casework', '0001_squashed_0006_issue_14'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SupervisionReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('quarterly', '调度通报'), ('inspection', '专项督查通报')], max_length=16, verbose_name='报告类型')),
                ('period_start', models.DateField(verbose_name='起始日期')),
                ('period_end', models.DateField(verbose_name='截止日期')),
                ('period_label', models.CharField(max_length=64, verbose_name='期间')),
                ('status', models.CharField(choices=[('queued', '排队中'), ('running', '生成中'), ('done', '已完成'), ('failed', '生成失败')], default='queued', max_length=16, verbose_name='状态')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='进度（%）')),
                ('message', models.CharField(blank=True, max_length=255, verbose_name='说明')),
                ('summary', models.JSONField(blank=True, default=dict, verbose_name='汇总数据')),
                ('csv_file', models.FileField(blank=True, upload_to='supervision/reports/%Y/', verbose_name='CSV')),
                ('xlsx_file', models.FileField(blank=True, upload_to='supervision/reports/%Y/', verbose_name='XLSX')),
                ('scheduled', models.BooleanField(default=False, verbose_name='定时生成')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='完成时间')),
                ('jurisdiction', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.jurisdiction', verbose_name='行政区域')),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申请人')),
            ],
            options={
                'verbose_name': '监督报告',
                'verbose_name_plural': '监督报告',
                'ordering': ['-created_at', '-id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('scheduled', True)), fields=('kind', 'jurisdiction', 'period_start'), name='report_scheduled_once')],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('case_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('case_label', models.CharField(max_length=64, verbose_name='案件')),
                ('kind', models.CharField(choices=[('reminder', '到期提醒'), ('escalation', '逾期督办'), ('report', '调度通报'), ('oversight', '督办通知')], max_length=16, verbose_name='类型')),
                ('step', models.CharField(help_text='如 remind_3、due_day、escalate_2', max_length=32, verbose_name='环节')),
                ('message', models.TextField(verbose_name='内容')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='发送时间')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='已读时间')),
                ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='邮件发送时间')),
                ('case_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('deadline', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='casework.deadline', verbose_name='期限')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='接收人')),
                ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='supervision.supervisionreport', verbose_name='报告')),
            ],
            options={
                'verbose_name': '通知',
                'verbose_name_plural': '通知',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['recipient', 'read_at'], name='supervision_recipie_514b32_idx')],
                'constraints': [
                    models.UniqueConstraint(fields=('deadline', 'step', 'recipient'), name='notification_once_per_step'),
                    models.UniqueConstraint(condition=models.Q(('report__isnull', False)), fields=('report', 'recipient'), name='notification_once_per_report'),
                ],
            },
        ),
        migrations.CreateModel(
            name='Oversight',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('case_id', models.PositiveBigIntegerField()),
                ('case_label', models.CharField(max_length=64, verbose_name='案件')),
                ('reasons', models.TextField(max_length=2000, verbose_name='督办事项')),
                ('issued_on', models.DateField(verbose_name='督办日期')),
                ('feedback_working_days', models.PositiveSmallIntegerField(verbose_name='书面反馈期限（工作日）')),
                ('feedback_due_on', models.DateField(db_index=True, verbose_name='书面反馈截止日期')),
                ('status', models.CharField(choices=[('open', '待书面反馈'), ('answered', '已书面反馈'), ('escalated', '已提级督办')], db_index=True, default='open', max_length=16, verbose_name='状态')),
                ('answer', models.TextField(blank=True, max_length=4000, verbose_name='书面反馈')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='反馈时间')),
                ('escalated_on', models.DateField(blank=True, null=True, verbose_name='提级日期')),
                ('escalation_note', models.CharField(blank=True, max_length=200, verbose_name='提级说明')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='反馈人')),
                ('case_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('deadline', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='oversights', to='casework.deadline', verbose_name='期限')),
                ('department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='oversights', to='casework.department', verbose_name='被督办单位')),
                ('escalated_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.department', verbose_name='提级至')),
                ('issued_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='督办人')),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.department', verbose_name='督办单位')),
            ],
            options={
                'verbose_name': '督办',
                'verbose_name_plural': '督办',
                'ordering': ['-issued_on', '-id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'open')), fields=('deadline',), name='oversight_one_open_per_deadline')],
            },
        ),
    ]
