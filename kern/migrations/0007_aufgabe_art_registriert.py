# Issue 16: task kinds are registered by the modules (kern.erweiterungen.aufgabenarten), not listed in the
# kernel: `art` becomes a plain bounded CharField; Aufgabe.save() refuses an unregistered kind.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jvg_case', '0006_lesezugriff_im_kern'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='aufgabe',
            name='aufgabe_art_gueltig',
        ),
        migrations.AlterField(
            model_name='aufgabe',
            name='art',
            field=models.CharField(max_length=40),
        ),
        migrations.AlterField(
            model_name='historicalaufgabe',
            name='art',
            field=models.CharField(max_length=40),
        ),
    ]
