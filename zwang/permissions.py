"""Who may do what under § 33 JVG (roles table: staff records § 33 force, the facility management reviews)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user
from zwang.models import Beteiligung, Zwangsprotokoll
from zwang.recht import Protokollstatus

# --- Who may do what (roles table: staff records § 33 force, the facility management reviews) -----


def darf_erfassen(user, fall: Vollzugsfall) -> bool:
    """R-33-1: staff and management of the facility where the person is placed now."""
    return (
        hat_rolle(user, *ANSTALTSROLLEN)
        and user.anstalt_id is not None
        and Platzierung.objects.filter(fall=fall, bis__isnull=True, anstalt_id=user.anstalt_id).exists()
    )


def darf_leiten(user, protokoll: Zwangsprotokoll) -> bool:
    """The management of the protocol's facility, for a person placed there now.

    Issue 23 (decision): after a transfer the facility where the force was used finishes the review of
    a submitted, unreviewed protocol (§ 33 Abs. 4); once reviewed it is the old facility's no more.
    """
    if not (hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id == protokoll.anstalt_id):
        return False
    return (
        protokoll.status == Protokollstatus.EINGEREICHT
        or personen_fuer_user(user).filter(pk=protokoll.person_id).exists()
    )


def ist_beteiligt(user, protokoll: Zwangsprotokoll) -> bool:
    return protokoll.beteiligte.filter(benutzer_id=user.pk).exists()


def darf_pruefen(user, protokoll: Zwangsprotokoll) -> bool:
    """R-0-4EYES-1: the facility management, but never the author nor an involved staff member."""
    return (
        darf_leiten(user, protokoll)
        and user.pk != protokoll.erfasst_durch_id
        and not ist_beteiligt(user, protokoll)
    )


def darf_korrigieren(user, protokoll: Zwangsprotokoll) -> bool:
    """The author (while he still acts for the facility) or the facility management."""
    if user.pk == protokoll.erfasst_durch_id and darf_erfassen(user, protokoll.fall):
        return True
    return darf_leiten(user, protokoll)


def darf_stellung_nehmen(user, beteiligung: Beteiligung | None) -> bool:
    """R-33-1 (§ 33 Abs. 4): only the involved staff member himself states on his own involvement."""
    return beteiligung is not None and user.pk == beteiligung.benutzer_id


# --- API: the role a write action needs, before its input is read (the domain checks again, per object) -----


def _anstaltsrolle(user) -> bool:
    return hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None


def _leitung(user) -> bool:
    return hat_rolle(user, Rolle.ANSTALTSLEITUNG) and user.anstalt_id is not None


class ProtokollRechte(BasePermission):
    """Reads: every signed-in user (what they see is the queryset). Writes: the predicate of the action."""

    regeln = {
        "create": ("Zwangsprotokoll erfassen", _anstaltsrolle),
        "einreichen": ("Zwangsprotokoll einreichen", _anstaltsrolle),
        "stellungnahme": ("Stellungnahme abgeben", _anstaltsrolle),
        "pruefung": ("Zwangsprotokoll prüfen", _leitung),
        "korrektur": ("Zwangsprotokoll korrigieren", _anstaltsrolle),
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
