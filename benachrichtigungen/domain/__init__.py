"""Outgoing notifications to partner agencies (issue 9 item 4): every write and every outgoing call here.

Flow: a domain function reports an event (`kern.ereignisse.melden`) → after its commit `verteilen`
writes one `Zustellung` per entitled, active subscription (payload built now, so it is self-contained and
later changes of the file do not alter what was announced) → the Celery task `benachrichtigungen.zustellen`
posts it, signed, to the URL registered on the subscription; failures are retried with exponential
backoff, each attempt is logged (`Zustellversuch`), and after the last failed attempt the administration
gets a task. `ausstehende_nachholen` (beat) re-queues deliveries whose task was lost.

Security: calls go only to the URL stored on the subscription (re-checked at every attempt: https, or
http to the local machine where the setting allows it; no credentials in the URL; no redirects
followed; short timeouts). The signing secret is derived (HMAC of a server key and a per-subscription
salt), shown once, never stored, logged, or put in a history row; attempts log status and error class
only. Delivery is "at least once": receivers deduplicate by the event id (header `X-JVG-Ereignis`).
"""

from benachrichtigungen.domain.abonnement import (
    LOKALE_HOSTS,
    Aenderung,
    abonnement_aendern,
    abonnement_anlegen,
    geheimnis,
    geheimnis_erneuern,
    signatur,
    url_pruefen,
)
from benachrichtigungen.domain.zustellung import (
    JOB,
    USER_AGENT,
    Zustellfehler,
    ausstehende_nachholen,
    erneut_zustellen,
    nutzlast,
    verteilen,
    wartezeit,
    zustellen,
)

__all__ = [
    "Aenderung",
    "JOB",
    "LOKALE_HOSTS",
    "USER_AGENT",
    "Zustellfehler",
    "abonnement_aendern",
    "abonnement_anlegen",
    "ausstehende_nachholen",
    "erneut_zustellen",
    "geheimnis",
    "geheimnis_erneuern",
    "nutzlast",
    "signatur",
    "url_pruefen",
    "verteilen",
    "wartezeit",
    "zustellen",
]
