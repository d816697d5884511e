"""What operations adds to other apps: the admin task kind of an overdue legal job, and the start-page
warning while one is overdue (betrieb.herzschlag)."""

from django.db import models
from django.urls import reverse

from betrieb import herzschlag
from kern import erweiterungen
from kern.erweiterungen import Karte
from kern.rollen import Rolle, hat_rolle


class BetriebAufgabenart(models.TextChoices):
    JOB_UEBERFAELLIG = herzschlag.AUFGABENART, "Rechtlicher Job überfällig"


def startkarten(user) -> list[Karte]:
    # The administration runs the system; the case workers must know that deadlines are not enforced.
    if not hat_rolle(user, Rolle.ADMIN, Rolle.SACHBEARBEITUNG):
        return []
    ueberfaellig = herzschlag.ueberfaellige()
    if not ueberfaellig:
        return []
    return [
        Karte(
            zahl=len(ueberfaellig),
            text=(
                "Rechtliche Jobs überfällig: gesetzliche Fristen werden zurzeit nicht automatisch "
                "durchgesetzt (" + "; ".join(h.job.bezeichnung for h in ueberfaellig) + ")"
            ),
            url=reverse("start"),
            warnung=True,
        )
    ]


def registrieren() -> None:
    erweiterungen.aufgabenarten(BetriebAufgabenart)
    erweiterungen.startkarte(startkarten)
