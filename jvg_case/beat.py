"""Every periodic job of the system, with the rule it enforces (PITFALLS: exactly one beat, static schedule).

Entries are added by the modules' issues; each names its § and rule ID in a comment.
"""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # R-13-1 (§13): marks cases without Vollzugsbeginn as overdue in the task list, hourly.
    "vollzug-vollzugsbeginn-ueberfaellig": {
        "task": "vollzug.vollzugsbeginn_ueberfaellig_melden",
        "schedule": crontab(minute=5),
    },
    # R-0-VFG-3 (§§ 42, 43 JVG): Verfügungen become rechtskräftig after an unused appeal deadline
    # (idempotent; selects everything overdue, so a missed run catches up).
    "verfuegungen-rechtskraft-eintragen": {
        "task": "verfuegungen.rechtskraft_eintragen",
        "schedule": crontab(minute=15, hour="0,6,12,18"),
    },
    # R-41-5a / R-41-5b (§ 41 Abs. 5 JVG): disciplinary prosecution (six months after the act) and the
    # execution of sanctions (six months after Rechtskraft) become time-barred (idempotent; catches up).
    "disziplinar-verjaehrung-eintragen": {
        "task": "disziplinar.verjaehrung_eintragen",
        "schedule": crontab(minute=30, hour="0,6,12,18"),
    },
    # R-BM-3 (Programm Sicherheit im sozialen Nahraum, Pkt. 14–15): closed threat-management cases are
    # deleted JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE years after closing, with a content-free Löschprotokoll
    # (idempotent; selects everything due, so a missed run catches up).
    "bedrohung-aufbewahrung-durchsetzen": {
        "task": "bedrohung.aufbewahrung_durchsetzen",
        "schedule": crontab(minute=45, hour=2),
    },
    # --- zwangsmassnahmen (§§ 25, 26, 28, 32) ---
    # --- zwangsmassnahmen.sicherheit (§ 31) ---
    # --- zwangsmassnahmen.zwang (§ 33) ---
    # --- zwangsmassnahmen.medizinisch (§§ 34–39) ---
    # --- zwangsmassnahmen.ueberwachung (§§ 27, 29, 30) ---
    # --- kosten (§§ 46–50) ---
}
