"""Who may do what in the disciplinary law: staff report, the facility management leads and decides."""

from disziplinar.models import (
    Disziplinarverfahren,
)
from kern.rollen import Rolle, hat_rolle
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user

# --- Who may do what (roles table: staff report, the facility management leads and decides) ------


def darf_rapportieren(user, fall: Vollzugsfall) -> bool:
    """R-40-1: staff (and management) of the facility where the person is placed now."""
    return (
        hat_rolle(user, Rolle.ANSTALTSPERSONAL, Rolle.ANSTALTSLEITUNG)
        and user.anstalt_id is not None
        and Platzierung.objects.filter(fall=fall, bis__isnull=True, anstalt_id=user.anstalt_id).exists()
    )


def darf_leiten(user, *, anstalt_id: int, person_id: int) -> bool:
    """§ 41 Abs. 1: the management of the facility leads and decides, for persons placed there."""
    return (
        hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        and user.anstalt_id == anstalt_id
        and personen_fuer_user(user).filter(pk=person_id).exists()
    )


def darf_verfahren_leiten(user, verfahren: Disziplinarverfahren) -> bool:
    return darf_leiten(user, anstalt_id=verfahren.anstalt_id, person_id=verfahren.person_id)


def darf_statistik_sehen(user) -> bool:
    """Facility management (its own facility) and the authority's case workers and auditors (all)."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION) or (
        hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id is not None
    )


def sieht_alle_anstalten(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION)
