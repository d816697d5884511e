"""The deadline overview adds nothing to other pages; it reads every registered source (QUELLEN)."""


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    return None
