"""Every periodic job of the system, with the rule it enforces (PITFALLS: exactly one beat, static schedule).

Entries are added by the modules' issues; each names its § and rule ID in a comment.
"""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # Issue 18 (tamper-evident audit): seal new rows of every history/log table into their hash chain.
    "kern-audit-versiegeln": {"task": "kern.audit_versiegeln", "schedule": crontab(minute="*/5")},
    # Issue 18: verify every chain nightly; a broken chain fails the run (Joblauf) and logs the first row.
    "kern-audit-pruefen": {"task": "kern.audit_pruefen", "schedule": crontab(minute=40, hour=2)},
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
    # R-VD-1: every case in execution gets its Strafzeitberechnung checked against its inputs (Inkasso
    # payments, API deliveries, § 14 / § 32 periods); a changed fingerprint gives a new version and moves
    # the examination of conditional release (R-STGB-86-2). Idempotent, batched (kern/jobs.py).
    "vollzugsdaten-nachrechnen": {
        "task": "vollzugsdaten.nachrechnen",
        "schedule": crontab(minute=50, hour="1,13"),
    },
    # --- zwangsmassnahmen (§§ 25, 26, 28, 32) ---
    # R-25-2 / R-0-FRIST-3 (§ 25 Abs. 2 JVG): reminders at JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN after the
    # arrest and the escalation once the 48 hours passed without a filing (idempotent; catches up).
    "zwangsmassnahmen-sicherheitshaft-erinnern": {
        "task": "zwangsmassnahmen.sicherheitshaft_erinnern",
        "schedule": crontab(minute="*/5"),
    },
    # --- sicherheitsmassnahmen (§ 31) ---
    # R-31-5 (§ 31 Abs. 5 JVG): one task for the facility management per overdue review of a besondere
    # Sicherheitsmassnahme (lit. f/g are reviewed every 24 h, so every 15 minutes; idempotent, catches up).
    "sicherheitsmassnahmen-ueberpruefungen-eskalieren": {
        "task": "sicherheitsmassnahmen.ueberpruefungen_eskalieren",
        "schedule": crontab(minute="*/15"),
    },
    # --- zwang (§ 33) ---
    # R-33-1 (§ 33 Abs. 4 JVG): overdue statements of staff involved in a use of force get one
    # ZWANG_STELLUNGNAHME task each (idempotent: one task per statement; selects all overdue, catches up).
    "zwang-stellungnahmen-erinnern": {
        "task": "zwang.stellungnahmen_erinnern",
        "schedule": crontab(minute="*/15"),
    },
    # --- zwangsmedizin (§§ 34–39) ---
    # R-38-1 (§ 38 Abs. 4 JVG): long-term measure-indicated forced medications due for review and
    # re-ordering get a ZWANGSMEDIKATION_NEU_ANORDNEN task (idempotent: one open task per order; catches up).
    "zwangsmedizin-neuanordnung-erinnern": {
        "task": "zwangsmedizin.neuanordnung_erinnern",
        "schedule": crontab(minute=50, hour="1,13"),
    },
    # --- ueberwachung (§§ 27, 29, 30) ---
    # R-29-2, R-29-4, R-30-3 (§ 29 Abs. 2 und 4, § 30 Abs. 5 JVG): phone and video recordings 100 days after
    # recording (video also right after a closed evaluation), counsel calls at once; every 15 minutes, so
    # none outlives its due time by more than one run (idempotent; selects everything due, catches up).
    "ueberwachung-aufzeichnungen-loeschen": {
        "task": "ueberwachung.aufzeichnungen_loeschen",
        "schedule": crontab(minute="*/15"),
    },
    # R-27-3 (§ 27 Abs. 3 JVG): ED material ten years after the definitive release, daily (idempotent).
    "ueberwachung-ed-vernichten": {
        "task": "ueberwachung.ed_vernichten",
        "schedule": crontab(minute=20, hour=1),
    },
    # --- kosten (§§ 46–50) ---
    # --- inkasso (§ 2 Abs. 1 lit. d JVG) ---
    # R-2D-MAHN-1 (Art. 35 Abs. 3 StGB): the configured reminder sequence, daily (batched, idempotent:
    # one reminder per claim and level; selects everything due, so a missed run catches up).
    "inkasso-mahnlauf": {
        "task": "inkasso.mahnlauf",
        "schedule": crontab(minute=40, hour=5),
    },
    # R-STGB-36-1: task "Vollzugsfall eröffnen" for conversions that became enforceable; runs after
    # the Rechtskraft job (minute 15), idempotent (one task per conversion).
    "inkasso-vollzugsfaelle-melden": {
        "task": "inkasso.vollzugsfaelle_melden",
        "schedule": crontab(minute=30, hour="0,6,12,18"),
    },
    # --- behoerden (§§ 12, 21) ---
    # --- benachrichtigungen (webhooks) ---
    # Issue 9 item 4 (§ 21 Abs. 2 JVG): webhook deliveries whose task was lost are queued again (idempotent;
    # selects everything overdue beyond the longest backoff, so a missed run catches up).
    "benachrichtigungen-ausstehende-nachholen": {
        "task": "benachrichtigungen.ausstehende_nachholen",
        "schedule": crontab(minute="*/30"),
    },
    # --- datenschutz (§§ 22, 23) ---
}
