"""What the threat management adds: its measures' deadlines and demo data; its history stays out of the
general change log (R-BM-3: the team keeps its own access and change log)."""

from datetime import date, timedelta

from django.utils import timezone

from bedrohung import domain
from bedrohung.domain import aufbewahrung, fristen
from kern import erweiterungen


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """Threat management: a trained contact person and one report by staff (seen by the team only)."""
    team = benutzer["bedrohungsmanagement"]
    domain.ansprechperson_speichern(
        name="Marco Zemp", abteilung="JVA Grosshof", telefon="041 228 00 00", durch=team
    )
    domain.meldung_erfassen(
        vorfall_am=timezone.now() - timedelta(days=1, hours=3),
        ort="Besucherzone JVA Grosshof",
        kanal="persoenlich",
        wortlaut="«Ich weiss, wo du wohnst. Pass auf deine Familie auf.»",
        urheber_art="besucher",
        urheber_beschreibung="Besucher eines Insassen, ca. 40 Jahre, Name laut Besucherliste",
        betroffene="Petra Wey (Anstaltspersonal)",
        sofortbedarf="Begleitung zum Parkplatz nach Dienstschluss",
        durch=benutzer["personal.grosshof"],
    )


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.app_ausschliessen("bedrohung")
    erweiterungen.fristquelle(fristen.TYP, "Bedrohungsmanagement: Massnahmen")(fristen.massnahmen_fristen)
    erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_VERFAHREN)
    # After a restore, deletions newer than the backup are repeated from the deletion log (betrieb).
    erweiterungen.vernichtungslog(
        "bedrohung",
        exportieren=aufbewahrung.vernichtungen_exportieren,
        nachholen=aufbewahrung.vernichtungen_nachholen,
    )
