from django.apps import AppConfig


class VerfuegungenConfig(AppConfig):
    name = "verfuegungen"
    label = "verfuegungen"
    verbose_name = "Verfügungen (Lebenszyklus, Rechtsmittel, Vier-Augen, Gehör)"

    def ready(self):
        # R-0-FRIST-4: contribute our deadlines to the one overview (its code never changes for us).
        from fristenkontrolle.registry import fristquelle
        from verfuegungen import queries

        fristquelle("verfuegung_rechtsmittel", "Rechtsmittelfrist Verfügung")(queries.fristen_rechtsmittel)
        fristquelle("verfuegung_gehoer_nachholen", "Rechtliches Gehör nachholen")(
            queries.fristen_gehoer_nachholen
        )
