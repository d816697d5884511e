from django.apps import AppConfig


class FristenkontrolleConfig(AppConfig):
    name = "fristenkontrolle"
    label = "fristenkontrolle"
    verbose_name = "Fristenkontrolle"
