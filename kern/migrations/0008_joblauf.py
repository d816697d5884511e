# Issue 16: the run record of the one batch-job runner (kern.jobs).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jvg_case', '0007_aufgabe_art_registriert'),
    ]

    operations = [
        migrations.CreateModel(
            name='Joblauf',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('job', models.CharField(max_length=100, verbose_name='Job')),
                ('gestartet_am', models.DateTimeField(verbose_name='gestartet am')),
                ('beendet_am', models.DateTimeField(blank=True, null=True, verbose_name='beendet am')),
                ('status', models.CharField(choices=[('laeuft', 'läuft'), ('erfolgreich', 'erfolgreich'), ('fehlgeschlagen', 'fehlgeschlagen'), ('abgebrochen', 'abgebrochen (Zeitbudget, Fortsetzung eingeplant)')], default='laeuft', max_length=20, verbose_name='Status')),
                ('verarbeitet', models.PositiveIntegerField(default=0, verbose_name='verarbeitete Zeilen')),
                ('host', models.CharField(max_length=100, verbose_name='Worker-Host')),
                ('pid', models.PositiveIntegerField(verbose_name='Worker-PID')),
                ('meldung', models.TextField(blank=True, verbose_name='Meldung')),
            ],
            options={
                'verbose_name': 'Joblauf',
                'verbose_name_plural': 'Jobläufe',
                'ordering': ['-gestartet_am', '-pk'],
                'indexes': [models.Index(condition=models.Q(('status', 'laeuft')), fields=['status'], name='joblauf_status_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['laeuft', 'erfolgreich', 'fehlgeschlagen', 'abgebrochen'])), name='joblauf_status_gueltig'), models.CheckConstraint(condition=models.Q(models.Q(('beendet_am__isnull', True), ('status', 'laeuft')), models.Q(models.Q(('status', 'laeuft'), _negated=True), ('beendet_am__isnull', False)), _connector='OR'), name='joblauf_ende_nur_abgeschlossen')],
            },
        ),
    ]
