from django.apps import AppConfig


class ZwangConfig(AppConfig):
    name = "zwang"
    verbose_name = "Unmittelbarer Zwang (§ 33 JVG)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from zwang import (
            contributions,
            tasks,  # noqa: F401
        )

        contributions.registrieren()
