"""Demo data of `make run` (registered with `erweiterungen.demo`): two agencies with known demo credentials.

The secrets are fixed demo values (README, docs/integration-partnerbehoerden.md); a real system issues
random ones on the admin page or with `manage.py behoerde_anlegen`.
"""

from datetime import date

from behoerden import services
from behoerden.models import Behoerde, Behoerdentyp

DEMO_BEHOERDEN = [
    (
        services.BehoerdeDaten(
            name="Strassenverkehrsamt Luzern",
            typ=Behoerdentyp.STRASSENVERKEHRSAMT,
            kontakt_name="Administrativmassnahmen",
            kontakt_email="adm@stva.demo.invalid",
        ),
        "demo-strassenverkehrsamt",
        "demo-geheimnis-strassenverkehrsamt",
    ),
    (
        services.BehoerdeDaten(
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
        services.behoerde_anlegen(daten=daten, durch=admin, client_id=client_id, client_secret=geheimnis)
