from django.apps import AppConfig


class DisziplinarConfig(AppConfig):
    verbose_name = "Disziplinarrecht (§§ 40–45 JVG)"
    name = "disziplinar"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from disziplinar import contributions

        contributions.registrieren()
