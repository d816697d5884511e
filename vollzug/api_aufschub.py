"""REST interface of Aufschub und Unterbrechung (§14) under /api/v1/."""


def registrieren(router) -> None:
    """Register this module's viewsets with the /api/v1/ router (called by `jvg_case/api_urls.py`)."""
