from django.apps import AppConfig


class VollzugConfig(AppConfig):
    name = "vollzug"
    verbose_name = "Vollzug (§§ 1–19 JVG)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from vollzug import contributions

        contributions.registrieren()
