"""Start-page cards of §§ 27, 29, 30 JVG (constant queries)."""

from django.urls import reverse

from kern.erweiterungen import Karte
from kern.rollen import Rolle, hat_rolle

from . import queries


def karten(user) -> list[Karte]:
    if not hat_rolle(user, Rolle.ANSTALTSLEITUNG, Rolle.SACHBEARBEITUNG) or not queries.sieht_modul(user):
        return []
    gehalten = queries.beizuege_fuer_user(user).filter(aufgehoben_am__isnull=True).count()
    if not gehalten:
        return []
    return [
        Karte(
            zahl=gehalten,
            text="Aufzeichnungen unter Beizug (§ 29 Abs. 2, § 30 Abs. 5 JVG): nach Verfahrensende aufheben",
            url=reverse("ueberwachung:beizug_liste"),
        )
    ]
