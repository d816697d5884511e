"""Zwangsmedikation und Zwangsernährung (§§ 34–39 JVG): REST endpoints under /api/v1/."""


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
