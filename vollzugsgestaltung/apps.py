from django.apps import AppConfig


class VollzugsgestaltungConfig(AppConfig):
    name = "vollzugsgestaltung"
    verbose_name = "Vollzugsöffnungen, besondere Vollzugsformen, Bewährungshilfe, Begnadigung"

    def ready(self):
        from vollzugsgestaltung import contributions

        contributions.registrieren()
