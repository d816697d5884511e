from django.apps import AppConfig


class BedrohungConfig(AppConfig):
    name = "bedrohung"
    verbose_name = "Bedrohungsmanagement"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from bedrohung import contributions

        contributions.registrieren()
