"""Inkasso registers nothing in the Django admin: claims and payments are case data, and the admin role
makes no case decisions and reads no case files (R-0-ROLE-1, see kern/admin.py). Every write goes
through `inkasso.domain` with its history and actor."""
