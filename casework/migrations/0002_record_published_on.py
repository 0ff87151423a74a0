from django.db import migrations, models


def published_since_determination(apps, schema_editor):
    # Records published before this field existed were published when determined.
    CreditRecord = apps.get_model("casework", "CreditRecord")
    CreditRecord.objects.filter(is_published=True, published_on__isnull=True).update(
        published_on=models.F("determined_on"))


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0001_squashed_0014_history_guards"),
    ]

    operations = [
        migrations.AddField(
            model_name="creditrecord",
            name="published_on",
            field=models.DateField(blank=True, null=True, verbose_name="公示起始日期"),
        ),
        migrations.RunPython(published_since_determination, migrations.RunPython.noop),
    ]
