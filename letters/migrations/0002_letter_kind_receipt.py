from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('letters', '0001_squashed_0003_letter_render_lease'),
    ]

    operations = [
        migrations.AlterField(
            model_name='letter',
            name='kind',
            field=models.CharField(choices=[('acceptance_notice', '受理通知书'), ('non_acceptance_notice', '不予受理通知书'), ('materials_request', '补正材料通知书'), ('objection_reply', '异议答复书'), ('correction_feedback', '更正/撤销反馈书'), ('measure_lifting_notice', '解除惩戒措施通知书'), ('rectification_order', '整改通知书'), ('rectification_acceptance', '整改验收意见书'), ('repair_decision', '信用修复决定书'), ('supervision_quarterly_report', '季度调度通报'), ('supervision_inspection_report', '专项督查情况通报'), ('receipt', '受理回执')], max_length=40, verbose_name='文种'),
        ),
    ]
