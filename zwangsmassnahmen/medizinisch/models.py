"""Zwangsmedikation und Zwangsernährung (§§ 34–39 JVG): models."""
