from django.apps import AppConfig


class ProtokollConfig(AppConfig):
    name = "protokoll"
    verbose_name = "Protokolle für die Revision (Änderungen und Lesezugriffe)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from protokoll import contributions

        contributions.registrieren()
