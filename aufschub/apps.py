from django.apps import AppConfig


class AufschubConfig(AppConfig):
    name = "aufschub"
    verbose_name = "Aufschub und Unterbrechung (§ 14 JVG)"

    def ready(self):
        from aufschub import contributions

        contributions.registrieren()
