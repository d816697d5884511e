from django.apps import AppConfig


class InkassoConfig(AppConfig):
    verbose_name = "Inkasso (§ 2 Abs. 1 lit. d JVG)"
    name = "inkasso"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and jobs (kern.erweiterungen).
        from inkasso import (
            contributions,
            tasks,  # noqa: F401
        )

        contributions.registrieren()
