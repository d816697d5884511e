"""`manage.py bench_daten --faelle N [--datenbank NAME]`: a realistic dataset for `bench_skala` (issue 19).

Set-based SQL only (`generate_series`, INSERT … SELECT), PostgreSQL only: per case 0.9 persons, one decision
with one or two sanctions, 1.47 placements (the open one is the current facility), one Verfügung, history rows
(case ×3, person, decision, sanction, placement), two read-log rows; and recordings due for deletion (1 %).
Names come from a list of common Swiss surnames, so a search for "Müller" finds about 4 % of the persons.

Into an EMPTY database (it refuses a database that has cases): the benchmark data is not fit for any other
use (every row belongs to one bench user; no file exists for a recording). Create it with `createdb`, then
`manage.py bench_daten --faelle 1000000 --datenbank jvg_bench`, and drop it after the run.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from kern.models import Benutzer
from kern.rollen import Rolle

NACHNAMEN = [
    "Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Schneider", "Meyer", "Steiner", "Fischer",
    "Gerber", "Brunner", "Baumann", "Frei", "Zimmermann", "Moser", "Widmer", "Wyss", "Graf", "Roth",
    "Suter", "Baumgartner", "Bachmann", "Studer", "Bucher", "Berger", "Kaufmann", "Kunz", "Hofer", "Bühler",
    "Lüthi", "Marti", "Koch", "Egli", "Zürcher", "Arnold", "Hess", "Wenger", "Bieri", "Lehmann",
    "Rossi", "Bernasconi", "Favre", "Rochat", "Bianchi", "Ferrari", "Da Silva", "Pereira", "Krasniqi", "Berisha",
]  # fmt: skip
VORNAMEN = [
    "Daniel", "Peter", "Thomas", "Martin", "Christian", "Marco", "Andreas", "Michael", "Stefan", "Patrick",
    "Luca", "David", "Simon", "Lukas", "Adrian", "Reto", "Beat", "Urs", "Hans", "Bruno",
    "Maria", "Sandra", "Anna", "Nicole", "Laura", "Sarah", "Andrea", "Monika", "Ursula", "Ruth",
]  # fmt: skip


def _array(werte: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + w.replace("'", "''") + "'" for w in werte) + "]"


class Command(BaseCommand):
    help = "Lädt einen Benchmark-Datensatz mit N Fällen per Mengen-SQL in eine leere PostgreSQL-Datenbank."

    def add_arguments(self, parser):
        parser.add_argument("--faelle", type=int, default=100_000)
        parser.add_argument("--datenbank", help="Name der (leeren) Datenbank; sonst DATABASE_URL.")

    def handle(self, *args, faelle: int, datenbank: str | None, **options):
        if not 1_000 <= faelle <= 10_000_000:
            raise CommandError("--faelle muss zwischen 1000 und 10 000 000 liegen.")
        if datenbank:
            connection.close()
            connection.settings_dict["NAME"] = datenbank
        if connection.vendor != "postgresql":
            raise CommandError("bench_daten braucht PostgreSQL (DATABASE_URL=postgres://…).")
        call_command("migrate", interactive=False, verbosity=0)
        with connection.cursor() as c:
            c.execute("SELECT EXISTS (SELECT 1 FROM vollzug_vollzugsfall)")
            if c.fetchone()[0]:
                raise CommandError("Die Datenbank enthält schon Fälle: bench_daten lädt nur in eine leere.")
        beginn = time.perf_counter()
        benutzer, _ = Benutzer.objects.get_or_create(
            username="bench-sb", defaults={"rolle": Rolle.SACHBEARBEITUNG, "first_name": "Bench"}
        )
        with transaction.atomic(), connection.cursor() as c:
            c.execute("SET LOCAL synchronous_commit = off")
            c.execute("SET LOCAL maintenance_work_mem = '256MB'")
            fremdschluessel = self._fremdschluessel_abnehmen(c)
            for titel, sql in self._schritte(faelle, benutzer.pk):
                t = time.perf_counter()
                c.execute(sql)
                self.stdout.write(f"{titel:<38} {c.rowcount:>10} Zeilen {time.perf_counter() - t:7.1f} s")
            self._sequenzen(c)
            t = time.perf_counter()
            for tabelle, name, definition in fremdschluessel:
                c.execute(f'ALTER TABLE "{tabelle}" ADD CONSTRAINT "{name}" {definition}')
            self.stdout.write(
                f"{'Fremdschlüssel geprüft':<38} {len(fremdschluessel):>10}        "
                f"{time.perf_counter() - t:7.1f} s"
            )
        t = time.perf_counter()
        with connection.cursor() as c:
            c.execute("VACUUM (ANALYZE)")  # visibility map for index-only scans, statistics for the planner
        self.stdout.write(f"{'VACUUM ANALYZE':<38} {'':>10}        {time.perf_counter() - t:7.1f} s")
        with connection.cursor() as c:
            c.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            groesse = c.fetchone()[0]
        self.stdout.write(
            f"{faelle} Fälle in {time.perf_counter() - beginn:.0f} s geladen; Datenbank {groesse}."
        )

    def _schritte(self, n: int, benutzer: int):
        p = max(1, n * 9 // 10)  # persons: every tenth has two cases
        v = max(1, n // 100)  # recordings due for deletion
        nachnamen, vornamen = _array(NACHNAMEN), _array(VORNAMEN)
        # Deterministic spread without random(): a multiplicative hash of the row number.
        h = "((g * 2654435761) % 4294967296)"
        return [
            (
                "Einrichtungen",
                """INSERT INTO vollzug_anstalt (id, name, kurzname, ort, traegerschaft,
                   disziplinarbefugnis_delegiert, ist_klinik, aktiv, strasse, hausnummer, postleitzahl)
                   SELECT g, 'Bench-JVA ' || g, 'bench' || g, 'Luzern', 'kantonal', false, false, true,
                          'Grosshofstrasse', g::text, '6010'
                   FROM generate_series(1, 12) g""",
            ),
            (
                "Videozonen",
                f"""INSERT INTO ueberwachung_videozone (id, bezeichnung, raumart, grund, begruendung,
                   festgelegt_am, aufgehoben_am, anstalt_id, festgelegt_durch_id)
                   SELECT g, 'Korridor', 'korridor', '', '', now() - interval '5 years', NULL, g, {benutzer}
                   FROM generate_series(1, 12) g""",
            ),
            (
                "Personen",
                f"""INSERT INTO vollzug_person (id, personennummer, amtlicher_name, vorname, geschlecht,
                   geburtsdatum, ahv_nummer, erfasst_am, strasse, hausnummer, postleitzahl, ort)
                   SELECT g, 'P-' || lpad(g::text, 8, '0'),
                          ({nachnamen})[1 + {h} % {len(NACHNAMEN)}]
                            || CASE WHEN g % 7 = 0 THEN '-' || ({nachnamen})[1 + g % {len(NACHNAMEN)}] ELSE '' END,
                          ({vornamen})[1 + (g / 3) % {len(VORNAMEN)}],
                          CASE WHEN (g / 3) % {len(VORNAMEN)} >= 20 THEN '2' ELSE '1' END,
                          date '1950-01-01' + ({h} % 18000)::int, '',
                          timestamptz '2005-01-01' + g * interval '1 second' * (630000000 / {p}),
                          '', '', '', ''
                   FROM generate_series(1, {p}) g""",
            ),
            (
                "Vollzugsfälle",
                f"""INSERT INTO vollzug_vollzugsfall (id, fallnummer, person_id, status, eingang_am,
                   vollzugsbeginn, entlassung_am, voraussichtliches_ende, entlassung_bemerkung,
                   erfasst_durch_id, erfasst_am)
                   SELECT g, 'VF-' || lpad(g::text, 8, '0'), 1 + {h} % {p}, s.status, s.eingang,
                          CASE WHEN s.status <> 'eingang' THEN s.eingang + interval '30 days' END,
                          CASE WHEN s.status = 'entlassen' THEN s.eingang + interval '400 days' END,
                          CASE WHEN s.status <> 'eingang' THEN s.eingang + 400 END,
                          '', {benutzer}, s.eingang::timestamptz
                   FROM generate_series(1, {n}) g,
                   LATERAL (SELECT CASE WHEN g % 10 = 0 THEN 'eingang'
                                        WHEN g % 10 < 5 THEN 'entlassen'
                                        WHEN g % 10 = 5 THEN 'unterbrochen'
                                        ELSE 'im_vollzug' END AS status,
                                   date '2006-01-01' + (g::bigint * 7300 / {n})::int
                                     - ({h} % 20)::int AS eingang) s""",
            ),
            (
                "Entscheide",
                """INSERT INTO vollzug_entscheid (id, fall_id, art, behoerde, referenz, entscheid_datum,
                   rechtskraft_am)
                   SELECT f.id, f.id, CASE WHEN f.id % 3 = 0 THEN 'strafbefehl' ELSE 'urteil' END,
                          'Staatsanwaltschaft Luzern', 'SA ' || (2006 + f.id % 20) || ' ' || f.id,
                          f.eingang_am - 60, f.eingang_am - 10
                   FROM vollzug_vollzugsfall f""",
            ),
            (
                "Sanktionen",
                """INSERT INTO vollzug_sanktion (entscheid_id, art, vollzugsform, dauer_jahre, dauer_monate,
                   dauer_tage, stunden, bemerkung)
                   SELECT e.id, CASE WHEN k = 1 THEN 'freiheitsstrafe' ELSE 'ersatzfreiheitsstrafe' END, '',
                          (e.id % 4)::smallint, (e.id % 12)::smallint, 0, 0, ''
                   FROM vollzug_entscheid e, generate_series(1, 2) k
                   WHERE k = 1 OR e.id % 4 = 0""",
            ),
            (
                "Platzierungen",
                """INSERT INTO vollzug_platzierung (fall_id, anstalt_id, abteilung, art, grund, arztbericht,
                   dringend, begruendung, von, bis, angeordnet_durch_id)
                   SELECT f.id, 1 + (f.id + k) % 12, 'Abteilung ' || (1 + f.id % 5),
                          CASE WHEN k = 1 THEN 'einweisung' ELSE 'versetzung' END,
                          CASE WHEN k = 1 THEN '' ELSE 'a' END, '', false, '',
                          f.vollzugsbeginn + (k - 1) * interval '100 days',
                          CASE WHEN k = 1 AND f.id % 100 < 47 THEN f.vollzugsbeginn + interval '100 days'
                               WHEN f.status = 'entlassen' THEN f.entlassung_am
                               WHEN f.status = 'unterbrochen' THEN f.vollzugsbeginn + interval '150 days' END,
                          f.erfasst_durch_id
                   FROM vollzug_vollzugsfall f, generate_series(1, 2) k
                   WHERE f.status <> 'eingang' AND (k = 1 OR f.id % 100 < 47)""",
            ),
            (
                "Verfügungen",
                """INSERT INTO verfuegungen_verfuegung (nummer, typ, sachbereich, abweisend, status, titel,
                   rechtsgrundlage, sachverhalt, begruendung, dispositiv, entworfen_am, eroeffnung_art,
                   empfangsbestaetigung, rechtsmittelfrist_methode, aufschiebende_wirkung,
                   aufschiebende_wirkung_erteilt_durch_instanz, aufschiebende_wirkung_entzug_begruendung,
                   aufhebung_grund, pdf, pdf_sha256, entworfen_durch_id, fall_id, person_id)
                   SELECT 'B-' || lpad(f.id::text, 10, '0'), 'versetzung_17', '', false, 'entwurf',
                          'Versetzung', '§ 17 JVG', 'Sachverhalt', 'Begründung', 'Dispositiv',
                          f.erfasst_am, '', '', '', false, '', '', '', '', '', f.erfasst_durch_id, f.id,
                          f.person_id
                   FROM vollzug_vollzugsfall f""",
            ),
            (
                "Historie Fälle (×3)",
                """INSERT INTO vollzug_historicalvollzugsfall (id, fallnummer, status, eingang_am,
                   vollzugsbeginn, entlassung_am, entlassung_bemerkung, erfasst_am, history_date,
                   history_change_reason, history_type, erfasst_durch_id, history_user_id, person_id,
                   voraussichtliches_ende)
                   SELECT f.id, f.fallnummer, CASE WHEN k = 1 THEN 'eingang' ELSE f.status END, f.eingang_am,
                          CASE WHEN k > 1 THEN f.vollzugsbeginn END, CASE WHEN k = 3 THEN f.entlassung_am END,
                          '', f.erfasst_am, f.erfasst_am + (k - 1) * interval '30 days',
                          NULL, CASE WHEN k = 1 THEN '+' ELSE '~' END, f.erfasst_durch_id, f.erfasst_durch_id,
                          f.person_id, f.voraussichtliches_ende
                   FROM vollzug_vollzugsfall f, generate_series(1, 3) k""",
            ),
            (
                "Historie Personen",
                f"""INSERT INTO vollzug_historicalperson (id, personennummer, amtlicher_name, vorname,
                   geschlecht, geburtsdatum, ahv_nummer, erfasst_am, history_date, history_change_reason,
                   history_type, history_user_id, strasse, hausnummer, postleitzahl, ort)
                   SELECT p.id, p.personennummer, p.amtlicher_name, p.vorname, p.geschlecht, p.geburtsdatum,
                          p.ahv_nummer, p.erfasst_am, p.erfasst_am, NULL, '+', {benutzer},
                          p.strasse, p.hausnummer, p.postleitzahl, p.ort
                   FROM vollzug_person p""",
            ),
            (
                "Historie Entscheide",
                f"""INSERT INTO vollzug_historicalentscheid (id, fall_id, art, behoerde, referenz,
                   entscheid_datum, rechtskraft_am, history_date, history_change_reason, history_type,
                   history_user_id)
                   SELECT e.id, e.fall_id, e.art, e.behoerde, e.referenz, e.entscheid_datum, e.rechtskraft_am,
                          now(), NULL, '+', {benutzer}
                   FROM vollzug_entscheid e""",
            ),
            (
                "Historie Sanktionen",
                f"""INSERT INTO vollzug_historicalsanktion (id, entscheid_id, art, vollzugsform, dauer_jahre,
                   dauer_monate, dauer_tage, stunden, bemerkung, history_date, history_change_reason,
                   history_type, history_user_id)
                   SELECT s.id, s.entscheid_id, s.art, s.vollzugsform, s.dauer_jahre, s.dauer_monate,
                          s.dauer_tage, s.stunden, s.bemerkung, now(), NULL, '+', {benutzer}
                   FROM vollzug_sanktion s""",
            ),
            (
                "Historie Platzierungen",
                """INSERT INTO vollzug_historicalplatzierung (id, fall_id, anstalt_id, abteilung, art, grund,
                   arztbericht, dringend, begruendung, von, bis, angeordnet_durch_id, history_date,
                   history_change_reason, history_type, history_user_id)
                   SELECT p.id, p.fall_id, p.anstalt_id, p.abteilung, p.art, p.grund, p.arztbericht,
                          p.dringend, p.begruendung, p.von, p.bis, p.angeordnet_durch_id, p.von, NULL, '+',
                          p.angeordnet_durch_id
                   FROM vollzug_platzierung p""",
            ),
            (
                "Lesezugriffe (×2)",
                f"""INSERT INTO protokoll_lesezugriff (zeitpunkt, benutzer_id, rolle, person_id, objekt_typ,
                   objekt_id, aktion, kanal, zweck, abfrage, ip)
                   SELECT f.erfasst_am + k * interval '1 day', {benutzer}, 'sachbearbeitung', f.person_id,
                          'vollzug.vollzugsfall', f.id, CASE WHEN k = 1 THEN 'ansicht' ELSE 'liste' END, 'ui',
                          '', '', '127.0.0.1'
                   FROM vollzug_vollzugsfall f, generate_series(1, 2) k""",
            ),
            (
                "Videoaufzeichnungen (fällig)",
                f"""INSERT INTO ueberwachung_videoaufzeichnung (beginn, ende, datei, sha256, groesse,
                   eingegangen_am, auswertung_abgeschlossen_am, loeschung_faellig_am, anstalt_id,
                   eingegangen_durch_id, person_id, zone_id)
                   SELECT now() - interval '200 days' + g * interval '1 second',
                          now() - interval '200 days' + g * interval '1 second' + interval '1 hour',
                          'bench/video-' || g || '.mp4', repeat('0', 64), 0,
                          now() - interval '199 days', NULL, now() - interval '100 days' + g * interval '1 ms',
                          1 + g % 12, {benutzer}, NULL, 1 + g % 12
                   FROM generate_series(1, {v}) g""",
            ),
        ]

    def _fremdschluessel_abnehmen(self, cursor) -> list[tuple[str, str, str]]:
        """Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: millions of row-by-row checks queued to
        the COMMIT (6 of 16 minutes at 1M cases). A bulk load drops them and adds them back at the end, where
        PostgreSQL validates each with one join over the table (same transaction: nothing unchecked is ever
        committed)."""
        tabellen = [
            "vollzug_person", "vollzug_vollzugsfall", "vollzug_entscheid", "vollzug_sanktion",
            "vollzug_platzierung", "verfuegungen_verfuegung", "vollzug_historicalvollzugsfall",
            "vollzug_historicalperson", "vollzug_historicalentscheid", "vollzug_historicalsanktion",
            "vollzug_historicalplatzierung", "protokoll_lesezugriff", "ueberwachung_videoaufzeichnung",
        ]  # fmt: skip
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)""",
            [tabellen],
        )
        fremdschluessel = cursor.fetchall()
        for tabelle, name, _definition in fremdschluessel:
            cursor.execute(f'ALTER TABLE "{tabelle}" DROP CONSTRAINT "{name}"')
        return fremdschluessel

    def _sequenzen(self, cursor):
        # Rows inserted with explicit ids: move the sequences past them.
        for tabelle in [
            "vollzug_anstalt",
            "ueberwachung_videozone",
            "vollzug_person",
            "vollzug_vollzugsfall",
            "vollzug_entscheid",
        ]:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabelle}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {tabelle}))"
            )
