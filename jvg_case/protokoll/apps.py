from django.apps import AppConfig


class ProtokollConfig(AppConfig):
    name = "jvg_case.protokoll"
    label = "protokoll"
    verbose_name = "Protokolle für die Revision (Änderungen und Lesezugriffe)"
