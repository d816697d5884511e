from django.apps import AppConfig


class BenachrichtigungenConfig(AppConfig):
    name = "benachrichtigungen"
    label = "benachrichtigungen"
    verbose_name = "Benachrichtigungen an Partnerbehörden (Webhooks)"

    def ready(self):
        from benachrichtigungen import services, tasks  # noqa: F401
        from kern import ereignisse
        from protokoll.historie import personenpfad_registrieren

        # Issue 9 item 4: every admission, transfer, release and escape reported by a domain function is
        # offered to the subscribed agencies after its commit.
        ereignisse.empfaenger_registrieren(services.verteilen)
        # R-0-AUDIT-1/-2: a delivery discloses the person's data: the change log and the subject access
        # export find it by person.
        personenpfad_registrieren("benachrichtigungen.zustellung", "person")
