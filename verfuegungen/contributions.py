"""What the Verfügung lifecycle contributes: its deadlines, change-log paths and the § 17 block of the case page."""

from kern import erweiterungen
from verfuegungen.domain import fristen, versetzung


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # R-0-FRIST-4: the appeal deadlines and the hearings to make up for in the one overview.
    erweiterungen.fristquelle("verfuegung_rechtsmittel", "Rechtsmittelfrist Verfügung")(
        fristen.fristen_rechtsmittel
    )
    erweiterungen.fristquelle("verfuegung_gehoer_nachholen", "Rechtliches Gehör nachholen")(
        fristen.fristen_gehoer_nachholen
    )
    # § 17: the transfers of a case with their written Verfügung (or the button to draft it).
    erweiterungen.fallblock("verfuegungen/_fall_versetzungen.html", versetzung.fallblock)
    erweiterungen.personenpfad("verfuegungen.verfuegung", "person")
    erweiterungen.personenpfad("verfuegungen.genehmigungsschritt", "verfuegung__person")
    erweiterungen.personenpfad("verfuegungen.anhoerung", "verfuegung__person")
    erweiterungen.personenpfad("verfuegungen.beschwerde", "verfuegung__person")
