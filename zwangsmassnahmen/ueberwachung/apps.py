from django.apps import AppConfig


class UeberwachungConfig(AppConfig):
    # Part of the chapter 5 (Zwangsmassnahmen) package; its own app so its tables and migrations are its own.
    name = "zwangsmassnahmen.ueberwachung"
    label = "ueberwachung"
    verbose_name = "Überwachung und Aufbewahrung (§§ 27, 29, 30 JVG)"
