# Issue 16: § 14 (Aufschubgesuch) is its own app `aufschub` (its 0001 takes the model over). State only:
# the tables vollzug_aufschubgesuch and vollzug_historicalaufschubgesuch keep their names and rows.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('vollzug', '0003_platzierung_voruebergehend_26'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalaufschubgesuch',
                    name='entschieden_durch',
                ),
                migrations.RemoveField(
                    model_name='historicalaufschubgesuch',
                    name='erfasst_durch',
                ),
                migrations.RemoveField(
                    model_name='historicalaufschubgesuch',
                    name='fall',
                ),
                migrations.RemoveField(
                    model_name='historicalaufschubgesuch',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalaufschubgesuch',
                    name='sanktion',
                ),
                migrations.DeleteModel(
                    name='Aufschubgesuch',
                ),
                migrations.DeleteModel(
                    name='HistoricalAufschubgesuch',
                ),
            ],
        ),
    ]
