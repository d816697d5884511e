from django.apps import AppConfig


class SicherheitConfig(AppConfig):
    # Part of the chapter 5 (Zwangsmassnahmen) package; its own app so its tables and migrations are its own.
    name = "sicherheitsmassnahmen"
    label = "sicherheitsmassnahmen"
    verbose_name = "Besondere Sicherheitsmassnahmen (§ 31 JVG)"

    def ready(self):
        # R-0-FRIST-4: the review deadlines (§ 31 Abs. 5) in the Fristenkontrolle.
        from kern import erweiterungen
        from protokoll.historie import personenpfad_registrieren
        from sicherheitsmassnahmen import beitraege, fristen, services, tasks  # noqa: F401
        from verfuegungen.enums import Verfuegungstyp
        from verfuegungen.services import eroeffnung_registrieren

        # § 44 / R-31-5: every Eröffnung of a § 31 order (page, API) checks and activates the measure.
        eroeffnung_registrieren(
            Verfuegungstyp.SICHERHEITSMASSNAHME_31,
            pruefen=services.eroeffnung_pruefen,
            danach=services.nach_eroeffnung,
        )
        # R-31-4 (§ 31 Abs. 4): weekend/holiday transfers → inform the Einweisungsbehörde next working day.
        services.versetzungen_registrieren()
        erweiterungen.startkarte(beitraege.startkarten)
        erweiterungen.fallblock("sicherheitsmassnahmen/_fall_block.html", beitraege.fallblock)
        erweiterungen.demo(beitraege.demo_anlegen)
        # R-0-AUDIT-2: the auditor's change log filters these rows by person.
        personenpfad_registrieren("sicherheitsmassnahmen.sicherheitsmassnahme", "person")
        personenpfad_registrieren("sicherheitsmassnahmen.ueberpruefung", "massnahme__person")
