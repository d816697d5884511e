from django.apps import AppConfig


class DisziplinarConfig(AppConfig):
    verbose_name = "Disziplinarrecht (§§ 40–45 JVG)"
    name = "disziplinar"
