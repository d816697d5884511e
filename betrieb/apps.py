from django.apps import AppConfig


class BetriebConfig(AppConfig):
    # Operations: health and readiness, the beat heartbeat of the legal jobs, metrics, structured logs
    # with a request id, backup and restore (docs/betrieb.md).
    name = "betrieb"
    verbose_name = "Betrieb (Gesundheit, Metriken, Sicherung)"

    def ready(self):
        # Everything this app adds to other apps' pages and to Celery (kern.erweiterungen, signals).
        from betrieb import contributions, protokollierung

        contributions.registrieren()
        protokollierung.celery_verbinden()
