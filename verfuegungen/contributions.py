"""What the Verfügung lifecycle contributes: its deadlines, change-log paths and the § 17 block of the case page."""

from datetime import date, timedelta

from kern import erweiterungen
from kern.audit import speichern, system_benutzer
from verfuegungen.domain import fristen, versetzung
from verfuegungen.models import Stellvertretung

# Issue 17: the demo facilities' deputies of the management (they approve what the director drafted).
DEMO_STELLVERTRETUNGEN = ("stv.grosshof", "stv.wauwilermoos")


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """R-0-4EYES-1: two approvers wherever a four-eyes step exists — the authority has two case workers
    (fixtures/demo.json), each demo facility a deputy of its management for the next year."""
    demo = system_benutzer(erweiterungen.DEMO_AKTEUR)
    for username in DEMO_STELLVERTRETUNGEN:
        vertreter = benutzer.get(username)
        if vertreter is None:
            continue
        speichern(
            Stellvertretung(
                vertreter=vertreter,
                anstalt=vertreter.anstalt,
                von=heute - timedelta(days=30),
                bis=heute + timedelta(days=365),
                bemerkung="Stellvertretung der Anstaltsleitung (Demo)",
            ),
            durch=demo,
            grund="Stellvertretung eingerichtet",
        )


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
    # Right after the case core (users), before the procedures that need the approvers.
    erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_FALLKERN + 1)
