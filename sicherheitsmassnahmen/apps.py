from django.apps import AppConfig


class SicherheitsmassnahmenConfig(AppConfig):
    name = "sicherheitsmassnahmen"
    verbose_name = "Besondere Sicherheitsmassnahmen (§ 31 JVG)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from sicherheitsmassnahmen import (
            contributions,
            tasks,  # noqa: F401
        )

        contributions.registrieren()
