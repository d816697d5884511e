"""Demo data of the case core for `make run` (registered in contributions.py, run first)."""

import json
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from kern import erweiterungen
from kern.audit import speichern, system_benutzer
from kern.models import Benutzer
from vollzug import domain
from vollzug.models import Anstalt, Person, Vollzugsfall, Zuteilung


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
        person = domain.person_erfassen(
            **{**p, "geburtsdatum": date.fromisoformat(p["geburtsdatum"])}, durch=sb
        )
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
