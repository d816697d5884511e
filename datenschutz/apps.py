from django.apps import AppConfig


class DatenschutzConfig(AppConfig):
    name = "datenschutz"
    label = "datenschutz"
    verbose_name = "Datenschutz: Fachpersonen, Schweigepflicht, Auskunft (§§ 22, 23 JVG)"

    def ready(self):
        from datenschutz import erweiterung
        from kern import erweiterungen
        from protokoll.historie import personenpfad_registrieren

        # R-0-AUDIT-1/-2: the auditors' change log and the subject access export find these rows by person.
        personenpfad_registrieren("datenschutz.fachpersonmandat", "person")
        personenpfad_registrieren("datenschutz.schweigepflichtentbindung", "person")
        personenpfad_registrieren("datenschutz.drittkontakt", "person")
        personenpfad_registrieren("datenschutz.strafanzeige", "person")
        erweiterungen.fallblock("datenschutz/_fall_block.html", erweiterung.fallblock)
        erweiterungen.demo(erweiterung.demo_anlegen)
