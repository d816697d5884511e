from django.apps import AppConfig


class VollzugConfig(AppConfig):
    name = "vollzug"
    verbose_name = "Vollzug (§§ 1–19 JVG)"
