from django.apps import AppConfig


class BehoerdenConfig(AppConfig):
    name = "behoerden"
    label = "behoerden"
    verbose_name = "Partnerbehörden und Datenaustausch (§§ 12, 21 JVG)"

    def ready(self):
        from behoerden import auth, demo, views  # noqa: F401 (auth: OpenAPI extension)
        from kern import erweiterungen, nur_anfuegen
        from protokoll.historie import personenpfad_registrieren

        # R-0-AUDIT-1/-2: the auditors' change log filters these rows by person.
        personenpfad_registrieren("behoerden.urteilszustellung", "person")
        erweiterungen.fallblock("behoerden/_fall_block.html", views.fall_block)
        erweiterungen.demo(demo.demo_anlegen)
        # R-21-1: no client may change or delete a row of the disclosure log (PostgreSQL trigger).
        nur_anfuegen.registrieren(
            "behoerden_bekanntgabe", "Das Bekanntgabeprotokoll ist unveränderlich (R-21-1)"
        )
