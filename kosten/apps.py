from django.apps import AppConfig


class KostenConfig(AppConfig):
    verbose_name = "Kosten (§§ 46–50 JVG)"
    name = "kosten"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from kosten import (
            contributions,
            tasks,  # noqa: F401
        )

        contributions.registrieren()
