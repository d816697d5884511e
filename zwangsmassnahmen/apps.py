from django.apps import AppConfig


class ZwangsmassnahmenConfig(AppConfig):
    verbose_name = (
        "Zwangsmassnahmen: Sicherheitshaft, Versetzung, Kontrollen, Festnahme (§§ 25, 26, 28, 32 JVG)"
    )
    name = "zwangsmassnahmen"

    def ready(self):
        # R-0-FRIST-4: the 48-hour deadlines of § 25 Abs. 2 in the Fristenkontrolle.
        from kern import erweiterungen
        from protokoll.historie import personenpfad_registrieren
        from zwangsmassnahmen import beitraege, fristen  # noqa: F401

        erweiterungen.startkarte(beitraege.startkarten)
        erweiterungen.fallblock("zwangsmassnahmen/_fall_block.html", beitraege.fallblock)
        erweiterungen.demo(beitraege.demo_anlegen)
        # R-0-AUDIT-2: the auditor's change log filters these rows by person.
        personenpfad_registrieren("zwangsmassnahmen.sicherheitshaft", "fall__person")
        personenpfad_registrieren("zwangsmassnahmen.hafterinnerung", "haft__fall__person")
        personenpfad_registrieren("zwangsmassnahmen.voruebergehendeversetzung", "fall__person")
        personenpfad_registrieren("zwangsmassnahmen.kontrolle", "fall__person")
        personenpfad_registrieren("zwangsmassnahmen.entweichung", "fall__person")
