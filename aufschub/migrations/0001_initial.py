# Issue 16: the model moved here from `vollzug` (vollzug 0004). State only: both tables keep their
# names (db_table / table_name pinned in models.py), so an existing database migrates in place. The
# content type is relabelled, not recreated, so the Verfügungen of § 14 requests (a generic relation to
# their Gegenstand) still find them.

import aufschub.models
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def _inhaltstyp_umhaengen(app_alt, app_neu, modell):
    """Keep the content type's id (Verfügungen point to their Gegenstand through it): relabel the row."""

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

    initial = True

    dependencies = [
        ('vollzug', '0004_aufschub_eigene_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalAufschubgesuch',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('art', models.CharField(choices=[('aufschub', 'Aufschub (vor Vollzugsbeginn)'), ('unterbrechung', 'Unterbrechung (während des Vollzugs)')], max_length=20, verbose_name='Art')),
                        ('grund', models.CharField(choices=[('a', 'a) vollständige Hafterstehungsunfähigkeit'), ('b', 'b) ausserordentliche und unaufschiebbare persönliche, familiäre oder berufliche Vorkommnisse und Pflichten')], max_length=1, verbose_name='Wichtiger Grund (§ 14 Abs. 2)')),
                        ('eingereicht_am', models.DateField(verbose_name='Gesuch eingereicht am')),
                        ('begehrt_von', models.DateField(verbose_name='begehrt von')),
                        ('begehrt_bis', models.DateField(verbose_name='begehrt bis (letzter Tag)')),
                        ('begruendung', models.TextField(verbose_name='Begründung des Gesuchs')),
                        ('arztzeugnis', models.TextField(blank=True, max_length=255, verbose_name='Arztzeugnis (§ 14 Abs. 3)')),
                        ('arztzeugnis_ausgestellt_am', models.DateField(blank=True, null=True, verbose_name='Arztzeugnis ausgestellt am')),
                        ('arztzeugnis_sha256', models.CharField(blank=True, editable=False, max_length=64)),
                        ('status', models.CharField(choices=[('eingereicht', 'Eingereicht'), ('bewilligt', 'Bewilligt'), ('abgewiesen', 'Abgewiesen'), ('zurueckgezogen', 'Zurückgezogen')], default='eingereicht', max_length=20)),
                        ('erfasst_am', models.DateTimeField(blank=True, editable=False)),
                        ('bewilligt_von', models.DateField(blank=True, null=True, verbose_name='bewilligt von')),
                        ('bewilligt_bis', models.DateField(blank=True, null=True, verbose_name='bewilligt bis (letzter Tag)')),
                        ('beurteilung_vollzugsdauer', models.TextField(blank=True, verbose_name='Voraussichtliche Vollzugsdauer (§ 14 Abs. 1)')),
                        ('fluchtgefahr', models.CharField(blank=True, choices=[('keine', 'keine erkennbar'), ('gering', 'gering'), ('erheblich', 'erheblich'), ('hoch', 'hoch')], max_length=10, verbose_name='Fluchtgefahr')),
                        ('wiederholungsgefahr', models.CharField(blank=True, choices=[('keine', 'keine erkennbar'), ('gering', 'gering'), ('erheblich', 'erheblich'), ('hoch', 'hoch')], max_length=10, verbose_name='Wiederholungsgefahr')),
                        ('beurteilung_gefahren', models.TextField(blank=True, verbose_name='Würdigung der Flucht- und Wiederholungsgefahr')),
                        ('besondere_untersuchungen', models.TextField(blank=True, verbose_name='Besondere Untersuchungen (§ 14 Abs. 4)')),
                        ('vorsorgliche_massnahmen', models.TextField(blank=True, verbose_name='Vorsorgliche Massnahmen (§ 14 Abs. 5)')),
                        ('entscheid_begruendung', models.TextField(blank=True, verbose_name='Begründung des Entscheids')),
                        ('entschieden_am', models.DateTimeField(blank=True, null=True)),
                        ('aufgebot_am', models.DateTimeField(blank=True, null=True, verbose_name='Aufgebot zum Vollzugsantritt versandt am')),
                        ('unterbrechung_ab', models.DateTimeField(blank=True, null=True, verbose_name='Unterbrechung angetreten am')),
                        ('unterbrechung_beendet_am', models.DateTimeField(blank=True, null=True, verbose_name='Wiedereintritt am')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('entschieden_durch', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('erfasst_durch', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('fall', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='vollzug.vollzugsfall')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('sanktion', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='vollzug.sanktion')),
                    ],
                    options={
                        'verbose_name': 'historical Gesuch um Aufschub/Unterbrechung (§ 14)',
                        'verbose_name_plural': 'historical Gesuche um Aufschub/Unterbrechung (§ 14)',
                        'db_table': 'vollzug_historicalaufschubgesuch',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Aufschubgesuch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('art', models.CharField(choices=[('aufschub', 'Aufschub (vor Vollzugsbeginn)'), ('unterbrechung', 'Unterbrechung (während des Vollzugs)')], max_length=20, verbose_name='Art')),
                        ('grund', models.CharField(choices=[('a', 'a) vollständige Hafterstehungsunfähigkeit'), ('b', 'b) ausserordentliche und unaufschiebbare persönliche, familiäre oder berufliche Vorkommnisse und Pflichten')], max_length=1, verbose_name='Wichtiger Grund (§ 14 Abs. 2)')),
                        ('eingereicht_am', models.DateField(verbose_name='Gesuch eingereicht am')),
                        ('begehrt_von', models.DateField(verbose_name='begehrt von')),
                        ('begehrt_bis', models.DateField(verbose_name='begehrt bis (letzter Tag)')),
                        ('begruendung', models.TextField(verbose_name='Begründung des Gesuchs')),
                        ('arztzeugnis', models.FileField(blank=True, max_length=255, upload_to=aufschub.models._arztzeugnis_pfad, verbose_name='Arztzeugnis (§ 14 Abs. 3)')),
                        ('arztzeugnis_ausgestellt_am', models.DateField(blank=True, null=True, verbose_name='Arztzeugnis ausgestellt am')),
                        ('arztzeugnis_sha256', models.CharField(blank=True, editable=False, max_length=64)),
                        ('status', models.CharField(choices=[('eingereicht', 'Eingereicht'), ('bewilligt', 'Bewilligt'), ('abgewiesen', 'Abgewiesen'), ('zurueckgezogen', 'Zurückgezogen')], default='eingereicht', max_length=20)),
                        ('erfasst_am', models.DateTimeField(auto_now_add=True)),
                        ('bewilligt_von', models.DateField(blank=True, null=True, verbose_name='bewilligt von')),
                        ('bewilligt_bis', models.DateField(blank=True, null=True, verbose_name='bewilligt bis (letzter Tag)')),
                        ('beurteilung_vollzugsdauer', models.TextField(blank=True, verbose_name='Voraussichtliche Vollzugsdauer (§ 14 Abs. 1)')),
                        ('fluchtgefahr', models.CharField(blank=True, choices=[('keine', 'keine erkennbar'), ('gering', 'gering'), ('erheblich', 'erheblich'), ('hoch', 'hoch')], max_length=10, verbose_name='Fluchtgefahr')),
                        ('wiederholungsgefahr', models.CharField(blank=True, choices=[('keine', 'keine erkennbar'), ('gering', 'gering'), ('erheblich', 'erheblich'), ('hoch', 'hoch')], max_length=10, verbose_name='Wiederholungsgefahr')),
                        ('beurteilung_gefahren', models.TextField(blank=True, verbose_name='Würdigung der Flucht- und Wiederholungsgefahr')),
                        ('besondere_untersuchungen', models.TextField(blank=True, verbose_name='Besondere Untersuchungen (§ 14 Abs. 4)')),
                        ('vorsorgliche_massnahmen', models.TextField(blank=True, verbose_name='Vorsorgliche Massnahmen (§ 14 Abs. 5)')),
                        ('entscheid_begruendung', models.TextField(blank=True, verbose_name='Begründung des Entscheids')),
                        ('entschieden_am', models.DateTimeField(blank=True, null=True)),
                        ('aufgebot_am', models.DateTimeField(blank=True, null=True, verbose_name='Aufgebot zum Vollzugsantritt versandt am')),
                        ('unterbrechung_ab', models.DateTimeField(blank=True, null=True, verbose_name='Unterbrechung angetreten am')),
                        ('unterbrechung_beendet_am', models.DateTimeField(blank=True, null=True, verbose_name='Wiedereintritt am')),
                        ('entschieden_durch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('erfasst_durch', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('fall', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='aufschubgesuche', to='vollzug.vollzugsfall')),
                        ('sanktion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='aufschubgesuche', to='vollzug.sanktion')),
                    ],
                    options={
                        'verbose_name': 'Gesuch um Aufschub/Unterbrechung (§ 14)',
                        'verbose_name_plural': 'Gesuche um Aufschub/Unterbrechung (§ 14)',
                        'db_table': 'vollzug_aufschubgesuch',
                        'ordering': ['-eingereicht_am', '-pk'],
                        'indexes': [models.Index(fields=['sanktion', 'art', 'status'], name='gesuch14_kontingent_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('art__in', ['aufschub', 'unterbrechung'])), name='gesuch14_art_gueltig'), models.CheckConstraint(condition=models.Q(('grund__in', ['a', 'b'])), name='gesuch14_grund_gueltig'), models.CheckConstraint(condition=models.Q(('status__in', ['eingereicht', 'bewilligt', 'abgewiesen', 'zurueckgezogen'])), name='gesuch14_status_gueltig'), models.CheckConstraint(condition=models.Q(('fluchtgefahr', ''), ('fluchtgefahr__in', ['keine', 'gering', 'erheblich', 'hoch']), _connector='OR'), name='gesuch14_fluchtgefahr_gueltig'), models.CheckConstraint(condition=models.Q(('wiederholungsgefahr', ''), ('wiederholungsgefahr__in', ['keine', 'gering', 'erheblich', 'hoch']), _connector='OR'), name='gesuch14_wiederholungsgefahr_gueltig'), models.CheckConstraint(condition=models.Q(('begehrt_bis__gte', models.F('begehrt_von'))), name='gesuch14_zeitraum_gueltig'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'bewilligt'), _negated=True), models.Q(('bewilligt_bis__gte', models.F('bewilligt_von')), ('bewilligt_von__isnull', False)), _connector='OR'), name='gesuch14_bewilligt_hat_zeitraum'), models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['bewilligt', 'abgewiesen']), _negated=True), models.Q(('entschieden_am__isnull', False), models.Q(('beurteilung_vollzugsdauer', ''), _negated=True), models.Q(('fluchtgefahr', ''), _negated=True), models.Q(('wiederholungsgefahr', ''), _negated=True)), _connector='OR'), name='gesuch14_entscheid_mit_beurteilung'), models.CheckConstraint(condition=models.Q(('unterbrechung_ab__isnull', True), models.Q(('art', 'unterbrechung'), ('status', 'bewilligt')), _connector='OR'), name='gesuch14_unterbrechung_nur_bewilligt'), models.CheckConstraint(condition=models.Q(('unterbrechung_beendet_am__isnull', True), models.Q(('unterbrechung_ab__isnull', False), ('unterbrechung_beendet_am__gte', models.F('unterbrechung_ab'))), _connector='OR'), name='gesuch14_wiedereintritt_nach_antritt')],
                    },
                ),
            ],
        ),
        _inhaltstyp_umhaengen("vollzug", "aufschub", "aufschubgesuch"),
        _inhaltstyp_umhaengen("vollzug", "aufschub", "historicalaufschubgesuch"),
    ]
