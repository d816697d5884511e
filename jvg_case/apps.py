from django.apps import AppConfig


class JvgCaseConfig(AppConfig):
    name = "jvg_case"
    verbose_name = "JVG-Fallführung (Grundlagen)"
