from django.apps import AppConfig


class SicherheitConfig(AppConfig):
    # Part of the chapter 5 (Zwangsmassnahmen) package; its own app so its tables and migrations are its own.
    name = "zwangsmassnahmen.sicherheit"
    label = "sicherheitsmassnahmen"
    verbose_name = "Besondere Sicherheitsmassnahmen (§ 31 JVG)"
