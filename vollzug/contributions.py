"""What the case core contributes: its deadline sources, task kinds, change-log paths and the base demo data."""

import json
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from kern import erweiterungen, rollen
from kern.audit import speichern, system_benutzer
from kern.models import Benutzer
from vollzug import domain
from vollzug.domain import fristen
from vollzug.models import Anstalt, Person, Vollzugsfall, Zuteilung
from vollzug.recht import VollzugAufgabenart


def demo_anlegen(benutzer: dict, heute: date) -> None:
    """Facilities, one user per role, persons and cases from fixtures/demo.json, then a § 18 plan.

    Cases are created through the domain functions, so the demo has the same history as real use.
    """
    daten = json.loads((settings.BASE_DIR / "fixtures" / "demo.json").read_text(encoding="utf-8"))
    demo = system_benutzer(
        erweiterungen.DEMO_AKTEUR
    )  # R-0-AUDIT-1: the loader is the actor of what it writes
    anstalten = {}
    for a in daten["anstalten"]:
        anstalten[a["kurzname"]] = speichern(Anstalt(**a), durch=demo)
    for b in daten["benutzer"]:
        b = dict(b)
        anstalt = anstalten.get(b.pop("anstalt", None))
        user = Benutzer(anstalt=anstalt, **b)
        user.set_password(erweiterungen.DEMO_PASSWORT)
        speichern(user, durch=demo)
        benutzer[user.username] = user
    sb = benutzer["sachbearbeitung"]
    for p in daten["personen"]:
        p = dict(p)
        f = p.pop("fall")
        vertretungen = p.pop("vertretungen", [])
        person = domain.person_erfassen(
            **{**p, "geburtsdatum": date.fromisoformat(p["geburtsdatum"])}, durch=sb
        )
        for v in vertretungen:
            domain.vertretung_erfassen(person=person, **v, durch=sb)
        eingang = heute - timedelta(days=f.get("eingang_vor_tagen", f.get("tage_im_vollzug", 0) + 10))
        fall = domain.fall_erfassen(
            person=person,
            entscheid=domain.EntscheidDaten(
                art=f["art"],
                behoerde=f["behoerde"],
                referenz=f["referenz"],
                entscheid_datum=eingang - timedelta(days=40),
                rechtskraft_am=eingang - timedelta(days=5),
            ),
            sanktionen=[
                domain.SanktionDaten(
                    art=f.get("sanktion", "freiheitsstrafe"),
                    dauer_jahre=f["monate"] // 12,
                    dauer_monate=f["monate"] % 12,
                )
            ],
            eingang_am=eingang,
            durch=sb,
        )
        if "anstalt" in f:
            domain.einweisen(
                fall=fall,
                anstalt=anstalten[f["anstalt"]],
                am=timezone.now() - timedelta(days=f["tage_im_vollzug"]),
                abteilung="Normalvollzug",
                durch=sb,
            )
    # R-0-ROLE-1: the physician sees only assigned persons; assign the first demo person.
    erste = Person.objects.order_by("pk").first()
    speichern(Zuteilung(benutzer=benutzer["medizin"], person=erste), durch=benutzer["admin"])
    domain.vollzugsbeginn_ueberfaellig_melden()
    _plan(benutzer)


def _plan(benutzer: dict) -> None:
    """§18: a plan for the long sentence in Grosshof, handed over to the person."""
    muster = Vollzugsfall.objects.get(entscheide__referenz="SA1 24 1234")
    version = domain.version_erstellen(
        fall=muster,
        gestaltung="Normalvollzug in der Wohngruppe B; Arbeit in der Schreinerei; Suchtberatung alle zwei Wochen.",
        vollzugsziele="Tagesstruktur einhalten, Schulden sanieren, deliktorientierte Gruppentherapie abschliessen.",
        wiedereingliederung="Wohnungssuche ab dem zweiten Drittel; Kontakt zur Bewährungshilfe vor der Entlassung.",
        stufen=[
            domain.StufeDaten(1, "Eintrittsphase", "Abklärungen, geschlossene Abteilung"),
            domain.StufeDaten(2, "Normalvollzug", "Arbeit und Gruppenaktivitäten"),
            domain.StufeDaten(3, "Progressionsstufe", "Begleitete Ausgänge, Vorbereitung Arbeitsexternat"),
        ],
        aktuelle_stufe=2,
        durch=benutzer["leitung.grosshof"],
    )
    domain.version_zustellen(version=version, durch=benutzer["leitung.grosshof"])


def vertretungen_block(person, user) -> dict:
    """Issue 17: the person's representatives (current and ended) for everyone who reads the person; the
    Sachbearbeitung records and ends them. One query."""
    from vollzug.models import Vertretung

    return {
        "person": person,
        "vertretungen": list(Vertretung.objects.filter(person=person).order_by("bis", "funktion", "pk")),
        "darf_erfassen": rollen.darf_person_erfassen(user),
    }


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
    erweiterungen.personenpfad("vollzug.vertretung", "person")
    erweiterungen.personenpfad("vollzug.vollzugsplan", "fall__person")
    erweiterungen.personenpfad("vollzug.vollzugsplanversion", "plan__fall__person")
    erweiterungen.personenpfad("vollzug.vollzugsstufe", "version__plan__fall__person")
    erweiterungen.personenblock("vollzug/_vertretungen_block.html", vertretungen_block)
    erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_FALLKERN)
