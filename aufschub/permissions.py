"""Who may do what under § 14. Who may *see* a request is who may see its case (`vollzug.queries`)."""

from kern.rollen import Rolle, hat_rolle


def darf_gesuch_bearbeiten(user) -> bool:
    """Roles table: the Vollzugsbehörde (sachbearbeitung) decides § 14 and records everything about it."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)
