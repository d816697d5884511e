"""Who may do what under § 14. Who may *see* a request is who may see its case (`vollzug.queries`)."""

from kern.rollen import Rolle, hat_rolle


def darf_gesuch_bearbeiten(user) -> bool:
    """Roles table: the Vollzugsbehörde (sachbearbeitung) decides § 14 and records everything about it."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def gesundheitsdaten_in_sicht(user) -> bool:
    """For lists of visible requests: sachbearbeitung sees all, medizin only assigned persons, so
    within the scoped queryset `darf_gesundheitsdaten_lesen` is true exactly for these two roles."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.MEDIZIN)
