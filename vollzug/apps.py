from django.apps import AppConfig


class VollzugConfig(AppConfig):
    name = "vollzug"
    verbose_name = "Vollzug (§§ 1–19 JVG)"

    def ready(self):
        # R-0-FRIST-4: register the Vollzug's deadline sources with the Fristenkontrolle.
        from vollzug import fristen, fristen_aufschub, fristen_plan  # noqa: F401
