"""The extension's letter (延期通知书), the one column of issue 14 that 0001 cannot hold: it points
at letters, whose migration needs casework's users first. Replaces 0006_issue_14 together with
0001 (see its docstring).

On SQLite a nullable column is added in place (no table rebuild), so the append-only triggers
0001 put on casework_caseextension stay.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [("casework", "0006_issue_14")]

    dependencies = [
        ('casework', '0001_squashed_0006_issue_14'),
        ('letters', '0001_squashed_0004_letter_kinds_of_issue_14'),
    ]

    operations = [
        migrations.AddField(
            model_name='caseextension',
            name='letter',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='letters.letter', verbose_name='延期通知书'),
        ),
    ]
