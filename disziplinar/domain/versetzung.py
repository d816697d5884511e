"""Issue 23: a transfer during a disciplinary proceeding. Registered with
`kern.erweiterungen.nach_versetzung` (contributions.py); runs in the transfer's transaction.

Decision: the facility where the offence happened leads and decides the open proceeding to its end
(`permissions.darf_verfahren_leiten`); the receiving facility's management sees it read-only
(`queries.verfahren_fuer_user`) and is told of it by this task; a sanction still to be executed is
executed by the receiving facility (`permissions.darf_sanktion_vollziehen`).
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q

from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren
from disziplinar.recht import DisziplinarAufgabenart, Sanktionsstatus, Verfahrensstatus
from kern.audit import speichern
from kern.fristen import lokales_datum, tagesende
from kern.models import Aufgabe
from kern.rollen import Rolle
from verfuegungen.models import EROEFFNETE_STATUS
from vollzug.models import Platzierung

# The receiving management takes note within the week (no legal deadline; the task keeps it visible).
KENNTNIS_TAGE = 7


def nach_versetzung(platzierung: Platzierung, durch) -> list[Aufgabe]:
    """One task per proceeding of another facility that is open or has a sanction to execute."""
    vorher = (
        Platzierung.objects.filter(fall_id=platzierung.fall_id, bis=platzierung.von)
        .exclude(pk=platzierung.pk)
        .order_by("-von", "-pk")
        .first()
    )
    if vorher is None or vorher.anstalt_id == platzierung.anstalt_id:
        return []  # a new department in the same facility changes nothing
    zu_vollziehen = Disziplinarsanktion.objects.filter(
        verfahren=OuterRef("pk"), status=Sanktionsstatus.ANGEORDNET, verfuegung__status__in=EROEFFNETE_STATUS
    )
    verfahren = (
        Disziplinarverfahren.objects.filter(person__faelle=platzierung.fall_id)
        .exclude(anstalt_id=platzierung.anstalt_id)
        .filter(Q(status=Verfahrensstatus.OFFEN) | Exists(zu_vollziehen))
        .annotate(vollziehen=Exists(zu_vollziehen))
        .select_related("anstalt")
        .order_by("pk")
    )
    faellig = tagesende(lokales_datum(platzierung.von) + timedelta(days=KENNTNIS_TAGE))
    aufgaben = []
    for v in verfahren:
        if v.vollziehen:
            was = "Die Disziplinarsanktion ist noch zu vollziehen: der Vollzug obliegt Ihrer Einrichtung."
        else:
            was = f"Das Verfahren führt und entscheidet weiterhin {v.anstalt.name}; Sie sehen es nur lesend."
        aufgaben.append(
            speichern(
                Aufgabe(
                    art=DisziplinarAufgabenart.VERSETZT_MIT_VERFAHREN,
                    titel=f"Disziplinarverfahren {v.nummer} aus {v.anstalt.name} zur Kenntnis (§ 41 JVG)"[
                        :200
                    ],
                    beschreibung=was,
                    fuer_rolle=Rolle.ANSTALTSLEITUNG,
                    anstalt=platzierung.anstalt,
                    fall_id=platzierung.fall_id,
                    faellig_am=faellig,
                ),
                durch=durch,
                grund="Versetzung während eines Disziplinarverfahrens",
            )
        )
    return aufgaben
