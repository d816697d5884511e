from kern.rollen import Rolle


def navigation(request):
    """Role flags for the base layout's navigation (the views enforce access; this only hides links)."""
    user = getattr(request, "user", None)
    rolle = getattr(user, "rolle", None) if user and user.is_authenticated else None
    return {
        "rolle": rolle,
        "ist_sachbearbeitung": rolle == Rolle.SACHBEARBEITUNG,
    }
