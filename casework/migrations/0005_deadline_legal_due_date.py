"""The due date is the legal one from now on; the date a letter stated stays apart.

Until now a calendar change that made a stated date too late kept the stated
date as `due_date` (flagged `kept_stated_date`), so a department could be
late by the law while the system showed it on time. Those rows get their
calculated (legal) date back, and the running counts of open deadlines,
which are keyed by due date, are moved with them.
"""

from collections import Counter

from django.db import migrations, models


def legal_due_dates(apps, schema_editor):
    Deadline = apps.get_model("casework", "Deadline")
    OpenDeadlineTally = apps.get_model("casework", "OpenDeadlineTally")
    moves = Counter()
    kept = Deadline.objects.filter(kept_stated_date=True, calculated_due_date__isnull=False)
    for deadline in kept.iterator(chunk_size=2000):
        if deadline.due_date == deadline.calculated_due_date:
            continue
        if deadline.met_at is None and deadline.due_date is not None:
            department = deadline.acting_department_id or 0  # casework.models.tallies.NO_DEPARTMENT
            moves[(deadline.case_kind, deadline.kind, department, deadline.due_date)] -= 1
            moves[(deadline.case_kind, deadline.kind, department, deadline.calculated_due_date)] += 1
        deadline.due_date = deadline.calculated_due_date
        deadline.save(update_fields=["due_date"])
    OpenDeadlineTally.objects.bulk_create([
        OpenDeadlineTally(case_kind=k[0], kind=k[1], department_key=k[2], due_date=k[3], n=n)
        for k, n in moves.items() if n
    ])


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0004_department_contact"),
    ]

    operations = [
        migrations.AlterField(
            model_name="deadline",
            name="due_date",
            field=models.DateField(
                blank=True, db_index=True, null=True, verbose_name="法定到期日",
                help_text="按现行工作日历计算；队列、逾期统计、提醒和督办均以此为准",
            ),
        ),
        migrations.AlterField(
            model_name="deadline",
            name="kept_stated_date",
            field=models.BooleanField(
                default=False, verbose_name="函件所述日期晚于法定到期日",
                help_text="日历调整后法定到期日早于已告知申请主体的日期；告知的日期对申请主体继续有效",
            ),
        ),
        migrations.RunPython(legal_due_dates, migrations.RunPython.noop, elidable=True),
    ]
