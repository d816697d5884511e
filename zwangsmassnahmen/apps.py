from django.apps import AppConfig


class ZwangsmassnahmenConfig(AppConfig):
    verbose_name = (
        "Zwangsmassnahmen: Sicherheitshaft, Versetzung, Kontrollen, Festnahme (§§ 25, 26, 28, 32 JVG)"
    )
    name = "zwangsmassnahmen"
