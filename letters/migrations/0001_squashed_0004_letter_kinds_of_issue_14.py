"""letters' schema in one migration, then the database guards: an issued letter is frozen, and
no letter is ever deleted.

It replaces the chain 0001_initial … 0003_letter_render_lease (squashed in round 2 of issue 13)
and the migrations added on top of that squash, 0002_letter_kind_receipt …
0004_letter_kinds_of_issue_14 (squashed again in round 3; they only added letter kinds): a
database that applied those counts this one as applied. Once no database is left on the old
chains, `replaces` can go.

`Letter.save()` and `LetterQuerySet` refuse these changes in Python; the triggers make the
database refuse them too, from any client (raw SQL, a shell, another program). Once a letter
is issued or void (not while it is still "rendering", whose row the rendering worker owns):

- what was sent never changes: number, serial, family, year, date, kind, issuer, seal,
  addressee, cc, context, verification code, subject link, replaced letter, issuer user,
  creation time;
- what the archive records is written once, each column from empty to a value: the PDF (file,
  SHA-256, pages, rendering time; a letter voided while rendering still gets its PDF), the
  first download, the void record (only together with the status becoming "void");
- status moves only issued → void.

A DELETE is refused whatever the status, and TRUNCATE on PostgreSQL.

Break-glass: the guards stand aside only while `letters_archive_unlock` holds a row, which no
code writes (the test suite inserts it inside the transaction that flushes the test database,
tests/conftest.py). SQLite drops a table's triggers when Django rebuilds the table: a later
migration that alters `letters_letter` must install the guards again
(tests/letters/test_immutable_letters.py fails when a guard is missing).
"""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from ops import history_guard_sql


UNLOCK_TABLE = "letters_archive_unlock"
GUARDED = "('issued', 'void')"

FROZEN = ("id", "kind", "issuer_key", "issuer_name", "issuer_seal_path", "family", "year", "serial", "number",
          "issued_on", "addressee", "cc", "context", "verification_code", "content_type_id", "object_id",
          "replaces_id", "issued_by_id", "created_at")
# Written once: empty ('' or NULL) until set, then fixed.
WRITE_ONCE_TEXT = ("file", "sha256", "void_reason")
WRITE_ONCE_NULLABLE = ("page_count", "rendered_at", "first_downloaded_at", "voided_at", "voided_by_id")
VOID_RECORD = ("voided_at", "voided_by_id", "void_reason")

NO_DELETE = "函件不可删除，只能作废 (letters are never deleted: void them)"
FROZEN_MESSAGE = ("已签发函件的文号、日期、签发单位和内容不可修改 "
                  "(the number, date, issuer and content of an issued letter are frozen)")
WRITE_ONCE_MESSAGE = ("函件的归档文件、哈希、首次下载和作废记录只能写入一次 "
                      "(the archived PDF, hash, first download and void record of a letter are written once)")
STATUS_MESSAGE = "已签发函件只能作废 (an issued letter can only be voided)"


def _changed(column, *, differs):
    return f"NEW.{column} {differs} OLD.{column}"


def _conditions(differs):
    """The SQL conditions (each refusing an UPDATE of a guarded letter), per message."""
    frozen = " OR ".join(_changed(c, differs=differs) for c in FROZEN)
    write_once = " OR ".join(
        [f"(OLD.{c} <> '' AND {_changed(c, differs=differs)})" for c in WRITE_ONCE_TEXT]
        + [f"(OLD.{c} IS NOT NULL AND {_changed(c, differs=differs)})" for c in WRITE_ONCE_NULLABLE]
        + ["(NEW.status <> 'void' AND (" + " OR ".join(_changed(c, differs=differs) for c in VOID_RECORD) + "))"]
    )
    status = "NOT (NEW.status = OLD.status OR (OLD.status = 'issued' AND NEW.status = 'void'))"
    return [(frozen, FROZEN_MESSAGE), (write_once, WRITE_ONCE_MESSAGE), (status, STATUS_MESSAGE)]


_checks = "\n".join(
    f"    IF {condition} THEN\n"
    f"        RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{message}',\n"
    f"            DETAIL = 'letter ' || OLD.number;\n"
    f"    END IF;"
    for condition, message in _conditions("IS DISTINCT FROM")
)
SQLITE_UPDATE_TRIGGERS = ("letters_letter_frozen", "letters_letter_write_once", "letters_letter_status_step")

