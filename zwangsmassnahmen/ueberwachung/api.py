"""Überwachung und Aufbewahrung (§§ 27, 29, 30 JVG): REST endpoints under /api/v1/."""


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
