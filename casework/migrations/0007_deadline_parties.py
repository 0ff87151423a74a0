"""Store on each deadline the case, the acting department and the subject's jurisdiction.

Filled for existing deadlines from their owners with the rule of
`casework.deadline_parties` (repeated here because a migration sees historical
models, not the application's), then made mandatory.
"""

import django.db.models.deletion
from django.db import migrations, models

ANSWERING = {
    "objectioncase": ("objection", "handling_department_id"),
    "repaircase": ("repair", "determining_department_id"),
    "rectificationcase": ("rectification", "supervisor_office_id"),
}


def fill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Deadline = apps.get_model("casework", "Deadline")
    Subject = apps.get_model("casework", "Subject")
    jurisdiction_of = dict(Subject.objects.values_list("id", "jurisdiction_id"))
    types = {ct.pk: ct.model for ct in ContentType.objects.filter(app_label="casework")}

    def case_of(model_name, pk):
        kind, field = ANSWERING[model_name]
        case = apps.get_model("casework", model_name).objects.values("subject_id", field).get(pk=pk)
        return kind, case

    for deadline in Deadline.objects.iterator():
        owner_model = types[deadline.owner_type_id]
        if owner_model in ANSWERING:
            kind, case = case_of(owner_model, deadline.owner_id)
            case_id = deadline.owner_id
            department = None if deadline.kind == "materials" else case[ANSWERING[owner_model][1]]
        else:  # a provincial report or a measure lifting points to its case
            owner = apps.get_model("casework", owner_model).objects.get(pk=deadline.owner_id)
            case_model, case_id = types[owner.case_type_id], owner.case_id
            kind, case = case_of(case_model, case_id)
            department = owner.department_id if owner_model == "measurelifting" else case[ANSWERING[case_model][1]]
        deadline.case_kind, deadline.case_id = kind, case_id
        deadline.acting_department_id = department
        deadline.jurisdiction_id = jurisdiction_of[case["subject_id"]]
        deadline.save(update_fields=["case_kind", "case_id", "acting_department", "jurisdiction"])


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0006_deadline_met_on"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="deadline", name="deadline_open_due_idx"),
        migrations.RemoveIndex(model_name="deadline", name="deadline_met_on_idx"),
        migrations.AddField(
            model_name="deadline", name="case_kind",
            field=models.CharField(
                choices=[("objection", "异议"), ("repair", "信用修复"), ("rectification", "整改")],
                max_length=16, null=True, verbose_name="案件类别"),
        ),
        migrations.AddField(
            model_name="deadline", name="case_id",
            field=models.PositiveBigIntegerField(null=True, verbose_name="案件"),
        ),
        migrations.AddField(
            model_name="deadline", name="acting_department",
            field=models.ForeignKey(
                blank=True, db_index=False, help_text="为空表示由申请主体办理（如补正材料）", null=True,
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="casework.department",
                verbose_name="应办理部门"),
        ),
        migrations.AddField(
            model_name="deadline", name="jurisdiction",
            field=models.ForeignKey(
                db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="casework.jurisdiction", verbose_name="主体所属行政区域"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="deadline", name="case_kind",
            field=models.CharField(
                choices=[("objection", "异议"), ("repair", "信用修复"), ("rectification", "整改")],
                max_length=16, verbose_name="案件类别"),
        ),
        migrations.AlterField(
            model_name="deadline", name="case_id",
            field=models.PositiveBigIntegerField(verbose_name="案件"),
        ),
        migrations.AlterField(
            model_name="deadline", name="jurisdiction",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="casework.jurisdiction", verbose_name="主体所属行政区域"),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(fields=["case_kind", "case_id"], name="casework_de_case_ki_42aab1_idx"),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                condition=models.Q(("due_date__isnull", False), ("met_at__isnull", True)), fields=["due_date"],
                include=["case_kind", "kind", "acting_department", "jurisdiction"], name="deadline_open_due_idx"),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                condition=models.Q(("met_on__isnull", False)), fields=["met_on"],
                include=["case_kind", "kind", "acting_department", "jurisdiction", "start_date", "due_date"],
                name="deadline_met_on_idx"),
        ),
    ]
