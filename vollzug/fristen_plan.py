"""Deadline sources of the Vollzugsplan (§18, R-18-1/R-18-3) for the Fristenkontrolle; imported in `VollzugConfig.ready()`."""
