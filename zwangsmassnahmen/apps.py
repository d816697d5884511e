from django.apps import AppConfig


class ZwangsmassnahmenConfig(AppConfig):
    verbose_name = (
        "Zwangsmassnahmen: Sicherheitshaft, Versetzung, Kontrollen, Festnahme (§§ 25, 26, 28, 32 JVG)"
    )
    name = "zwangsmassnahmen"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from zwangsmassnahmen import contributions

        contributions.registrieren()
