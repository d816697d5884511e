from django.apps import AppConfig
from django.db.models.signals import post_migrate


class JvgCaseConfig(AppConfig):
    name = "jvg_case"
    verbose_name = "JVG-Fallführung (Grundlagen)"

    def ready(self):
        from jvg_case import nur_anfuegen

        # Sent after `migrate`, also when the test database is built without migrations.
        post_migrate.connect(nur_anfuegen.nach_migrate, dispatch_uid="jvg_case.nur_anfuegen")
