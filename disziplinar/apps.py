from django.apps import AppConfig


class DisziplinarConfig(AppConfig):
    verbose_name = "Disziplinarrecht (§§ 40–45 JVG)"
    name = "disziplinar"

    def ready(self):
        # R-0-FRIST-4: register the limitation deadlines (§ 41 Abs. 5) with the Fristenkontrolle.
        from disziplinar import fristen, services  # noqa: F401
        from protokoll.historie import personenpfad_registrieren
        from verfuegungen.services import eroeffnung_registrieren

        # § 41 Abs. 5 and the sanction schedule apply to every Eröffnung of this type (page, API, service).
        eroeffnung_registrieren(
            "disziplinar", pruefen=services.eroeffnung_pruefen, danach=services.nach_eroeffnung
        )
        # R-0-AUDIT-2: the auditor's change log filters these rows by person.
        personenpfad_registrieren("disziplinar.rapport", "person")
        personenpfad_registrieren("disziplinar.rapportdelikt", "rapport__person")
        personenpfad_registrieren("disziplinar.rapportbeilage", "rapport__person")
        personenpfad_registrieren("disziplinar.disziplinarverfahren", "rapport__person")
        personenpfad_registrieren("disziplinar.disziplinarsanktion", "verfahren__rapport__person")
