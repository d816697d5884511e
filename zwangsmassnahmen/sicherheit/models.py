"""Besondere Sicherheitsmassnahmen (§ 31 JVG): models."""
