"""Who may do what with a besondere Sicherheitsmassnahme (§ 31 JVG, R-0-ROLE-1, R-0-4EYES-1)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.queries import aktuelle_platzierung
from verfuegungen.permissions import ist_stellvertretung
from vollzug.models import Vollzugsfall
from vollzug.queries import personen_fuer_user


def darf_beantragen(user, fall: Vollzugsfall) -> bool:
    """Staff and management of the facility where the person is placed now (§ 31 Abs. 1)."""
    if not (hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None):
        return False
    platz = aktuelle_platzierung(fall.pk)
    return platz is not None and platz.anstalt_id == user.anstalt_id


def darf_anordnen(user, massnahme: Sicherheitsmassnahme) -> bool:
    """§ 31 Abs. 1: the management of the measure's facility, while the person is placed there.
    Decides on proposals, reviews and lifts (the proposer is refused by the four-eyes check). The deputy
    configured for the facility's management acts for it in the deputy's period (R-0-4EYES-1, issue 17)."""
    return (
        hat_rolle(user, *ANSTALTSROLLEN)
        and user.anstalt_id == massnahme.anstalt_id
        and (
            hat_rolle(user, Rolle.ANSTALTSLEITUNG)
            or ist_stellvertretung(user, anstalt_id=massnahme.anstalt_id)
        )
        and personen_fuer_user(user).filter(pk=massnahme.person_id).exists()
    )


# --- API: the role a write action needs, before its input is read (the domain checks again, per object) -----


def darf_beantragen_ueberhaupt(user) -> bool:
    """§ 31 Abs. 1: the roles of a facility (with their facility) propose; per case: `darf_beantragen`."""
    return hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None


def _leitung(user) -> bool:
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id is not None


class Rechte(BasePermission):
    """Reads: every signed-in user (what they see is the queryset). Writes: the predicate of the action."""

    regeln = {
        "create": ("Sicherheitsmassnahme beantragen", darf_beantragen_ueberhaupt),
        "genehmigen": ("Sicherheitsmassnahme anordnen", _leitung),
        "ablehnen": ("Antrag auf Sicherheitsmassnahme ablehnen", _leitung),
        "ueberpruefen": ("Sicherheitsmassnahme überprüfen", _leitung),
        "aufheben": ("Sicherheitsmassnahme aufheben", _leitung),
    }

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        regel = self.regeln.get(view.action)
        if regel is None:
            return False
        was, darf = regel
        self.message = f"Keine Berechtigung: {was} (R-0-ROLE-1)."
        return darf(request.user)
