"""What the disciplinary law (§§ 40–45) adds: its limitation deadlines, the Eröffnung rules of its
Verfügungen, change-log paths and demo data."""

from datetime import date, timedelta

from django.utils import timezone

from disziplinar import domain, queries
from disziplinar.domain import fristen, versetzung
from disziplinar.recht import DisziplinarAufgabenart
from kern import erweiterungen
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Vollzugsfall


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """§40: a report by staff in Grosshof and the proceeding the management opened on it."""
    muster = Vollzugsfall.objects.get(entscheide__referenz="SA1 24 1234")
    rapport = domain.rapport_erfassen(
        fall=muster,
        tatzeit=timezone.now() - timedelta(days=3, hours=2),
        sachverhalt="Bei der Zellenkontrolle wurde ein nicht bewilligtes Mobiltelefon im Kopfkissen gefunden.",
        delikte=[domain.DeliktDaten(tatbestand="j")],
        zeugen="Aufseher T. Amrein",
        durch=benutzer["personal.grosshof"],
    )
    domain.verfahren_eroeffnen(rapport=rapport, durch=benutzer["leitung.grosshof"])


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # R-0-FRIST-4: the limitation deadlines (§ 41 Abs. 5) in the Fristenkontrolle.
    erweiterungen.fristquelle(fristen.TYP, "Disziplinarverfahren: Verjährung (§ 41 Abs. 5)")(
        fristen.verjaehrung_fristen
    )
    # § 41 Abs. 5 and the sanction schedule apply to every Eröffnung of this type (page, API, service).
    erweiterungen.eroeffnung(
        Verfuegungstyp.DISZIPLINAR, pruefen=domain.eroeffnung_pruefen, danach=domain.nach_eroeffnung
    )
    # Issue 23: the facility where the offence happened finishes its open proceeding after a transfer,
    # including the Verfügung's lifecycle (Gehör, four-eyes, Eröffnung) on the shared pages.
    erweiterungen.nach_versetzung(versetzung.nach_versetzung)
    erweiterungen.aufgabenarten(DisziplinarAufgabenart)
    erweiterungen.gegenstand_sichtbar("disziplinar.disziplinarverfahren", queries.offene_geleitete_verfahren)
    erweiterungen.personenpfad("disziplinar.rapport", "person")
    erweiterungen.personenpfad("disziplinar.rapportdelikt", "rapport__person")
    erweiterungen.personenpfad("disziplinar.rapportbeilage", "rapport__person")
    erweiterungen.personenpfad("disziplinar.disziplinarverfahren", "rapport__person")
    erweiterungen.personenpfad("disziplinar.disziplinarsanktion", "verfahren__rapport__person")
    erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_VERFAHREN)
