from django.apps import AppConfig


class FristenkontrolleConfig(AppConfig):
    name = "jvg_case.fristenkontrolle"
    label = "fristenkontrolle"
    verbose_name = "Fristenkontrolle"
