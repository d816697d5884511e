from django.apps import AppConfig


class BedrohungConfig(AppConfig):
    name = "bedrohung"
    verbose_name = "Bedrohungsmanagement"

    def ready(self):
        # R-BM-3: threat reports stay out of the Vollzug files and the general change log; the team
        # has its own access log and change log (bedrohung.views).
        from protokoll.historie import app_ausschliessen

        app_ausschliessen(self.label)
        from bedrohung import fristen  # noqa: F401  (R-BM-2: measures' deadlines in the Fristenkontrolle)
