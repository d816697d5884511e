from django.apps import AppConfig


class UeberwachungConfig(AppConfig):
    name = "ueberwachung"
    verbose_name = "Überwachung und Aufbewahrung (§§ 27, 29, 30 JVG)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from ueberwachung import (
            contributions,
            tasks,  # noqa: F401
        )

        contributions.registrieren()
