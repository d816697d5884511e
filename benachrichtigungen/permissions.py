"""Who may manage the webhook subscriptions of an agency."""

from kern.rollen import Rolle, hat_rolle

# --- Permissions -------------------------------------------------------------------------------------


def darf_abonnements_verwalten(user, behoerde) -> bool:
    """The administration for every agency; an agency (its API user) for itself only."""
    if hat_rolle(user, Rolle.ADMIN):
        return True
    return hat_rolle(user, Rolle.PARTNERBEHOERDE) and behoerde is not None and behoerde.benutzer_id == user.pk
