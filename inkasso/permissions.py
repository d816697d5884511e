"""Who may do what in Inkasso (R-0-ROLE-1). The Inkasso desk is part of the Vollzugsbehörde (§ 2 Abs. 1
lit. d JVG): its staff hold the role `sachbearbeitung`; Revision reads everything, writes nothing."""

from kern.rollen import Rolle, hat_rolle


def darf_inkasso_lesen(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION)


def darf_inkasso_bearbeiten(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_bericht_sehen(user) -> bool:
    # Issue 22 item 8: the open-items report is Revision's, and the desk's own.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION)
