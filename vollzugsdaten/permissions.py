"""Who may do what in the Vollzugsdaten (R-0-ROLE-1): named predicates, used by pages, API and domain."""

from kern.rollen import Rolle, hat_rolle


def darf_bearbeiten(user) -> bool:
    """The Vollzugsbehörde computes dates, examines conditional release and reviews measures
    (§ 2 Abs. 1 lit. a and f JVG)."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_bericht_erfassen(user, pruefung) -> bool:
    """Art. 86 Abs. 2 StGB: the facility's report — its management, for a person placed there now, or
    the authority recording a report received on paper."""
    if darf_bearbeiten(user):
        return True
    if not hat_rolle(user, Rolle.ANSTALTSLEITUNG) or user.anstalt_id is None:
        return False
    return pruefung.fall.platzierungen.filter(bis__isnull=True, anstalt_id=user.anstalt_id).exists()


def darf_antragsschreiben_lesen(user) -> bool:
    """The letter to the court (§ 4 JVG) with its reasons: the authority and the audit, not the facility."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION)
