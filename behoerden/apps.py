from django.apps import AppConfig


class BehoerdenConfig(AppConfig):
    name = "behoerden"
    verbose_name = "Partnerbehörden und Datenaustausch (§§ 12, 21 JVG)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from behoerden import contributions

        contributions.registrieren()
