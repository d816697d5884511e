from django.apps import AppConfig


class KostenConfig(AppConfig):
    verbose_name = "Kosten (§§ 46–50 JVG)"
    name = "kosten"
