from django.apps import AppConfig


class MedizinischConfig(AppConfig):
    # Part of the chapter 5 (Zwangsmassnahmen) package; its own app so its tables and migrations are its own.
    name = "zwangsmassnahmen.medizinisch"
    label = "zwangsmedizin"
    verbose_name = "Zwangsmedikation und Zwangsernährung (§§ 34–39 JVG)"
