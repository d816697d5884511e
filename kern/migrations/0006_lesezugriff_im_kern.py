# Issue 16: the read-access log moves from `protokoll` to the kernel (its write API is `kern.lesezugriffe`).
# State only: the table `protokoll_lesezugriff` with its rows, indexes, constraints and append-only trigger
# stays where it is, so an existing database migrates in place.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _inhaltstyp_umhaengen(app_alt, app_neu, modell):
    """Keep the content type's id (permissions point to it): relabel the row."""

    def vorwaerts(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label=app_neu, model=modell).exists():
            ContentType.objects.filter(app_label=app_alt, model=modell).update(app_label=app_neu)

    def rueckwaerts(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label=app_alt, model=modell).exists():
            ContentType.objects.filter(app_label=app_neu, model=modell).update(app_label=app_alt)

    return migrations.RunPython(vorwaerts, rueckwaerts)


class Migration(migrations.Migration):

    dependencies = [
        ('jvg_case', '0005_aufgaben_datenaustausch'),
        ('vollzug', '0003_platzierung_voruebergehend_26'),
        ('protokoll', '0002_lesezugriff_nur_anfuegen'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='Lesezugriff',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('zeitpunkt', models.DateTimeField(verbose_name='Zeitpunkt')),
                ('rolle', models.CharField(choices=[('sachbearbeitung', 'Sachbearbeitung Vollzugsbehörde'), ('anstaltsleitung', 'Anstaltsleitung'), ('anstaltspersonal', 'Anstaltspersonal'), ('medizin', 'Medizin (Arzt/Ärztin, Psychiatrie)'), ('revision', 'Revision'), ('partnerbehoerde', 'Partnerbehörde (REST)'), ('bedrohungsmanagement', 'Bedrohungsmanagement'), ('admin', 'Systemadministration'), ('system', 'Systemjob')], max_length=32, verbose_name='Rolle')),
                ('objekt_typ', models.CharField(max_length=100, verbose_name='Objekttyp')),
                ('objekt_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='Objekt-ID')),
                ('aktion', models.CharField(choices=[('ansicht', 'Ansicht (Akte geöffnet)'), ('dokument', 'Dokument heruntergeladen'), ('api_lesen', 'API: Datensatz gelesen'), ('api_liste', 'API: Liste gelesen'), ('export', 'Export')], max_length=20, verbose_name='Aktion')),
                ('kanal', models.CharField(choices=[('ui', 'Browser'), ('api', 'REST-API')], max_length=5, verbose_name='Kanal')),
                ('zweck', models.TextField(blank=True, help_text='API: Header X-Zweck (gesetzlicher Zweck der Abfrage).', verbose_name='Zweck')),
                ('abfrage', models.TextField(blank=True, help_text='Filter einer Listen- oder Exportabfrage.', verbose_name='Abfrage')),
                ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP-Adresse')),
                ('benutzer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Benutzer/in')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='vollzug.person', verbose_name='Person')),
            ],
            options={
                'verbose_name': 'Lesezugriff',
                'verbose_name_plural': 'Lesezugriffe',
                'db_table': 'protokoll_lesezugriff',
                'ordering': ['-zeitpunkt', '-pk'],
                'default_permissions': ('view',),
                'indexes': [models.Index(fields=['person', '-zeitpunkt'], name='lesezugriff_person_idx'), models.Index(fields=['benutzer', '-zeitpunkt'], name='lesezugriff_benutzer_idx'), models.Index(fields=['-zeitpunkt'], name='lesezugriff_zeit_idx'), models.Index(fields=['objekt_typ', '-zeitpunkt'], name='lesezugriff_typ_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('aktion__in', ['ansicht', 'dokument', 'api_lesen', 'api_liste', 'export'])), name='lesezugriff_aktion_gueltig'), models.CheckConstraint(condition=models.Q(('kanal__in', ['ui', 'api'])), name='lesezugriff_kanal_gueltig')],
            },
        ),
            ],
        ),
        _inhaltstyp_umhaengen("protokoll", "jvg_case", "lesezugriff"),
    ]
