"""The start page adds nothing to other pages; it shows every registered start card."""


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    return None
