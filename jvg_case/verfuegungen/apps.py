from django.apps import AppConfig


class VerfuegungenConfig(AppConfig):
    name = "jvg_case.verfuegungen"
    label = "verfuegungen"
    verbose_name = "Verfügungen (Lebenszyklus, Rechtsmittel, Vier-Augen, Gehör)"
