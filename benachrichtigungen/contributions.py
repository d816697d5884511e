"""What the webhooks to partner agencies add: the receiver of every domain event, a task kind and a
change-log path."""

from benachrichtigungen import domain
from benachrichtigungen.recht import BenachrichtigungenAufgabenart
from kern import erweiterungen


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    # Issue 9 item 4: every admission, transfer, release and escape reported by a domain function is
    # offered to the subscribed agencies after its commit.
    erweiterungen.ereignis_empfaenger(domain.verteilen)
    erweiterungen.aufgabenarten(BenachrichtigungenAufgabenart)
    # R-0-AUDIT-1/-2: a delivery discloses the person's data: the change log and the subject access
    # export find it by person.
    erweiterungen.personenpfad("benachrichtigungen.zustellung", "person")
