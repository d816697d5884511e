from django.apps import AppConfig


class BenachrichtigungenConfig(AppConfig):
    name = "benachrichtigungen"
    verbose_name = "Benachrichtigungen an Partnerbehörden (Webhooks)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from benachrichtigungen import (
            contributions,
            tasks,  # noqa: F401  (the delivery task, queued after commit)
        )

        contributions.registrieren()
