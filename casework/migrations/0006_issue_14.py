"""Issue 14's models: appeals against a repair decision (信用修复申诉), the one extension of a
case's time limit (延期, append-only like the other history tables), the letter drafts and their
review and sign-off (拟稿 → 审核 → 签发), and what Order No. 36 asks of a repair application and of
publication's end (终止公示 reported on the record)."""

import django.db.models.deletion
import django_fsm
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
        ('auth', '0012_alter_user_first_name_max_length'),
        ('casework', '0005_deadline_legal_due_date'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('letters', '0004_letter_kinds_of_issue_14'),
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
            ],
            options={
                'verbose_name': '期限延长',
                'verbose_name_plural': '期限延长',
                'ordering': ['granted_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='DraftComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('step', models.CharField(choices=[('submit', '提交审核'), ('review', '审核'), ('signoff', '签发'), ('withdraw', '撤销')], max_length=16, verbose_name='环节')),
                ('returned', models.BooleanField(default=False, verbose_name='退回')),
                ('text', models.TextField(verbose_name='意见')),
                ('at', models.DateTimeField(verbose_name='时间')),
            ],
            options={
                'verbose_name': '签发稿意见',
                'verbose_name_plural': '签发稿意见',
                'ordering': ['at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='LetterDraft',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('case_id', models.PositiveBigIntegerField()),
                ('action', models.CharField(max_length=64, verbose_name='办理事项')),
                ('action_label', models.CharField(max_length=64, verbose_name='办理事项名称')),
                ('letter_kind', models.CharField(max_length=64, verbose_name='文书种类')),
                ('payload', models.JSONField(default=dict, verbose_name='拟办内容')),
                ('status', models.CharField(choices=[('in_review', '待审核'), ('awaiting_signoff', '待签发'), ('returned', '已退回待修改'), ('issued', '已签发'), ('withdrawn', '已撤销')], db_index=True, default='in_review', max_length=20, verbose_name='状态')),
                ('submitted_at', models.DateTimeField(verbose_name='提交时间')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='审核时间')),
                ('signed_at', models.DateTimeField(blank=True, null=True, verbose_name='签发时间')),
            ],
            options={
                'verbose_name': '文书签发稿',
                'verbose_name_plural': '文书签发稿',
                'ordering': ['-submitted_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='RepairAppeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='办结时间')),
                ('number', models.CharField(editable=False, max_length=32, unique=True, verbose_name='申诉编号')),
                ('grounds', models.TextField(max_length=5000, verbose_name='申诉理由')),
                ('received_at', models.DateTimeField(verbose_name='收到时间')),
                ('received_on', models.DateField(help_text='北京时间，不计入处理期限', verbose_name='收到日期')),
                ('status', django_fsm.FSMField(choices=[('received', '已收到，待受理审查'), ('reviewing', '已受理，审查中'), ('decided', '已作出处理决定'), ('not_accepted', '不予受理'), ('withdrawn', '已撤回')], db_index=True, default='received', max_length=32, protected=True, verbose_name='状态')),
                ('acceptance_opinion', models.TextField(blank=True, max_length=500, verbose_name='受理审查意见')),
                ('outcome', models.CharField(blank=True, choices=[('upheld', '申诉成立'), ('partly', '申诉部分成立'), ('dismissed', '申诉不成立')], max_length=16, verbose_name='处理结论')),
                ('reasons', models.TextField(blank=True, max_length=5000, verbose_name='处理理由')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='决定时间')),
            ],
            options={
                'verbose_name': '信用修复申诉',
                'verbose_name_plural': '信用修复申诉',
                'ordering': ['-received_at', '-id'],
            },
            bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
        ),
        migrations.RemoveConstraint(
            model_name='evidencefile',
            name='evidence_belongs_to_one_case',
        ),
        migrations.AddField(
            model_name='department',
            name='one_step_letter_kinds',
            field=models.JSONField(blank=True, default=list, verbose_name='可一步出具的文书种类'),
        ),
        migrations.AddField(
            model_name='repaircase',
            name='commitment_text',
            field=models.TextField(blank=True, verbose_name='信用承诺内容'),
        ),
        migrations.AddField(
            model_name='user',
            name='may_review',
            field=models.BooleanField(default=False, verbose_name='可审核文书'),
        ),
        migrations.AddField(
            model_name='user',
            name='may_sign_off',
            field=models.BooleanField(default=False, verbose_name='可签发文书'),
        ),
        migrations.AlterField(
            model_name='deadline',
            name='case_kind',
            field=models.CharField(choices=[('objection', '异议'), ('repair', '信用修复'), ('rectification', '整改'), ('complaint', '投诉'), ('appeal', '信用修复申诉')], max_length=16, verbose_name='案件类别'),
        ),
        migrations.AlterField(
            model_name='deadline',
            name='kind',
            field=models.CharField(choices=[('reply', '书面答复'), ('materials', '补正材料'), ('provincial_report', '报送省级信用平台'), ('rectification', '限期整改'), ('measure_lifting', '解除惩戒措施'), ('repair_review', '信用修复审核'), ('complaint_acceptance', '投诉受理审查'), ('complaint_handling', '投诉转办办理'), ('appeal_decision', '信用修复申诉处理')], max_length=32, verbose_name='期限类型'),
        ),
        migrations.AlterField(
            model_name='evidencefile',
            name='purpose',
            field=models.CharField(choices=[('lodging', '异议证明材料'), ('materials', '补正材料'), ('repair', '信用修复证明材料'), ('commitment', '信用承诺书'), ('explanation', '书面说明材料'), ('plan', '整改方案材料'), ('progress', '整改进展材料'), ('completion', '整改完成证明材料'), ('appeal', '申诉证明材料')], max_length=16, verbose_name='用途'),
        ),
        migrations.AlterField(
            model_name='opencasetally',
            name='case_kind',
            field=models.CharField(choices=[('objection', '异议'), ('repair', '信用修复'), ('rectification', '整改'), ('complaint', '投诉'), ('appeal', '信用修复申诉')], max_length=16, verbose_name='案件类别'),
        ),
        migrations.AlterField(
            model_name='opendeadlinetally',
            name='case_kind',
            field=models.CharField(choices=[('objection', '异议'), ('repair', '信用修复'), ('rectification', '整改'), ('complaint', '投诉'), ('appeal', '信用修复申诉')], max_length=16, verbose_name='案件类别'),
        ),
        migrations.AlterField(
            model_name='opendeadlinetally',
            name='kind',
            field=models.CharField(choices=[('reply', '书面答复'), ('materials', '补正材料'), ('provincial_report', '报送省级信用平台'), ('rectification', '限期整改'), ('measure_lifting', '解除惩戒措施'), ('repair_review', '信用修复审核'), ('complaint_acceptance', '投诉受理审查'), ('complaint_handling', '投诉转办办理'), ('appeal_decision', '信用修复申诉处理')], max_length=32, verbose_name='期限类型'),
        ),
        migrations.AlterField(
            model_name='platformreport',
            name='case_id',
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='platformreport',
            name='case_type',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AlterField(
            model_name='platformreport',
            name='change',
            field=models.CharField(choices=[('corrected', '信息更正'), ('revoked', '信息撤销'), ('repaired', '信用修复'), ('publication_end', '终止公示')], max_length=16, verbose_name='报送事项'),
        ),
        migrations.AddConstraint(
            model_name='platformreport',
            constraint=models.CheckConstraint(condition=models.Q(('change', 'publication_end'), models.Q(('case_id__isnull', False), ('case_type__isnull', False)), _connector='OR'), name='platform_report_case_unless_record_level'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('role', 'handler'), models.Q(('may_review', False), ('may_sign_off', False)), _connector='OR'), name='user_signoff_rights_only_for_handlers', violation_error_message='只有部门承办人可以审核或签发文书。'),
        ),
        migrations.AddField(
            model_name='caseextension',
            name='case_type',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AddField(
            model_name='caseextension',
            name='deadline',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='extensions', to='casework.deadline', verbose_name='期限'),
        ),
        migrations.AddField(
            model_name='caseextension',
            name='granted_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='办理人'),
        ),
        migrations.AddField(
            model_name='caseextension',
            name='letter',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='letters.letter', verbose_name='延期通知书'),
        ),
        migrations.AddField(
            model_name='draftcomment',
            name='author',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='填写人'),
        ),
        migrations.AddField(
            model_name='letterdraft',
            name='case_type',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AddField(
            model_name='letterdraft',
            name='department',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='letter_drafts', to='casework.department', verbose_name='拟稿部门'),
        ),
        migrations.AddField(
            model_name='letterdraft',
            name='drafted_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='拟稿人'),
        ),
        migrations.AddField(
            model_name='letterdraft',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='审核人'),
        ),
        migrations.AddField(
            model_name='letterdraft',
            name='signed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='签发人'),
        ),
        migrations.AddField(
            model_name='draftcomment',
            name='draft',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='casework.letterdraft', verbose_name='签发稿'),
        ),
        migrations.AddField(
            model_name='repairappeal',
            name='handling_office',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='handled_repair_appeals', to='casework.department', verbose_name='处理单位（联席会议办公室）'),
        ),
        migrations.AddField(
            model_name='repairappeal',
            name='lodged_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申诉人'),
        ),
        migrations.AddField(
            model_name='repairappeal',
            name='repair',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appeals', to='casework.repaircase', verbose_name='被申诉的信用修复案件'),
        ),
        migrations.AddField(
            model_name='repairappeal',
            name='subject',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='repair_appeals', to='casework.subject', verbose_name='申诉主体'),
        ),
        migrations.AddField(
            model_name='evidencefile',
            name='appeal',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='casework.repairappeal'),
        ),
        migrations.AddConstraint(
            model_name='evidencefile',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('appeal__isnull', True), ('case__isnull', False), ('rectification__isnull', True), ('repair__isnull', True)), models.Q(('appeal__isnull', True), ('case__isnull', True), ('rectification__isnull', True), ('repair__isnull', False)), models.Q(('appeal__isnull', True), ('case__isnull', True), ('rectification__isnull', False), ('repair__isnull', True)), models.Q(('appeal__isnull', False), ('case__isnull', True), ('rectification__isnull', True), ('repair__isnull', True)), _connector='OR'), name='evidence_belongs_to_one_case'),
        ),
        migrations.AddIndex(
            model_name='caseextension',
            index=models.Index(fields=['granted_on'], name='casework_ca_granted_25a58a_idx'),
        ),
        migrations.AddConstraint(
            model_name='caseextension',
            constraint=models.UniqueConstraint(fields=('case_type', 'case_id'), name='one_extension_per_case'),
        ),
        migrations.AddIndex(
            model_name='letterdraft',
            index=models.Index(fields=['case_type', 'case_id'], name='casework_le_case_ty_d57fa2_idx'),
        ),
        migrations.AddIndex(
            model_name='letterdraft',
            index=models.Index(fields=['department', 'status'], name='casework_le_departm_84b0c7_idx'),
        ),
        migrations.AddConstraint(
            model_name='letterdraft',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('in_review', 'awaiting_signoff', 'returned'))), fields=('case_type', 'case_id'), name='letter_draft_one_open_per_case'),
        ),
        migrations.AddIndex(
            model_name='repairappeal',
            index=models.Index(fields=['handling_office', 'status'], name='casework_re_handlin_c64f57_idx'),
        ),
        migrations.AddIndex(
            model_name='repairappeal',
            index=models.Index(condition=models.Q(('status__in', ('received', 'reviewing'))), fields=['subject'], include=('handling_office',), name='appeal_open_idx'),
        ),
        migrations.AddIndex(
            model_name='repairappeal',
            index=models.Index(fields=['subject', 'status'], name='casework_re_subject_9872d0_idx'),
        ),
        GUARD,
    ]
