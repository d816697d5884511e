from django.apps import AppConfig


class DatenschutzConfig(AppConfig):
    name = "datenschutz"
    verbose_name = "Datenschutz: Fachpersonen, Schweigepflicht, Auskunft (§§ 22, 23 JVG)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from datenschutz import contributions

        contributions.registrieren()
