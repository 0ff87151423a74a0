"""A rendering worker's lease on its letter (letters.models.Letter.render_lease_until).

A nullable column without a default: on SQLite an ALTER TABLE ADD COLUMN, no
rebuild of the table, so the archive guards of 0002 stay installed.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0002_archive_guards"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="render_lease_until",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="生成租约到期"),
        ),
    ]
