from django.apps import AppConfig


class VerfuegungenConfig(AppConfig):
    name = "verfuegungen"
    verbose_name = "Verfügungen (Lebenszyklus, Rechtsmittel, Vier-Augen, Gehör)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from verfuegungen import contributions

        contributions.registrieren()
