from django.apps import AppConfig


class ZwangsmedizinConfig(AppConfig):
    name = "zwangsmedizin"
    verbose_name = "Zwangsmedikation und Zwangsernährung (§§ 34–39 JVG)"

    def ready(self):
        # Everything this app adds to other apps' pages, lists and lifecycles (kern.erweiterungen).
        from zwangsmedizin import contributions

        contributions.registrieren()
