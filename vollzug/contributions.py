"""What the case core contributes: its deadline sources, task kinds, change-log paths and the base demo data."""

from kern import erweiterungen
from vollzug.domain import demo, fristen
from vollzug.recht import VollzugAufgabenart


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # R-0-FRIST-4: deadlines in the Fristenkontrolle (open tasks of every module included).
    erweiterungen.fristquelle("vollzugsbeginn", "Vollzugsbeginn (§ 13)")(fristen.vollzugsbeginn_fristen)
    erweiterungen.fristquelle("aufgabe", "Aufgabe")(fristen.aufgaben_fristen)
    erweiterungen.fristquelle("vollzugsplan", "Vollzugsplan (§ 18)")(fristen.vollzugsplan_fristen)
    erweiterungen.aufgabenarten(
        VollzugAufgabenart,
        regeln={
            VollzugAufgabenart.MELDUNG_VERSETZUNG_DRINGEND: "R-17-1",
            VollzugAufgabenart.VOLLZUGSBEGINN_UEBERFAELLIG: "R-13-1",
            VollzugAufgabenart.VOLLZUGSPLAN_ZUGESTELLT: "R-18-3",
            # EINWEISUNGSBEHOERDE_INFORMIEREN serves R-31-4, R-32-1 and R-37-1: the task's title names its §.
        },
    )
    # R-0-AUDIT-2: the auditors' change log and the subject access export find these rows by person.
    erweiterungen.personenpfad("vollzug.person", "id")
    erweiterungen.personenpfad("vollzug.vollzugsfall", "person")
    erweiterungen.personenpfad("vollzug.entscheid", "fall__person")
    erweiterungen.personenpfad("vollzug.sanktion", "entscheid__fall__person")
    erweiterungen.personenpfad("vollzug.platzierung", "fall__person")
    erweiterungen.personenpfad("vollzug.dokument", "fall__person")
    erweiterungen.personenpfad("vollzug.zuteilung", "person")
    erweiterungen.personenpfad("vollzug.vollzugsplan", "fall__person")
    erweiterungen.personenpfad("vollzug.vollzugsplanversion", "plan__fall__person")
    erweiterungen.personenpfad("vollzug.vollzugsstufe", "version__plan__fall__person")
    erweiterungen.demo(demo.demo_anlegen, reihenfolge=erweiterungen.DEMO_FALLKERN)
