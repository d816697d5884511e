from django.apps import AppConfig


class ZwangConfig(AppConfig):
    # Part of the chapter 5 (Zwangsmassnahmen) package; its own app so its tables and migrations are its own.
    name = "zwangsmassnahmen.zwang"
    label = "zwang"
    verbose_name = "Unmittelbarer Zwang (§ 33 JVG)"
