"""Demo data of the Vollzugsdaten (`manage.py demo_daten`), through the domain functions."""

from datetime import date, timedelta

from django.utils import timezone

from vollzug.models import Vollzugsfall
from vollzugsdaten import domain
from vollzugsdaten.recht import Massnahmenartikel, Pruefungsart


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """A calculation with court credit, an examination of conditional release with the facility's
    report requested and the hearing recorded, and an Art. 59 measure close to its maximum."""
    sb = benutzer["sachbearbeitung"]
    fall = Vollzugsfall.objects.get(entscheide__referenz="SA1 24 1234")
    domain.angaben_speichern(
        fall=fall,
        lebenslang=False,
        angerechnete_tage=62,
        anrechnung_beleg="Urteil SA1 24 1234, Dispositiv Ziff. 2 (Untersuchungshaft)",
        anderswo_tage=0,
        anderswo_beleg="",
        durch=sb,
    )
    pruefung = fall.entlassungspruefungen.first()
    if pruefung is not None:
        pruefung = domain.bericht_anfordern(pruefung=pruefung, durch=sb)
        domain.anhoerung_erfassen(
            pruefung=pruefung,
            aeusserung="Die Person wünscht die bedingte Entlassung; Wohnung und Arbeitsstelle bei der Schwester in Kriens.",
            am=timezone.now() - timedelta(hours=2),
            durch=sb,
        )
    massnahme = domain.massnahme_erfassen(
        fall=fall,
        artikel=Massnahmenartikel.ART_59,
        beginn=heute - timedelta(days=4 * 365 + 250),
        beginn_begruendung="Vorzeitiger Massnahmenvollzug bewilligt (BGE 146 IV 49).",
        durch=sb,
    )
    domain.pruefung_erfassen(
        massnahme=massnahme,
        art=Pruefungsart.ART_62D,
        am=heute - timedelta(days=200),
        bericht="Therapieverlauf stabil, Behandlungsbereitschaft vorhanden; Rückfallrisiko noch erhöht.",
        ergebnis="Weiterführung der Massnahme; keine bedingte Entlassung zum jetzigen Zeitpunkt.",
        durch=sb,
    )
    # The application to the court before the maximum (§ 4 Abs. 1 JVG), filed from the system's draft;
    # its letter is downloadable as PDF from the case's Vollzugsdaten page.
    massnahme.refresh_from_db()
    entwurf = domain.antrag_entwurf(massnahme)
    domain.antrag_einreichen(
        massnahme=massnahme,
        art=entwurf["art"],
        gericht=entwurf["gericht"],
        antrag=entwurf["antrag"]
        + "\n\nGemäss Vollzugsbericht ist die Behandlungsbereitschaft vorhanden, das Rückfallrisiko aber noch "
        "erhöht; eine Verlängerung ist zur Fortführung der Therapie nötig.",
        akten=entwurf["akten"],
        verlaengerung_jahre=entwurf["verlaengerung_jahre"],
        eingereicht_am=heute,
        durch=sb,
    )
