"""casework's schema in one migration: every table, index and constraint the models declare,
then the database guards that keep the history tables append-only.

It replaces the chain 0001_initial … 0014_history_guards (squashed in round 2 of issue 13) and
the migrations added on top of that squash, 0002_record_published_on … 0005_deadline_legal_due_date
(squashed again in round 3); 0002_case_extension_letter replaces 0006_issue_14. A database that
applied those counts these as applied. Their data migrations (0006, 0007, 0009, 0010 of the
first chain; 0002 filling the publication date, 0005 moving kept stated dates back to the legal
ones) changed rows that already existed; a new database has none, so they are not carried over.
Once no database is left on the old chains, `replaces` can go.

One column is not here: the extension's letter (CaseExtension.letter) points at letters, whose
migration needs casework's users first; 0002_case_extension_letter adds it once letters exists.
Everything else of issue 14 (0006_issue_14: appeals, the extension, the drafts and their
sign-off) is in this file, so a database must have applied 0006_issue_14 before it takes these
(docs/deploy.md, "Upgrades").

The guards: the services only ever INSERT into the history tables; the triggers make the
database refuse everything else (an UPDATE or DELETE from any client, raw SQL included, and
TRUNCATE on PostgreSQL), so history cannot be rewritten by a bug, a shell session or an admin
page. Break-glass: they stand aside only while `casework_history_unlock` holds a row. No model
maps that table and no code writes it; the test suite inserts the row inside the transaction
that flushes the test database (tests/conftest.py), an operator with direct database access may
do the same inside one transaction (INSERT, the repair, DELETE, COMMIT), and nothing else can.

SQLite drops a table's triggers when Django rebuilds the table (most AlterField operations do):
a later migration that alters one of these tables must install the guards again.
tests/casework/test_immutable_history.py fails when a guard is missing.
"""

import casework.models.users
import casework.uscc
import django.contrib.auth.validators
import django.db.models.deletion
import django.utils.timezone
import django_fsm
import uuid
from django.conf import settings
from django.db import migrations, models

from ops import history_guard_sql


UNLOCK_TABLE = "casework_history_unlock"

# table: what its rows are, in Chinese and English, for the refusal message.
APPEND_ONLY = {
    "casework_auditentry": ("审计记录", "audit rows"),
    "casework_recordchange": ("记录变更历史", "record change history rows"),
    "casework_rectificationsubmission": ("整改材料提交记录", "rectification submissions"),
    "casework_rectificationreturn": ("整改退回记录", "rectification returns"),
    "casework_accountabilityentry": ("责任追究记录", "accountability entries"),
}
# An extension (issue 14) is history like the audit trail, behind the same unlock table. Its
# PostgreSQL function is its own, so the history guards can be reversed and applied again
# (tests/casework/test_migrations.py) without touching it.
EXTENSIONS = {"casework_caseextension": ("期限延长记录", "case extensions")}


def _append_only_guards(function, tables, *, creates_unlock_table):
    """UPDATE and DELETE refused on `tables` (and TRUNCATE on PostgreSQL) unless unlocked, through
    one PostgreSQL trigger function; the first of these creates the unlock table."""

    def message(table):
        chinese, english = tables[table]
        return f"{chinese}不可修改或删除 ({english} are append-only)"

    return history_guard_sql.guards(
        what="history guards",
        unlock_table=UNLOCK_TABLE if creates_unlock_table else None,
        postgresql=[
            history_guard_sql.postgres_function(
                function, unlock_table=UNLOCK_TABLE, body=history_guard_sql.postgres_refusal("TG_ARGV[0]")),
            *(sql for table in tables for sql in history_guard_sql.postgres_triggers(
                table, row_trigger=f"{table}_append_only", call=f"{function}('{message(table)}')")),
        ],
        drop_postgresql=[
            *(sql for table in tables
              for sql in history_guard_sql.postgres_drops(table, row_trigger=f"{table}_append_only")),
            f"DROP FUNCTION IF EXISTS {function}()",
        ],
        sqlite=[
            history_guard_sql.sqlite_trigger(
                f"{table}_no_{operation.lower()}", operation=operation, table=table,
                unlock_table=UNLOCK_TABLE, message=message(table))
            for table in tables for operation in ("UPDATE", "DELETE")
        ],
        drop_sqlite=[f"DROP TRIGGER IF EXISTS {table}_no_{operation}" for table in tables
                     for operation in ("update", "delete")],
    )


HISTORY_GUARDS = _append_only_guards("casework_history_refuse", APPEND_ONLY, creates_unlock_table=True)
EXTENSION_GUARDS = _append_only_guards("casework_extension_refuse", EXTENSIONS, creates_unlock_table=False)


