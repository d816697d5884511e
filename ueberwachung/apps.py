from django.apps import AppConfig


class UeberwachungConfig(AppConfig):
    # Part of the chapter 5 (Zwangsmassnahmen) package; its own app so its tables and migrations are its own.
    name = "ueberwachung"
    label = "ueberwachung"
    verbose_name = "Überwachung und Aufbewahrung (§§ 27, 29, 30 JVG)"

    def ready(self):
        from kern import erweiterungen
        from protokoll.historie import personenpfad_registrieren

        # R-0-FRIST-4: deletion dates and holds in the Fristenkontrolle; Celery tasks for the beat.
        from . import demo, fristen, startkarten, tasks  # noqa: F401

        # R-0-AUDIT-2: the auditors' change log filters these rows by person (while they exist: the
        # deletion removes them and their history, leaving the content-free Vernichtungsprotokoll).
        personenpfad_registrieren("ueberwachung.rechtsbeistand", "person")
        personenpfad_registrieren("ueberwachung.telefonaufzeichnung", "person")
        personenpfad_registrieren("ueberwachung.videoaufzeichnung", "person")
        personenpfad_registrieren("ueberwachung.edmassnahme", "person")
        personenpfad_registrieren("ueberwachung.eddatei", "massnahme__person")
        personenpfad_registrieren("ueberwachung.beizug", "telefon__person")
        erweiterungen.startkarte(startkarten.karten)
        erweiterungen.demo(demo.demo_anlegen)
