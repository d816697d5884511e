from django.apps import AppConfig


class ZwangConfig(AppConfig):
    # Part of the chapter 5 (Zwangsmassnahmen) package; its own app so its tables and migrations are its own.
    name = "zwang"
    label = "zwang"
    verbose_name = "Unmittelbarer Zwang (§ 33 JVG)"

    def ready(self):
        # R-0-FRIST-4: the statement deadlines in the Fristenkontrolle; start cards, case block, demo data.
        from protokoll.historie import personenpfad_registrieren
        from zwang import erweiterungen, fristen, tasks  # noqa: F401

        erweiterungen.registrieren()
        # R-0-AUDIT-2: the auditor's change log filters these rows by person.
        personenpfad_registrieren("zwang.zwangsprotokoll", "person")
        personenpfad_registrieren("zwang.beteiligung", "protokoll__person")
        personenpfad_registrieren("zwang.pruefung", "protokoll__person")
