from django.apps import AppConfig


class VollzugsdatenConfig(AppConfig):
    name = "vollzugsdaten"
    verbose_name = "Vollzugsdaten und bedingte Entlassung (Art. 51, 59–64b, 86–87 StGB)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from vollzugsdaten import (
            contributions,
            tasks,  # noqa: F401
        )

        contributions.registrieren()
