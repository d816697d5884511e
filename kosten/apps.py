from django.apps import AppConfig


class KostenConfig(AppConfig):
    verbose_name = "Kosten (§§ 46–50 JVG)"
    name = "kosten"

    def ready(self):
        from kern import erweiterungen
        from kosten import demo, erweiterung, tasks  # noqa: F401
        from protokoll.historie import personenpfad_registrieren

        # R-0-AUDIT-2: the auditor's change log filters these rows by person.
        personenpfad_registrieren("kosten.kostenposition", "fall__person")
        personenpfad_registrieren("kosten.kostenbeteiligung", "fall__person")
        personenpfad_registrieren("kosten.elternbeitrag", "beteiligung__fall__person")
        personenpfad_registrieren("kosten.unterstuetzungswohnsitz", "person")
        personenpfad_registrieren("kosten.abrechnungszeile", "fall__person")
        # The cost overview "who pays what" on the case page, and the open cost tasks on the start page.
        erweiterungen.fallblock("kosten/_fall_kosten.html", erweiterung.fallblock_kontext)
        erweiterungen.startkarte(erweiterung.startkarten)
        erweiterungen.demo(demo.demo_anlegen)
