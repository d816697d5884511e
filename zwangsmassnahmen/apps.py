from django.apps import AppConfig


class ZwangsmassnahmenConfig(AppConfig):
    verbose_name = "Zwangsmassnahmen (§§ 24–39 JVG)"
    name = "zwangsmassnahmen"
