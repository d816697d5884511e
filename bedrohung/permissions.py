"""Who may do what in the threat management: any staff member reports (R-BM-1), the team assesses,
decides and closes (R-BM-2, R-BM-3)."""

from rest_framework.permissions import BasePermission

from kern.rollen import Rolle, hat_rolle

# Every staff role may report a threat (R-BM-1); agencies (REST clients) and background jobs may not.
MELDENDE_ROLLEN = frozenset(
    {
        Rolle.SACHBEARBEITUNG,
        Rolle.ANSTALTSLEITUNG,
        Rolle.ANSTALTSPERSONAL,
        Rolle.MEDIZIN,
        Rolle.REVISION,
        Rolle.BEDROHUNGSMANAGEMENT,
        Rolle.ADMIN,
    }
)


def ist_team(user) -> bool:
    """R-BM-3: member of the cantonal threat-management team (assesses, decides measures, closes)."""
    return hat_rolle(user, Rolle.BEDROHUNGSMANAGEMENT)


def darf_melden(user) -> bool:
    """R-BM-1: any staff member may report a threat (never an agency client or a job)."""
    return hat_rolle(user, *MELDENDE_ROLLEN)


class NurTeam(BasePermission):
    """R-BM-3: the list and the creation answer 403 to everyone outside the team; routes of one report
    pass here and answer 404 through the empty queryset (existence does not leak)."""

    message = "Keine Berechtigung: Bedrohungsmanagement (nur Team, R-BM-3)."

    def has_permission(self, request, view):
        return ist_team(request.user) or bool(getattr(view, "detail", False))
