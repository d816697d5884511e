"""Who may record what in the data-protection module (R-0-ROLE-1, R-20-1).

§ 23 records (consents, contacts, reports) belong to the staff of the Vollzugsbehörde and of the person's
facility: sachbearbeitung and revision see all, facility roles only persons currently placed in their
facility (`personen_fuer_user`). Experts (medizin), partner agencies and the threat-management team see
none of it (R-BM-3: nothing beyond their task). Expert mandates (§ 22) are ordered by sachbearbeitung; an
expert sees his own mandates.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from datenschutz.models import Schweigepflichtentbindung
from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from vollzug.queries import personen_fuer_user

SCHWEIGEPFLICHT_LESEN = frozenset({Rolle.SACHBEARBEITUNG, Rolle.REVISION, *ANSTALTSROLLEN})
SCHWEIGEPFLICHT_ERFASSEN = frozenset({Rolle.SACHBEARBEITUNG, *ANSTALTSROLLEN})


def darf_schweigepflicht_lesen(user) -> bool:
    return hat_rolle(user, *SCHWEIGEPFLICHT_LESEN)


def darf_schweigepflicht_erfassen(user) -> bool:
    # § 23 Abs. 1–3: "Mitarbeiterinnen und Mitarbeiter der Vollzugsbehörden und der Vollzugseinrichtungen".
    return hat_rolle(user, *SCHWEIGEPFLICHT_ERFASSEN)


def darf_fachperson_zuteilen(user) -> bool:
    # § 22 / § 20: the Vollzugsbehörde passes its files to experts it entrusted.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_auskunft_erteilen(user) -> bool:
    # The authority answers the person's request for access (the file's controller).
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_entbindung_widerrufen(user, entbindung: Schweigepflichtentbindung) -> bool:
    """Issue 24: a revocation is recorded by whoever may record the consent – the Vollzugsbehörde and the
    staff and management of the facility where the person is placed now – and by nobody else.

    § 23 Abs. 1 JVG charges the "Mitarbeiterinnen und Mitarbeiter der Vollzugsbehörden und der
    Vollzugseinrichtungen" with obtaining the person's consent; the revocation is the person's own
    declaration and may reach any of them, most often the staff on the unit. Recording it only narrows
    what may be disclosed (from that day on a contact needs a § 23 Abs. 2 justification), so letting the
    staff who receive it record it at once protects the person; making it wait for the authority would
    let disclosures go on that the person has withdrawn. Another facility, the physician, the auditors,
    the threat-management team and the administration do not record § 23 data (R-20-1)."""
    # Recording roles all read § 23 too, so `queries.personen_datenschutz` is `personen_fuer_user` here.
    return darf_schweigepflicht_erfassen(user) and (
        personen_fuer_user(user).filter(pk=entbindung.person_id).exists()
    )


class _Rechte(BasePermission):
    """Reads: every signed-in user (what they see is the queryset). Writes: the predicate of the action."""

    regeln: dict = {}

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        regel = self.regeln.get(view.action)
        if regel is None:
            return False
        was, darf = regel
        self.message = f"Keine Berechtigung: {was} (R-0-ROLE-1)."
        return darf(request.user)


class EntbindungRechte(_Rechte):
    regeln = {
        "create": ("Schweigepflichtentbindung erfassen", darf_schweigepflicht_erfassen),
        "widerrufen": ("Schweigepflichtentbindung widerrufen", darf_schweigepflicht_erfassen),
    }


class KontaktRechte(_Rechte):
    regeln = {"create": ("Kontakt mit Dritten erfassen", darf_schweigepflicht_erfassen)}


class AnzeigeRechte(_Rechte):
    regeln = {"create": ("Strafanzeige erfassen", darf_schweigepflicht_erfassen)}


class MandatRechte(_Rechte):
    regeln = {
        "create": ("Fachperson zuteilen (§ 22 JVG)", darf_fachperson_zuteilen),
        "beenden": ("Mandat beenden (§ 22 JVG)", darf_fachperson_zuteilen),
    }


class AuskunftRechte(BasePermission):
    message = "Keine Berechtigung: Auskunft an die betroffene Person erstellen (R-0-ROLE-1)."

    def has_permission(self, request, view):
        return darf_auskunft_erteilen(request.user)
