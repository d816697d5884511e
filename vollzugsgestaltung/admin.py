"""Deliberately empty: the system administration sees no case data (roles table: "users, facilities,
settings; no case decisions"), and every write of this app goes through `domain` with its history.
The records are read on the app's own pages, by the roles `queries` allows."""
