"""Deadline sources of Aufschub und Unterbrechung (§14, R-14-6) for the Fristenkontrolle; imported in `VollzugConfig.ready()`."""
