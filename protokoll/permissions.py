"""Who may read the auditors' logs (R-0-AUDIT-2)."""

from kern.rollen import Rolle, hat_rolle


def darf_protokolle_einsehen(user) -> bool:
    # Roles table: only the auditor reads the full history log; admin administers, it does not audit.
    return hat_rolle(user, Rolle.REVISION)
