"""Überwachung und Aufbewahrung (§§ 27, 29, 30 JVG): models."""
