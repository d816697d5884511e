from django.apps import AppConfig


class ProtokollConfig(AppConfig):
    name = "protokoll"
    label = "protokoll"
    verbose_name = "Protokolle für die Revision (Änderungen und Lesezugriffe)"

    def ready(self):
        from kern import nur_anfuegen

        # R-0-AUDIT-2: no client may change or delete a read-log row (PostgreSQL trigger).
        nur_anfuegen.registrieren(
            "protokoll_lesezugriff", "Das Lesezugriffsprotokoll ist unveränderlich (R-0-AUDIT-2)"
        )
