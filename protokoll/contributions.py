"""The auditors' logs add nothing to other pages; they read what every app registers (PERSONENPFADE)."""


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    return None