class Migration(migrations.Migration):

    initial = True

    replaces = [("casework", name) for name in (
        "0001_initial", "0002_audit_entry", "0003_deadline", "0004_objections",
        "0005_repairs_and_rectifications", "0006_deadline_met_on", "0007_deadline_parties",
        "0008_open_case_indexes", "0009_open_tallies", "0010_deadline_met_working_days",
        "0011_scoped_dashboard_indexes", "0013_text_limits", "0014_history_guards",
        "0002_record_published_on", "0003_complaints", "0004_department_contact",
        "0005_deadline_legal_due_date",
    )]

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='Department',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=128, verbose_name='部门名称')),
                ('uscc', models.CharField(blank=True, max_length=18, validators=[casework.uscc.validate_uscc], verbose_name='统一社会信用代码')),
                ('is_determining', models.BooleanField(default=False, verbose_name='认定部门')),
                ('is_platform_operator', models.BooleanField(default=False, verbose_name='信用平台运行单位')),
                ('is_supervisor_office', models.BooleanField(default=False, verbose_name='联席会议办公室')),
                ('seal_image', models.ImageField(blank=True, upload_to='seals/', verbose_name='印章图片')),
                ('document_prefix', models.CharField(blank=True, help_text='如“长财信”，文号为 长财信〔2026〕15号', max_length=16, verbose_name='发文字号代字')),
                ('contact_person', models.CharField(blank=True, max_length=32, verbose_name='联系人')),
                ('contact_phone', models.CharField(blank=True, max_length=32, verbose_name='联系电话')),
                ('one_step_letter_kinds', models.JSONField(blank=True, default=list, verbose_name='可一步出具的文书种类')),
            ],
            options={
                'verbose_name': '部门',
                'verbose_name_plural': '部门',
                'ordering': ['jurisdiction__path', 'name'],
            },
        ),
        migrations.CreateModel(
            name='OpenCaseTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('case_kind', models.CharField(choices=[('objection', '异议'), ('repair', '信用修复'), ('rectification', '整改'), ('complaint', '投诉'), ('appeal', '信用修复申诉')], max_length=16, verbose_name='案件类别')),
                ('department_key', models.PositiveBigIntegerField(verbose_name='部门')),
                ('n', models.IntegerField(verbose_name='增减数')),
            ],
            options={
                'verbose_name': '未办结案件计数',
                'verbose_name_plural': '未办结案件计数',
            },
        ),
        migrations.CreateModel(
            name='OpenDeadlineTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('case_kind', models.CharField(choices=[('objection', '异议'), ('repair', '信用修复'), ('rectification', '整改'), ('complaint', '投诉'), ('appeal', '信用修复申诉')], max_length=16, verbose_name='案件类别')),
                ('kind', models.CharField(choices=[('reply', '书面答复'), ('materials', '补正材料'), ('provincial_report', '报送省级信用平台'), ('rectification', '限期整改'), ('measure_lifting', '解除惩戒措施'), ('repair_review', '信用修复审核'), ('complaint_acceptance', '投诉受理审查'), ('complaint_handling', '投诉转办办理'), ('appeal_decision', '信用修复申诉处理')], max_length=32, verbose_name='期限类型')),
                ('department_key', models.PositiveBigIntegerField(help_text='0表示由申请主体办理', verbose_name='部门')),
                ('due_date', models.DateField(verbose_name='到期日')),
                ('n', models.IntegerField(verbose_name='增减数')),
            ],
            options={
                'verbose_name': '未完成期限计数',
                'verbose_name_plural': '未完成期限计数',
            },
        ),
        migrations.CreateModel(
            name='CreditRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(editable=False, max_length=32, unique=True, verbose_name='记录编号')),
                ('kind', models.CharField(choices=[('dishonesty', '政务失信记录'), ('commendation', '守信表彰记录'), ('administrative', '行政管理信息'), ('other', '其他信息')], max_length=32, verbose_name='记录类型')),
                ('key_area', models.CharField(choices=[('procurement', '政府采购'), ('ppp', '政府和社会资本合作（PPP）'), ('bidding', '招标投标'), ('investment', '招商引资'), ('debt', '地方政府债务'), ('township', '街道和乡镇'), ('other', '其他')], max_length=32, verbose_name='重点领域')),
                ('platform_level', models.CharField(choices=[('province', '省级信用信息共享平台'), ('city', '市级信用信息共享平台'), ('county', '县级信用信息共享平台')], max_length=16, verbose_name='归集平台')),
                ('facts', models.TextField(max_length=5000, verbose_name='失信事实')),
                ('legal_basis', models.TextField(max_length=5000, verbose_name='认定依据')),
                ('determined_on', models.DateField(verbose_name='认定日期')),
                ('severity', models.CharField(choices=[('minor', '轻微'), ('general', '一般'), ('serious', '严重')], max_length=16, verbose_name='严重程度')),
                ('status', django_fsm.FSMField(choices=[('active', '有效'), ('under_objection', '异议处理中'), ('under_repair', '信用修复申请审核中'), ('corrected', '已更正'), ('revoked', '已撤销'), ('repaired', '已修复')], default='active', max_length=32, protected=True, verbose_name='状态')),
                ('is_published', models.BooleanField(default=False, verbose_name='已公示')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='公示起始日期')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('determined_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='determined_records', to='casework.department', verbose_name='认定部门')),
            ],
            options={
                'verbose_name': '信用记录',
                'verbose_name_plural': '信用记录',
                'ordering': ['-determined_on', '-id'],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='Jurisdiction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=6, unique=True, verbose_name='行政区划代码')),
                ('name', models.CharField(max_length=64, verbose_name='名称')),
                ('level', models.CharField(choices=[('province', '省级'), ('city', '市（州）级'), ('county', '县（市、区）级')], max_length=16, verbose_name='层级')),
                ('path', models.CharField(db_index=True, editable=False, max_length=255, verbose_name='路径')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='casework.jurisdiction', verbose_name='上级')),
            ],
            options={
                'verbose_name': '行政区域',
                'verbose_name_plural': '行政区域',
                'ordering': ['path'],
            },
        ),
        migrations.AddField(
            model_name='department',
            name='jurisdiction',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='departments', to='casework.jurisdiction', verbose_name='所属行政区域'),
        ),
        migrations.CreateModel(
            name='Deadline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('owner_id', models.PositiveBigIntegerField()),
                ('kind', models.CharField(choices=[('reply', '书面答复'), ('materials', '补正材料'), ('provincial_report', '报送省级信用平台'), ('rectification', '限期整改'), ('measure_lifting', '解除惩戒措施'), ('repair_review', '信用修复审核'), ('complaint_acceptance', '投诉受理审查'), ('complaint_handling', '投诉转办办理'), ('appeal_decision', '信用修复申诉处理')], max_length=32, verbose_name='期限类型')),
                ('case_kind', models.CharField(choices=[('objection', '异议'), ('repair', '信用修复'), ('rectification', '整改'), ('complaint', '投诉'), ('appeal', '信用修复申诉')], max_length=16, verbose_name='案件类别')),
                ('case_id', models.PositiveBigIntegerField(verbose_name='案件')),
                ('start_date', models.DateField(help_text='收到之日，不计入期限', verbose_name='起算日')),
                ('working_days', models.PositiveSmallIntegerField(verbose_name='工作日数')),
                ('paused_spans', models.JSONField(blank=True, default=list, verbose_name='中止计时区间')),
                ('calculated_due_date', models.DateField(blank=True, null=True, verbose_name='按日历计算的到期日')),
                ('due_date', models.DateField(blank=True, db_index=True, help_text='按现行工作日历计算；队列、逾期统计、提醒和督办均以此为准', null=True, verbose_name='法定到期日')),
                ('provisional', models.BooleanField(default=False, help_text='计算经过尚未确认放假安排的年度，可能随放假通知调整', verbose_name='暂定')),
                ('stated_in_letter', models.BooleanField(default=False, verbose_name='已在函件中告知')),
                ('stated_due_date', models.DateField(blank=True, null=True, verbose_name='函件所述到期日')),
                ('kept_stated_date', models.BooleanField(default=False, help_text='日历调整后法定到期日早于已告知申请主体的日期；告知的日期对申请主体继续有效', verbose_name='函件所述日期晚于法定到期日')),
                ('met_at', models.DateTimeField(blank=True, null=True, verbose_name='完成时间')),
                ('met_on', models.DateField(blank=True, editable=False, null=True, verbose_name='完成日期（北京时间）')),
                ('met_working_days', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='用时（工作日）')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('owner_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('acting_department', models.ForeignKey(blank=True, db_index=False, help_text='为空表示由申请主体办理（如补正材料）', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.department', verbose_name='应办理部门')),
                ('jurisdiction', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.jurisdiction', verbose_name='主体所属行政区域')),
            ],
            options={
                'verbose_name': '期限',
                'verbose_name_plural': '期限',
                'ordering': ['due_date', 'id'],
            },
        ),
        migrations.CreateModel(
            name='User',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password', models.CharField(max_length=128, verbose_name='password')),
                ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                ('username', models.CharField(error_messages={'unique': 'A user with that username already exists.'}, help_text='Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.', max_length=150, unique=True, validators=[django.contrib.auth.validators.UnicodeUsernameValidator()], verbose_name='username')),
                ('first_name', models.CharField(blank=True, max_length=150, verbose_name='first name')),
                ('last_name', models.CharField(blank=True, max_length=150, verbose_name='last name')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                ('role', models.CharField(choices=[('subject_officer', '主体经办人'), ('handler', '部门承办人'), ('supervisor', '监督人员'), ('administrator', '系统管理员')], max_length=32, verbose_name='角色')),
                ('may_review', models.BooleanField(default=False, verbose_name='可审核文书')),
                ('may_sign_off', models.BooleanField(default=False, verbose_name='可签发文书')),
                ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='casework.department', verbose_name='所属部门')),
                ('jurisdiction', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='supervisors', to='casework.jurisdiction', verbose_name='监督范围')),
            ],
            options={
                'verbose_name': '用户',
                'verbose_name_plural': '用户',
                'abstract': False,
            },
            managers=[
                ('objects', casework.models.users.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name='NumberSequence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('prefix', models.CharField(max_length=8, verbose_name='前缀')),
                ('year', models.PositiveSmallIntegerField(verbose_name='年度')),
                ('last', models.PositiveIntegerField(default=0, verbose_name='已用最大号')),
            ],
            options={
                'verbose_name': '编号序列',
                'verbose_name_plural': '编号序列',
                'constraints': [models.UniqueConstraint(fields=('prefix', 'year'), name='number_sequence_unique')],
            },
        ),
        migrations.CreateModel(
            name='ObjectionCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(editable=False, max_length=32, unique=True, verbose_name='异议编号')),
                ('grounds', models.TextField(max_length=5000, verbose_name='异议理由')),
                ('channel', models.CharField(choices=[('department', '向认定部门提出'), ('platform', '向信用信息平台提出')], max_length=16, verbose_name='提出渠道')),
                ('received_at', models.DateTimeField(verbose_name='收到时间')),
                ('received_on', models.DateField(help_text='北京时间，不计入答复期限', verbose_name='收到日期')),
                ('status', django_fsm.FSMField(choices=[('lodged', '已提交'), ('not_accepted', '不予受理'), ('accepted', '已受理'), ('awaiting_materials', '待补正材料'), ('under_verification', '核查中'), ('decided', '已作出核查结论'), ('replied', '已书面答复'), ('record_changed', '已更正/撤销记录'), ('following_up', '跟踪落实中'), ('closed', '已办结'), ('withdrawn', '已撤回')], db_index=True, default='lodged', max_length=32, protected=True, verbose_name='状态')),
                ('non_acceptance_reason', models.CharField(blank=True, choices=[('not_own_record', '异议信息不属于申请主体'), ('no_grounds', '未提供异议理由或证明材料'), ('duplicate', '与正在处理的异议重复'), ('already_decided', '同一事项已作出答复且无新的事实和理由'), ('out_of_scope', '不属于异议受理范围')], max_length=32, verbose_name='不予受理理由')),
                ('materials_requested', models.TextField(blank=True, max_length=2000, verbose_name='需补正的材料')),
                ('resume_status', models.CharField(blank=True, choices=[('lodged', '已提交'), ('not_accepted', '不予受理'), ('accepted', '已受理'), ('awaiting_materials', '待补正材料'), ('under_verification', '核查中'), ('decided', '已作出核查结论'), ('replied', '已书面答复'), ('record_changed', '已更正/撤销记录'), ('following_up', '跟踪落实中'), ('closed', '已办结'), ('withdrawn', '已撤回')], editable=False, max_length=32)),
                ('outcome', models.CharField(blank=True, choices=[('upheld', '异议成立'), ('partly_upheld', '异议部分成立'), ('not_upheld', '异议不成立')], max_length=16, verbose_name='核查结论')),
                ('findings', models.TextField(blank=True, max_length=5000, verbose_name='核查情况')),
                ('decision_reasons', models.TextField(blank=True, max_length=5000, verbose_name='结论理由')),
                ('correction', models.JSONField(blank=True, default=dict, verbose_name='更正内容')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='结论时间')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='办结时间')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('determining_department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='verified_objections', to='casework.department', verbose_name='核查单位（认定部门）')),
                ('handling_department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='handled_objections', to='casework.department', verbose_name='答复责任单位')),
                ('lodged_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='提交人')),
                ('record', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='objections', to='casework.creditrecord', verbose_name='异议信用记录')),
            ],
            options={
                'verbose_name': '异议案件',
                'verbose_name_plural': '异议案件',
                'ordering': ['-received_at', '-id'],
            },
            bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
        ),
        migrations.CreateModel(
            name='PunishmentMeasure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('no_honours', '限制参加评先评优'), ('no_funding', '限制财政资金和项目支持'), ('no_new_projects', '限制新增项目审批'), ('performance_deduction', '绩效考核扣分'), ('public_criticism', '通报批评'), ('interview', '约谈'), ('other', '其他措施')], max_length=32, verbose_name='措施类型')),
                ('description', models.TextField(blank=True, max_length=5000, verbose_name='措施内容')),
                ('imposed_on', models.DateField(verbose_name='实施日期')),
                ('status', django_fsm.FSMField(choices=[('active', '执行中'), ('lifted', '已解除'), ('reduced', '已减轻')], default='active', max_length=16, protected=True, verbose_name='状态')),
                ('lifted_on', models.DateField(blank=True, null=True, verbose_name='解除（减轻）日期')),
                ('lifted_by_case_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('imposed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='imposed_measures', to='casework.department', verbose_name='实施部门')),
                ('lifted_by_case_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('record', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='measures', to='casework.creditrecord', verbose_name='信用记录')),
            ],
            options={
                'verbose_name': '惩戒措施',
                'verbose_name_plural': '惩戒措施',
                'ordering': ['record', 'imposed_on', 'id'],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='MeasureLifting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('case_id', models.PositiveBigIntegerField()),
                ('action', models.CharField(choices=[('lift', '解除'), ('reduce', '减轻'), ('apply_lighter', '从轻适用')], default='lift', max_length=16, verbose_name='处理方式')),
                ('status', django_fsm.FSMField(choices=[('pending', '待解除'), ('confirmed', '已确认解除')], db_index=True, default='pending', max_length=16, protected=True, verbose_name='状态')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='确认时间')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('case_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='liftings', to='casework.department', verbose_name='实施部门')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='liftings', to='casework.punishmentmeasure', verbose_name='惩戒措施')),
            ],
            options={
                'verbose_name': '解除惩戒措施任务',
                'verbose_name_plural': '解除惩戒措施任务',
                'ordering': ['created_at', 'id'],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='RecordChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('corrected', '更正'), ('revoked', '撤销'), ('repaired', '信用修复')], max_length=16, verbose_name='变更方式')),
                ('before', models.JSONField(verbose_name='变更前')),
                ('after', models.JSONField(verbose_name='变更后')),
                ('case_id', models.PositiveBigIntegerField()),
                ('changed_at', models.DateTimeField(auto_now_add=True, verbose_name='变更时间')),
                ('case_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('changed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('record', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='changes', to='casework.creditrecord')),
            ],
            options={
                'verbose_name': '记录变更',
                'verbose_name_plural': '记录变更',
                'ordering': ['changed_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RectificationCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(editable=False, max_length=32, unique=True, verbose_name='整改编号')),
                ('requirements', models.TextField(help_text='每行一项', max_length=2000, verbose_name='整改要求')),
                ('basis', models.TextField(blank=True, max_length=1000, verbose_name='整改依据')),
                ('ordered_at', models.DateTimeField(verbose_name='下达时间')),
                ('ordered_on', models.DateField(verbose_name='下达日期')),
                ('limit_date', models.DateField(blank=True, null=True, verbose_name='整改期限（日期）')),
                ('limit_working_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='整改期限（工作日）')),
                ('status', django_fsm.FSMField(choices=[('ordered', '已下达整改通知，待书面说明'), ('rectifying', '整改中'), ('under_acceptance', '整改完成，待验收'), ('accepted', '验收通过，已办结')], db_index=True, default='ordered', max_length=32, protected=True, verbose_name='状态')),
                ('acceptance_opinion', models.TextField(blank=True, max_length=5000, verbose_name='验收意见')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='办结时间')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('ordered_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='下达人')),
                ('records', models.ManyToManyField(related_name='rectifications', to='casework.creditrecord', verbose_name='所涉失信记录')),
                ('supervisor_office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ordered_rectifications', to='casework.department', verbose_name='下达单位（联席会议办公室）')),
            ],
            options={
                'verbose_name': '整改案件',
                'verbose_name_plural': '整改案件',
                'ordering': ['-ordered_at', '-id'],
            },
            bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
        ),
        migrations.CreateModel(
            name='AccountabilityEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('person', models.CharField(max_length=64, verbose_name='责任人')),
                ('position', models.CharField(max_length=128, verbose_name='职务')),
                ('action_taken', models.TextField(max_length=5000, verbose_name='问责处理情况')),
                ('recorded_at', models.DateTimeField(verbose_name='记录时间')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='accountability', to='casework.rectificationcase')),
            ],
            options={
                'verbose_name': '责任追究',
                'verbose_name_plural': '责任追究',
                'ordering': ['recorded_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RectificationReturn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reasons', models.TextField(max_length=5000, verbose_name='退回理由')),
                ('new_limit_date', models.DateField(blank=True, null=True, verbose_name='新的整改期限')),
                ('returned_at', models.DateTimeField(verbose_name='退回时间')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='returns', to='casework.rectificationcase')),
                ('returned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '整改退回',
                'verbose_name_plural': '整改退回',
                'ordering': ['returned_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RectificationSubmission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('explanation', '书面说明'), ('plan', '整改方案'), ('progress', '整改进展报告'), ('completion', '整改完成报告')], max_length=16, verbose_name='类型')),
                ('text', models.TextField(max_length=10000, verbose_name='内容')),
                ('submitted_at', models.DateTimeField(verbose_name='提交时间')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='casework.rectificationcase')),
                ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '整改材料',
                'verbose_name_plural': '整改材料',
                'ordering': ['submitted_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RepairCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(editable=False, max_length=32, unique=True, verbose_name='修复申请编号')),
                ('losses_recovered', models.TextField(blank=True, max_length=5000, verbose_name='主动挽回损失情况')),
                ('effects_removed', models.TextField(blank=True, max_length=5000, verbose_name='消除不良影响情况')),
                ('harm_prevented', models.TextField(blank=True, max_length=5000, verbose_name='有效阻止危害结果发生情况')),
                ('commitment_signed', models.BooleanField(default=False, verbose_name='已签署信用承诺书')),
                ('commitment_text', models.TextField(blank=True, verbose_name='信用承诺内容')),
                ('received_at', models.DateTimeField(verbose_name='收到时间')),
                ('received_on', models.DateField(help_text='北京时间，不计入审核期限', verbose_name='收到日期')),
                ('status', django_fsm.FSMField(choices=[('under_review', '审核中'), ('awaiting_materials', '待补正材料'), ('following_up', '准予修复，跟踪落实中'), ('closed', '修复完成，已办结'), ('rejected', '不予修复'), ('withdrawn', '已撤回')], db_index=True, default='under_review', max_length=32, protected=True, verbose_name='状态')),
                ('materials_requested', models.TextField(blank=True, max_length=2000, verbose_name='需补正的材料')),
                ('approved', models.BooleanField(blank=True, null=True, verbose_name='准予修复')),
                ('findings', models.TextField(blank=True, max_length=5000, verbose_name='审核情况')),
                ('decision_reasons', models.TextField(blank=True, max_length=5000, verbose_name='决定理由')),
                ('measure_decisions', models.JSONField(blank=True, default=list, verbose_name='惩戒措施处理决定')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='决定时间')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='办结时间')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('determining_department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviewed_repairs', to='casework.department', verbose_name='审核单位（认定部门）')),
                ('lodged_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申请人')),
                ('record', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='repairs', to='casework.creditrecord', verbose_name='申请修复的信用记录')),
            ],
            options={
                'verbose_name': '信用修复案件',
                'verbose_name_plural': '信用修复案件',
                'ordering': ['-received_at', '-id'],
            },
            bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
        ),
        migrations.CreateModel(
            name='EvidenceFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('purpose', models.CharField(choices=[('lodging', '异议证明材料'), ('materials', '补正材料'), ('repair', '信用修复证明材料'), ('commitment', '信用承诺书'), ('explanation', '书面说明材料'), ('plan', '整改方案材料'), ('progress', '整改进展材料'), ('completion', '整改完成证明材料'), ('appeal', '申诉证明材料')], max_length=16, verbose_name='用途')),
                ('file', models.FileField(upload_to='evidence/%Y/%m/', verbose_name='文件')),
                ('original_name', models.CharField(max_length=255, verbose_name='原文件名')),
                ('content_type', models.CharField(max_length=64, verbose_name='文件类型')),
                ('size', models.PositiveIntegerField(verbose_name='大小（字节）')),
                ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='上传时间')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='casework.objectioncase')),
                ('rectification', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='casework.rectificationcase')),
                ('repair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='casework.repaircase')),
            ],
            options={
                'verbose_name': '证明材料',
                'verbose_name_plural': '证明材料',
                'ordering': ['uploaded_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Subject',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('government', '政府'), ('department', '政府部门'), ('public_institution', '公益类事业单位'), ('civil_servant', '公务员')], max_length=32, verbose_name='主体类型')),
                ('name', models.CharField(max_length=128, verbose_name='名称')),
                ('uscc', models.CharField(blank=True, max_length=18, null=True, unique=True, validators=[casework.uscc.validate_uscc], verbose_name='统一社会信用代码')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('employer', models.ForeignKey(blank=True, help_text='公务员所在的机关或单位', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='casework.subject', verbose_name='所在单位')),
                ('jurisdiction', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='subjects', to='casework.jurisdiction', verbose_name='所属行政区域')),
            ],
            options={
                'verbose_name': '政务主体',
                'verbose_name_plural': '政务主体',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='repaircase',
            name='subject',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='repairs', to='casework.subject', verbose_name='申请主体'),
        ),
        migrations.AddField(
            model_name='rectificationcase',
            name='subject',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rectifications', to='casework.subject', verbose_name='整改主体'),
        ),
        migrations.CreateModel(
            name='PlatformReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='报送标识')),
                ('change', models.CharField(choices=[('corrected', '信息更正'), ('revoked', '信息撤销'), ('repaired', '信用修复'), ('publication_end', '终止公示')], max_length=16, verbose_name='报送事项')),
                ('payload', models.JSONField(default=dict, verbose_name='报送内容')),
                ('case_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('status', django_fsm.FSMField(choices=[('pending', '待报送'), ('delivered', '已报送'), ('failed', '报送失败')], db_index=True, default='pending', max_length=16, protected=True, verbose_name='状态')),
                ('receipt_number', models.CharField(blank=True, max_length=64, verbose_name='平台回执号')),
                ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='报送确认时间')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('case_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('record', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='platform_reports', to='casework.creditrecord')),
                ('subject', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='platform_reports', to='casework.subject')),
            ],
            options={
                'verbose_name': '省级平台报送',
                'verbose_name_plural': '省级平台报送',
                'ordering': ['created_at', 'id'],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.AddField(
            model_name='objectioncase',
            name='subject',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='objections', to='casework.subject', verbose_name='申请主体'),
        ),
        migrations.AddField(
            model_name='creditrecord',
            name='subject',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='records', to='casework.subject', verbose_name='政务主体'),
        ),
        migrations.AddField(
            model_name='user',
            name='subject',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='officers', to='casework.subject', verbose_name='所属主体'),
        ),
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('target_id', models.PositiveBigIntegerField()),
                ('action', models.CharField(max_length=64, verbose_name='操作')),
                ('from_state', models.CharField(blank=True, max_length=32, verbose_name='原状态')),
                ('to_state', models.CharField(blank=True, max_length=32, verbose_name='新状态')),
                ('reason', models.TextField(blank=True, verbose_name='理由')),
                ('details', models.JSONField(blank=True, default=dict, verbose_name='详情')),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='时间')),
                ('actor', models.ForeignKey(blank=True, help_text='为空表示系统自动操作', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
                ('target_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': '操作记录',
                'verbose_name_plural': '操作记录',
                'ordering': ['at', 'id'],
                'indexes': [models.Index(fields=['target_type', 'target_id', 'at'], name='casework_au_target__ca654b_idx')],
            },
        ),
        migrations.CreateModel(
            name='ComplaintCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='办结时间')),
                ('number', models.CharField(editable=False, max_length=32, unique=True, verbose_name='投诉编号')),
                ('facts', models.TextField(max_length=5000, verbose_name='投诉事项')),
                ('occurred_on', models.DateField(verbose_name='发生日期')),
                ('complainant_name', models.CharField(blank=True, max_length=64, verbose_name='投诉人姓名')),
                ('complainant_contact', models.CharField(blank=True, max_length=128, verbose_name='投诉人联系方式')),
                ('lookup_code_hash', models.CharField(editable=False, max_length=128, verbose_name='查询码摘要')),
                ('fingerprint', models.CharField(db_index=True, editable=False, max_length=64, verbose_name='内容指纹')),
                ('received_at', models.DateTimeField(verbose_name='收到时间')),
                ('received_on', models.DateField(verbose_name='收到日期')),
                ('status', django_fsm.FSMField(choices=[('received', '已收到，待受理审查'), ('accepted', '已受理，办理中'), ('not_accepted', '不予受理'), ('transferred', '已转办主管部门'), ('findings_recorded', '已查明，待答复'), ('answered', '已答复投诉人'), ('closed', '已办结')], db_index=True, default='received', max_length=32, protected=True, verbose_name='状态')),
                ('decision_reason', models.TextField(blank=True, max_length=500, verbose_name='受理审查意见')),
                ('transfer_requirements', models.TextField(blank=True, max_length=5000, verbose_name='转办要求')),
                ('findings', models.TextField(blank=True, max_length=5000, verbose_name='调查核实情况')),
                ('answer', models.TextField(blank=True, max_length=5000, verbose_name='答复意见')),
                ('duplicate_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='duplicates', to='casework.complaintcase', verbose_name='重复投诉（首次投诉）')),
                ('handling_office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='handled_complaints', to='casework.department', verbose_name='办理单位（联席会议办公室）')),
                ('records', models.ManyToManyField(blank=True, related_name='complaints', to='casework.creditrecord', verbose_name='据此认定的失信记录')),
                ('rectifications', models.ManyToManyField(blank=True, related_name='complaints', to='casework.rectificationcase', verbose_name='据此下达的整改')),
                ('subject', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='casework.subject', verbose_name='被投诉主体')),
                ('transferred_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='transferred_complaints', to='casework.department', verbose_name='转办部门')),
            ],
            options={
                'verbose_name': '投诉案件',
                'verbose_name_plural': '投诉案件',
                'ordering': ['-received_at', '-id'],
                'indexes': [
                    models.Index(fields=['handling_office', 'status'], name='casework_co_handlin_a2c7ff_idx'),
                    models.Index(condition=models.Q(('status__in', ('received', 'accepted', 'transferred', 'findings_recorded', 'answered'))), fields=['subject'], include=('handling_office',), name='complaint_open_idx'),
                    models.Index(fields=['subject', 'status'], name='casework_co_subject_cd4224_idx'),
                ],
            },
            bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
        ),
        migrations.CreateModel(
            name='ComplaintEvidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to='complaints/%Y/%m/', verbose_name='文件')),
                ('original_name', models.CharField(max_length=255, verbose_name='原文件名')),
                ('content_type', models.CharField(max_length=64, verbose_name='文件类型')),
                ('size', models.PositiveIntegerField(verbose_name='大小（字节）')),
                ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='上传时间')),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='casework.complaintcase')),
            ],
            options={
                'verbose_name': '投诉证据材料',
                'verbose_name_plural': '投诉证据材料',
                'ordering': ['uploaded_at', 'id'],
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
                ('handling_office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='handled_repair_appeals', to='casework.department', verbose_name='处理单位（联席会议办公室）')),
                ('lodged_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申诉人')),
                ('repair', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appeals', to='casework.repaircase', verbose_name='被申诉的信用修复案件')),
                ('subject', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='repair_appeals', to='casework.subject', verbose_name='申诉主体')),
            ],
            options={
                'verbose_name': '信用修复申诉',
                'verbose_name_plural': '信用修复申诉',
                'ordering': ['-received_at', '-id'],
                'indexes': [
                    models.Index(fields=['handling_office', 'status'], name='casework_re_handlin_c64f57_idx'),
                    models.Index(condition=models.Q(('status__in', ('received', 'reviewing'))), fields=['subject'], include=('handling_office',), name='appeal_open_idx'),
                    models.Index(fields=['subject', 'status'], name='casework_re_subject_9872d0_idx'),
                ],
            },
            bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
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
                ('case_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='letter_drafts', to='casework.department', verbose_name='拟稿部门')),
                ('drafted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='拟稿人')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='审核人')),
                ('signed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='签发人')),
            ],
            options={
                'verbose_name': '文书签发稿',
                'verbose_name_plural': '文书签发稿',
                'ordering': ['-submitted_at', '-id'],
                'indexes': [
                    models.Index(fields=['case_type', 'case_id'], name='casework_le_case_ty_d57fa2_idx'),
                    models.Index(fields=['department', 'status'], name='casework_le_departm_84b0c7_idx'),
                ],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status__in', ('in_review', 'awaiting_signoff', 'returned'))), fields=('case_type', 'case_id'), name='letter_draft_one_open_per_case')],
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
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='填写人')),
                ('draft', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='casework.letterdraft', verbose_name='签发稿')),
            ],
            options={
                'verbose_name': '签发稿意见',
                'verbose_name_plural': '签发稿意见',
                'ordering': ['at', 'id'],
            },
        ),
        # Its letter (the extension notice) is added by 0002: letters' migration needs casework's
        # users first, so a foreign key to letters cannot be in this one.
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
            ],
            options={
                'verbose_name': '期限延长',
                'verbose_name_plural': '期限延长',
                'ordering': ['granted_at', 'id'],
                'indexes': [models.Index(fields=['granted_on'], name='casework_ca_granted_25a58a_idx')],
                'constraints': [models.UniqueConstraint(fields=('case_type', 'case_id'), name='one_extension_per_case')],
            },
        ),
        migrations.AddConstraint(
            model_name='department',
            constraint=models.UniqueConstraint(fields=('jurisdiction', 'name'), name='department_unique_name_per_jurisdiction'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(fields=['owner_type', 'owner_id'], name='casework_de_owner_t_80e302_idx'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(fields=['met_at', 'due_date'], name='casework_de_met_at_967a1f_idx'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(fields=['case_kind', 'case_id'], name='casework_de_case_ki_42aab1_idx'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('due_date__isnull', False), ('met_at__isnull', True)), fields=['due_date'], include=('case_kind', 'kind', 'acting_department', 'jurisdiction'), name='deadline_open_due_idx'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('due_date__isnull', False), ('met_at__isnull', True)), fields=['jurisdiction', 'due_date'], include=('case_kind', 'kind', 'acting_department'), name='deadline_open_scope_idx'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('met_on__isnull', False)), fields=['jurisdiction', 'met_on'], include=('case_kind', 'kind', 'acting_department', 'due_date', 'met_working_days'), name='deadline_met_scope_idx'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('met_on__isnull', False)), fields=['met_on'], include=('case_kind', 'kind', 'acting_department', 'jurisdiction', 'due_date', 'met_working_days'), name='deadline_met_on_idx'),
        ),
        migrations.AddConstraint(
            model_name='deadline',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('met_at__isnull', True), ('met_on__isnull', True)), models.Q(('met_at__isnull', False), ('met_on__isnull', False)), _connector='OR'), name='deadline_met_on_with_met_at'),
        ),
        migrations.AddIndex(
            model_name='punishmentmeasure',
            index=models.Index(fields=['imposed_by', 'status'], name='casework_pu_imposed_8658db_idx'),
        ),
        migrations.AddIndex(
            model_name='measurelifting',
            index=models.Index(fields=['case_type', 'case_id'], name='casework_me_case_ty_d83d31_idx'),
        ),
        migrations.AddIndex(
            model_name='measurelifting',
            index=models.Index(fields=['department', 'status'], name='casework_me_departm_bf6033_idx'),
        ),
        migrations.AddConstraint(
            model_name='subject',
            constraint=models.CheckConstraint(condition=models.Q(('kind', 'civil_servant'), ('uscc__isnull', False), _connector='OR'), name='subject_organisation_has_uscc'),
        ),
        migrations.AddConstraint(
            model_name='subject',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'civil_servant'), _negated=True), ('employer__isnull', False), _connector='OR'), name='subject_civil_servant_has_employer'),
        ),
        migrations.AddIndex(
            model_name='repaircase',
            index=models.Index(fields=['determining_department', 'status'], name='casework_re_determi_a7e67b_idx'),
        ),
        migrations.AddIndex(
            model_name='repaircase',
            index=models.Index(condition=models.Q(('status__in', ('under_review', 'awaiting_materials', 'following_up'))), fields=['subject'], include=('determining_department',), name='repair_open_idx'),
        ),
        migrations.AddIndex(
            model_name='repaircase',
            index=models.Index(fields=['subject', 'status'], name='casework_re_subject_524511_idx'),
        ),
        migrations.AddIndex(
            model_name='rectificationcase',
            index=models.Index(fields=['supervisor_office', 'status'], name='casework_re_supervi_9445b4_idx'),
        ),
        migrations.AddIndex(
            model_name='rectificationcase',
            index=models.Index(condition=models.Q(('status__in', ('ordered', 'rectifying', 'under_acceptance'))), fields=['subject'], include=('supervisor_office',), name='rectification_open_idx'),
        ),
        migrations.AddIndex(
            model_name='rectificationcase',
            index=models.Index(fields=['subject', 'status'], name='casework_re_subject_b07465_idx'),
        ),
        migrations.AddIndex(
            model_name='platformreport',
            index=models.Index(fields=['case_type', 'case_id'], name='casework_pl_case_ty_bf902b_idx'),
        ),
        migrations.AddConstraint(
            model_name='platformreport',
            constraint=models.CheckConstraint(condition=models.Q(('change', 'publication_end'), models.Q(('case_id__isnull', False), ('case_type__isnull', False)), _connector='OR'), name='platform_report_case_unless_record_level'),
        ),
        migrations.AddIndex(
            model_name='objectioncase',
            index=models.Index(fields=['handling_department', 'status'], name='casework_ob_handlin_4f531f_idx'),
        ),
        migrations.AddIndex(
            model_name='objectioncase',
            index=models.Index(condition=models.Q(('status__in', ('lodged', 'accepted', 'awaiting_materials', 'under_verification', 'decided', 'replied', 'record_changed', 'following_up'))), fields=['subject'], include=('handling_department',), name='objection_open_idx'),
        ),
        migrations.AddIndex(
            model_name='objectioncase',
            index=models.Index(fields=['determining_department', 'status'], name='casework_ob_determi_d09920_idx'),
        ),
        migrations.AddIndex(
            model_name='objectioncase',
            index=models.Index(fields=['subject', 'status'], name='casework_ob_subject_3d47fb_idx'),
        ),
        migrations.AddIndex(
            model_name='creditrecord',
            index=models.Index(fields=['subject', 'status'], name='casework_cr_subject_61eb86_idx'),
        ),
        migrations.AddIndex(
            model_name='creditrecord',
            index=models.Index(fields=['determined_by', 'status'], name='casework_cr_determi_3d8544_idx'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('department__isnull', True), ('jurisdiction__isnull', True), ('role', 'subject_officer'), ('subject__isnull', False)), models.Q(('department__isnull', False), ('jurisdiction__isnull', True), ('role', 'handler'), ('subject__isnull', True)), models.Q(('department__isnull', True), ('jurisdiction__isnull', False), ('role', 'supervisor'), ('subject__isnull', True)), models.Q(('department__isnull', True), ('jurisdiction__isnull', True), ('role', 'administrator'), ('subject__isnull', True)), _connector='OR'), name='user_role_has_its_scope'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('role', 'handler'), models.Q(('may_review', False), ('may_sign_off', False)), _connector='OR'), name='user_signoff_rights_only_for_handlers', violation_error_message='只有部门承办人可以审核或签发文书。'),
        ),
        HISTORY_GUARDS,
        EXTENSION_GUARDS,
    ]
