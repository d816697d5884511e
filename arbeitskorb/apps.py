from django.apps import AppConfig


class ArbeitskorbConfig(AppConfig):
    # The start page: the user's open tasks and every module's start cards (kern.erweiterungen).
    name = "arbeitskorb"
    verbose_name = "Arbeitskorb (Startseite)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from arbeitskorb import contributions

        contributions.registrieren()
