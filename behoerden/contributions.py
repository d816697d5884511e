"""What §§ 12, 21 (Partnerbehörden) add: the task kind, the case block of a § 12 delivery, the append-only
disclosure log, a change-log path, and the demo data of `make run`: two agencies with known demo credentials.

The secrets are fixed demo values (README, docs/integration-partnerbehoerden.md); a real system issues
random ones on the admin page or with `manage.py behoerde_anlegen`.
"""

from datetime import date

from behoerden import domain, queries
from behoerden.models import Behoerde, Behoerdentyp
from behoerden.recht import BehoerdenAufgabenart
from kern import erweiterungen

DEMO_BEHOERDEN = [
    (
        domain.BehoerdeDaten(
            name="Strassenverkehrsamt Luzern",
            typ=Behoerdentyp.STRASSENVERKEHRSAMT,
            kontakt_name="Administrativmassnahmen",
            kontakt_email="adm@stva.demo.invalid",
        ),
        "demo-strassenverkehrsamt",
        "demo-geheimnis-strassenverkehrsamt",
    ),
    (
        domain.BehoerdeDaten(
            name="Staatsanwaltschaft Luzern",
            typ=Behoerdentyp.STRAFBEHOERDE,
            kontakt_name="Vollzugskoordination",
            kontakt_email="vollzug@sta.demo.invalid",
        ),
        "demo-staatsanwaltschaft",
        "demo-geheimnis-staatsanwaltschaft",
    ),
]


def demo_anlegen(benutzer: dict, heute: date) -> None:
    admin = benutzer["admin"]
    for daten, client_id, geheimnis in DEMO_BEHOERDEN:
        if Behoerde.objects.filter(name=daten.name).exists():
            continue
        domain.behoerde_anlegen(daten=daten, durch=admin, client_id=client_id, client_secret=geheimnis)


def fallblock(fall, user) -> dict | None:
    """Case page: the § 12 delivery this case came from (agency, reference, time, official)."""
    zustellung = queries.zustellungen_fuer_fall(fall).first()
    if zustellung is None:
        return None
    return {"zustellung": zustellung}


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.aufgabenarten(BehoerdenAufgabenart, regeln={BehoerdenAufgabenart.FALL_ZUGESTELLT: "R-12-1"})
    # R-0-AUDIT-1/-2: the auditors' change log filters these rows by person.
    erweiterungen.personenpfad("behoerden.urteilszustellung", "person")
    erweiterungen.fallblock("behoerden/_fall_block.html", fallblock)
    erweiterungen.demo(demo_anlegen)
    # R-21-1: no client may change or delete a row of the disclosure log (PostgreSQL trigger).
    erweiterungen.nur_anfuegen(
        "behoerden_bekanntgabe", "Das Bekanntgabeprotokoll ist unveränderlich (R-21-1)"
    )
