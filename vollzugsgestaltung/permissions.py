"""Who may do what in this app (R-0-ROLE-1): named predicates used by pages, API and domain alike.

The facility requests an opening and records departure and return; the authority (Sachbearbeitung)
decides, examines § 16 forms, keeps the probation files and forwards pardon requests.
"""

from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from vollzug.models import Platzierung


def darf_entscheiden(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def _aktuell_in(user, fall_id: int) -> bool:
    return Platzierung.objects.filter(fall_id=fall_id, anstalt_id=user.anstalt_id, bis__isnull=True).exists()


def darf_oeffnung_beantragen(user, fall) -> bool:
    """The facility where the person is placed now, or the authority on its behalf."""
    if hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return True
    return hat_rolle(user, *ANSTALTSROLLEN) and _aktuell_in(user, fall.pk)


def darf_bewegung_erfassen(user, oeffnung) -> bool:
    """Departure, return, failure to return: the facility of the opening or the authority."""
    if hat_rolle(user, Rolle.SACHBEARBEITUNG):
        return True
    return hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id == oeffnung.anstalt_id


darf_vollzugsform_bearbeiten = darf_entscheiden
darf_bewaehrung_bearbeiten = darf_entscheiden
darf_begnadigung_bearbeiten = darf_entscheiden
