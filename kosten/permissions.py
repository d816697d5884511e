"""Who may do what with costs: the authority records and invoices, revision reads, a social service
sees its own statements (R-KOST-1)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from kern.rollen import Rolle, hat_rolle
from kosten.models import Sozialdienst

# --- Who may (R-0-ROLE-1): the authority decides costs; revision reads ---------------------------


def darf_kosten_bearbeiten(user) -> bool:
    # Roles table: sachbearbeitung "decides … costs".
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_kosten_lesen(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION)


def sozialdienst_von(user) -> Sozialdienst | None:
    """The Sozialdienst a partner-agency user acts for (Sozialamt, § 21 Abs. 3), or None."""
    if not hat_rolle(user, Rolle.PARTNERBEHOERDE):
        return None
    zugang = getattr(user, "sozialdienstzugang", None)
    return zugang.sozialdienst if zugang is not None and zugang.sozialdienst.aktiv else None


def darf_uebersicht_sehen(user, fall) -> bool:
    return darf_kosten_lesen(user)


class KostenRechte(BasePermission):
    """Reads: every signed-in user (the queryset decides). Writes: the authority (403 before any input)."""

    message = "Keine Berechtigung: Kosten bearbeiten (R-0-ROLE-1)."

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or darf_kosten_bearbeiten(request.user)
