from django.apps import AppConfig


class FristenkontrolleConfig(AppConfig):
    name = "fristenkontrolle"
    verbose_name = "Fristenkontrolle"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from fristenkontrolle import contributions

        contributions.registrieren()