ARCHIVE_GUARDS = history_guard_sql.guards(
    what="letter guards",
    unlock_table=UNLOCK_TABLE,
    postgresql=[
        history_guard_sql.postgres_function(
            "letters_letter_guard", unlock_table=UNLOCK_TABLE,
            body=f"    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN\n"
                 f"        RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{NO_DELETE}';\n"
                 f"    END IF;\n"
                 f"    IF OLD.status NOT IN {GUARDED} THEN\n"
                 f"        RETURN NEW;\n"
                 f"    END IF;\n"
                 f"{_checks}\n"
                 f"    RETURN NEW;"),
        *history_guard_sql.postgres_triggers(
            "letters_letter", row_trigger="letters_letter_guard", call="letters_letter_guard()"),
    ],
    drop_postgresql=[*history_guard_sql.postgres_drops("letters_letter", row_trigger="letters_letter_guard"),
                     "DROP FUNCTION IF EXISTS letters_letter_guard()"],
    sqlite=[
        history_guard_sql.sqlite_trigger(
            "letters_letter_no_delete", operation="DELETE", table="letters_letter", unlock_table=UNLOCK_TABLE,
            message=NO_DELETE),
        *(history_guard_sql.sqlite_trigger(
            name, operation="UPDATE", table="letters_letter", unlock_table=UNLOCK_TABLE, message=message,
            guarded=f"OLD.status IN {GUARDED}", refused=condition)
          for name, (condition, message) in zip(SQLITE_UPDATE_TRIGGERS, _conditions("IS NOT"), strict=True)),
    ],
    drop_sqlite=[f"DROP TRIGGER IF EXISTS {name}" for name in ("letters_letter_no_delete", *SQLITE_UPDATE_TRIGGERS)],
)


class Migration(migrations.Migration):

    initial = True

    replaces = [("letters", name) for name in (
        "0001_initial", "0002_archive_guards", "0003_letter_render_lease",
        "0002_letter_kind_receipt", "0003_letter_kind_complaints", "0004_letter_kinds_of_issue_14",
    )]

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='NumberSequence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('issuer_key', models.CharField(max_length=100)),
                ('family', models.CharField(max_length=40)),
                ('year', models.PositiveSmallIntegerField()),
                ('last_value', models.PositiveIntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('issuer_key', 'family', 'year'), name='letters_sequence_unique')],
            },
        ),
        migrations.CreateModel(
            name='Letter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('acceptance_notice', '受理通知书'), ('non_acceptance_notice', '不予受理通知书'), ('materials_request', '补正材料通知书'), ('objection_reply', '异议答复书'), ('correction_feedback', '更正/撤销反馈书'), ('measure_lifting_notice', '解除惩戒措施通知书'), ('rectification_order', '整改通知书'), ('rectification_acceptance', '整改验收意见书'), ('repair_decision', '信用修复决定书'), ('repair_notice', '信用修复告知书'), ('supervision_quarterly_report', '季度调度通报'), ('supervision_inspection_report', '专项督查情况通报'), ('receipt', '受理回执'), ('complaint_transfer', '投诉转办函'), ('complaint_answer', '投诉答复书'), ('oversight_notice', '督办函'), ('appeal_decision', '信用修复申诉处理决定书'), ('extension_notice', '延长办理期限通知书')], max_length=40, verbose_name='文种')),
                ('status', models.CharField(choices=[('rendering', '生成中'), ('issued', '已签发'), ('void', '已作废')], default='rendering', max_length=20, verbose_name='状态')),
                ('issuer_key', models.CharField(max_length=100, verbose_name='签发单位标识')),
                ('issuer_name', models.CharField(max_length=200, verbose_name='签发单位')),
                ('issuer_seal_path', models.CharField(blank=True, max_length=500, verbose_name='印章图片')),
                ('family', models.CharField(max_length=40, verbose_name='编号类别')),
                ('year', models.PositiveSmallIntegerField(verbose_name='年度')),
                ('serial', models.PositiveIntegerField(verbose_name='顺序号')),
                ('number', models.CharField(max_length=120, unique=True, verbose_name='文号')),
                ('issued_on', models.DateField(verbose_name='成文日期')),
                ('addressee', models.TextField(verbose_name='主送')),
                ('cc', models.JSONField(blank=True, default=list, verbose_name='抄送')),
                ('context', models.JSONField(default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name='内容')),
                ('verification_code', models.CharField(max_length=16, unique=True, verbose_name='核验码')),
                ('object_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='签发时间')),
                ('file', models.FileField(blank=True, upload_to='letters/', verbose_name='PDF 文件')),
                ('sha256', models.CharField(blank=True, db_index=True, max_length=64, verbose_name='SHA-256')),
                ('page_count', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='页数')),
                ('rendered_at', models.DateTimeField(blank=True, null=True, verbose_name='生成时间')),
                ('render_lease_until', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='生成租约到期')),
                ('first_downloaded_at', models.DateTimeField(blank=True, null=True, verbose_name='首次下载时间')),
                ('voided_at', models.DateTimeField(blank=True, null=True, verbose_name='作废时间')),
                ('void_reason', models.TextField(blank=True, verbose_name='作废理由')),
                ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                ('issued_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='签发人')),
                ('replaces', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='replaced_by', to='letters.letter', verbose_name='替代的函件')),
                ('voided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人')),
            ],
            options={
                'verbose_name': '函件',
                'verbose_name_plural': '函件',
                'ordering': ['created_at', 'pk'],
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='letters_let_content_d37275_idx')],
                'constraints': [models.UniqueConstraint(fields=('issuer_key', 'family', 'year', 'serial'), name='letters_number_unique_per_sequence')],
            },
        ),
        ARCHIVE_GUARDS,
    ]
