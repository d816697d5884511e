"""No admin pages: every write of the Vollzugsdaten goes through `vollzugsdaten.domain` (history with
actor and reason); the administrator reads calculations on the case pages like the authority."""
