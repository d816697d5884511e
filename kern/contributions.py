"""What the kernel itself contributes: the person path of its tasks and the append-only read log."""

from kern import erweiterungen


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.personenpfad("jvg_case.aufgabe", "fall__person")
    # R-0-AUDIT-2: no client may change or delete a read-log row (PostgreSQL trigger).
    erweiterungen.nur_anfuegen(
        "protokoll_lesezugriff", "Das Lesezugriffsprotokoll ist unveränderlich (R-0-AUDIT-2)"
    )
    # Issue 18: the security log (sign-ins, failures, lockouts, second factor) is append-only as well.
    erweiterungen.nur_anfuegen(
        "jvg_case_sicherheitsereignis", "Das Sicherheitsprotokoll ist unveränderlich (Issue 18)"
    )
