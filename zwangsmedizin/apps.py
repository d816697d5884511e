from django.apps import AppConfig


class MedizinischConfig(AppConfig):
    # Part of the chapter 5 (Zwangsmassnahmen) package; its own app so its tables and migrations are its own.
    name = "zwangsmedizin"
    label = "zwangsmedizin"
    verbose_name = "Zwangsmedikation und Zwangsernährung (§§ 34–39 JVG)"

    def ready(self):
        from kern import erweiterungen
        from protokoll.historie import personenpfad_registrieren
        from verfuegungen.enums import Verfuegungstyp
        from verfuegungen.services import eroeffnung_registrieren
        from zwangsmedizin import ernaehrung, erweiterung, fristen, medikation  # noqa: F401

        # R-36-1/R-37-1/R-38-1 and R-39-1 hold for every Eröffnung of these types (page, API, service).
        eroeffnung_registrieren(
            Verfuegungstyp.ZWANGSMEDIKATION_36,
            pruefen=medikation.eroeffnung_pruefen,
            danach=medikation.nach_eroeffnung,
        )
        eroeffnung_registrieren(
            Verfuegungstyp.ZWANGSERNAEHRUNG_39,
            pruefen=ernaehrung.eroeffnung_pruefen,
            danach=ernaehrung.nach_eroeffnung,
        )
        # R-0-AUDIT-2: the auditors' change log filters these rows by person. Their history holds no
        # medical content (excluded_fields, see models.py).
        personenpfad_registrieren("zwangsmedizin.zwangsmedikation", "person")
        personenpfad_registrieren("zwangsmedizin.hungerstreik", "person")
        personenpfad_registrieren("zwangsmedizin.aufklaerungsgespraech", "hungerstreik__person")
        personenpfad_registrieren("zwangsmedizin.patientenverfuegung", "person")
        erweiterungen.startkarte(erweiterung.startkarten)
        erweiterungen.fallblock("zwangsmedizin/_fall_block.html", erweiterung.fallblock)
        erweiterungen.demo(erweiterung.demo_anlegen)
