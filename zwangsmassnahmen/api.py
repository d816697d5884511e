"""REST endpoints of the app under /api/v1/."""


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
