"""Backup and restore (`manage.py sicherung`, `manage.py wiederherstellen`; docs/betrieb.md).

A backup is one folder: `datenbank.dump` (pg_dump, custom format), one tar archive per file storage
(uploads; recordings and ED material when they have a storage of their own), `vernichtungen.jsonl` (the
content-free destruction logs, for the replay after a restore) and `manifest.json` with the SHA-256 of
each of these, of every file inside the archives, and the row count of every table.

A restore goes into an *empty* database and *empty* storage folders only (never over live data), checks
every checksum before it touches anything, and afterwards compares row counts and file checksums with
the manifest. Legal destructions newer than the backup must then be repeated
(`manage.py vernichtungen_nachholen`), because the backup may hold recordings already destroyed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

from kern import erweiterungen

FORMAT_VERSION = 1


class SicherungsFehler(Exception):
    """A backup or restore that must not go on; the message is for the operator (German)."""


def _sha256(pfad: Path) -> str:
    h = hashlib.sha256()
    with open(pfad, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def datenbank_url(db: dict | None = None) -> str:
    db = db or connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise SicherungsFehler("Sicherung und Wiederherstellung brauchen PostgreSQL (DATABASE_URL).")
    anmeldung = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        anmeldung += ":" + quote(db["PASSWORD"], safe="")
    return f"postgresql://{anmeldung}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def ablagen() -> dict[str, Path]:
    """Every file-system storage of the app (alias → folder), the same folder only once."""
    ergebnis: dict[str, Path] = {}
    for alias in sorted({"default", *settings.STORAGES} - {"staticfiles"}):
        ablage = storages[alias]
        if not isinstance(ablage, FileSystemStorage):
            raise SicherungsFehler(
                f"Ablage «{alias}» liegt nicht im Dateisystem: mit den Mitteln ihres Anbieters sichern."
            )
        ort = Path(ablage.location).resolve()
        if ort not in ergebnis.values():
            ergebnis[alias] = ort
    return ergebnis


def zeilenzahlen(url: str | None = None) -> dict[str, int]:
    """Rows per table of the public schema (the database of `url`, default: the app's)."""
    sql = (
        "SELECT format('SELECT %L, count(*) FROM %I', tablename, tablename) FROM pg_tables "
        "WHERE schemaname = 'public' ORDER BY tablename"
    )
    if url is None:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            abfragen = [z[0] for z in cursor.fetchall()]
            ergebnis = {}
            for abfrage in abfragen:
                cursor.execute(abfrage)
                name, anzahl = cursor.fetchone()
                ergebnis[name] = anzahl
            return ergebnis
    import psycopg

    with psycopg.connect(url) as verbindung, verbindung.cursor() as cursor:
        cursor.execute(sql)
        ergebnis = {}
        for (abfrage,) in cursor.fetchall():
            cursor.execute(abfrage)
            name, anzahl = cursor.fetchone()
            ergebnis[name] = anzahl
        return ergebnis


def _ausfuehren(befehl: list[str], *, was: str) -> None:
    ergebnis = subprocess.run(befehl, capture_output=True, text=True, check=False)
    if ergebnis.returncode != 0:
        # pg_dump/pg_restore name the database, never a password (it goes in the URL only to them).
        raise SicherungsFehler(f"{was} fehlgeschlagen: {ergebnis.stderr.strip()[-500:]}")


@dataclass
class Sicherung:
    ordner: Path
    manifest: dict


def vernichtungen_schreiben(ziel: Path) -> int:
    """The destruction logs of every app (kern.erweiterungen.vernichtungslog) as JSON lines."""
    anzahl = 0
    with open(ziel, "w", encoding="utf-8") as f:
        for exportieren, _nachholen in erweiterungen.VERNICHTUNGSLOGS.values():
            for eintrag in exportieren():
                f.write(json.dumps(eintrag, ensure_ascii=False) + "\n")
                anzahl += 1
    return anzahl


def sicherung_erstellen(ziel: Path) -> Sicherung:
    """Back up the database and the storages into a new folder below `ziel` (made 0700)."""
    url = datenbank_url()
    stempel = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    ordner = Path(ziel) / f"jvg-sicherung-{stempel}"
    ordner.mkdir(parents=True, mode=0o700)
    manifest: dict = {"format": FORMAT_VERSION, "erstellt_am": stempel, "dateien": {}, "ablagen": {}}

    # Row counts first, then the dump: the job lock is not held, so rows written in between (a user at
    # work) make the restored counts larger, never smaller; the comparison allows exactly that.
    manifest["zeilen"] = zeilenzahlen()
    _ausfuehren(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={ordner / 'datenbank.dump'}",
            url,
        ],
        was="pg_dump",
    )
    manifest["dateien"]["datenbank.dump"] = _sha256(ordner / "datenbank.dump")

    for alias, ort in ablagen().items():
        archiv = f"ablage-{alias}.tar"
        pruefsummen: dict[str, str] = {}
        with tarfile.open(ordner / archiv, "w") as tar:
            if ort.exists():
                for pfad in sorted(p for p in ort.rglob("*") if p.is_file()):
                    name = pfad.relative_to(ort).as_posix()
                    if name.startswith("betrieb-bereit/"):
                        continue  # the readiness probe's own scratch files
                    pruefsummen[name] = _sha256(pfad)
                    tar.add(pfad, arcname=name, recursive=False)
        manifest["ablagen"][alias] = {"archiv": archiv, "dateien": pruefsummen}
        manifest["dateien"][archiv] = _sha256(ordner / archiv)

    manifest["vernichtungen"] = vernichtungen_schreiben(ordner / "vernichtungen.jsonl")
    manifest["dateien"]["vernichtungen.jsonl"] = _sha256(ordner / "vernichtungen.jsonl")
    (ordner / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return Sicherung(ordner, manifest)


def manifest_lesen(ordner: Path) -> dict:
    try:
        manifest = json.loads((Path(ordner) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SicherungsFehler(f"Kein lesbares manifest.json in {ordner}.") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise SicherungsFehler(f"Unbekanntes Sicherungsformat {manifest.get('format')!r}.")
    for name, summe in manifest["dateien"].items():
        pfad = Path(ordner) / name
        if not pfad.is_file() or _sha256(pfad) != summe:
            raise SicherungsFehler(
                f"Prüfsumme von {name} stimmt nicht: Sicherung beschädigt, nichts geändert."
            )
    return manifest


@dataclass
class Bericht:
    tabellen: int
    dateien: int
    abweichungen: list[str]


def wiederherstellen(
    ordner: Path, *, ziel_url: str | None = None, ablagen_ziel: dict[str, Path] | None = None
) -> Bericht:
    """Restore the backup in `ordner` into the empty database `ziel_url` (default: the app's) and the
    empty storage folders `ablagen_ziel` (default: the app's). Checks first, then restores, then
    compares rows and files with the manifest (`Bericht.abweichungen` is empty when all match)."""
    ordner = Path(ordner)
    manifest = manifest_lesen(ordner)
    ziel_url = ziel_url or datenbank_url()
    ablagen_ziel = ablagen_ziel or ablagen()

    vorhanden = [t for t, n in zeilenzahlen(ziel_url).items()]
    if vorhanden:
        raise SicherungsFehler(
            f"Die Zieldatenbank ist nicht leer ({len(vorhanden)} Tabellen): nur in eine leere Datenbank."
        )
    for alias in manifest["ablagen"]:
        if alias not in ablagen_ziel:
            raise SicherungsFehler(f"Für die Ablage «{alias}» der Sicherung ist kein Ziel konfiguriert.")
        ort = ablagen_ziel[alias]
        if ort.exists() and any(p.is_file() for p in ort.rglob("*")):
            raise SicherungsFehler(f"Der Ablageordner {ort} ist nicht leer: nur in einen leeren Ordner.")

    _ausfuehren(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={ziel_url}",
         str(ordner / "datenbank.dump")],
        was="pg_restore",
    )  # fmt: skip

    abweichungen, anzahl_dateien = [], 0
    for alias, eintrag in manifest["ablagen"].items():
        ort = ablagen_ziel[alias]
        ort.mkdir(parents=True, exist_ok=True)
        with tarfile.open(ordner / eintrag["archiv"]) as tar:
            tar.extractall(ort, filter="data")  # no absolute paths, no links out of the folder
        for name, summe in eintrag["dateien"].items():
            pfad = ort / name
            anzahl_dateien += 1
            if not pfad.is_file() or _sha256(pfad) != summe:
                abweichungen.append(f"Datei {alias}/{name}: Prüfsumme weicht ab")
            else:
                os.chmod(pfad, 0o640)

    nachher = zeilenzahlen(ziel_url)
    for tabelle, anzahl in manifest["zeilen"].items():
        # The dump may hold rows written after the count (see sicherung_erstellen), never fewer.
        if nachher.get(tabelle, -1) < anzahl:
            abweichungen.append(f"Tabelle {tabelle}: {nachher.get(tabelle)} Zeilen statt {anzahl}")
    return Bericht(tabellen=len(nachher), dateien=anzahl_dateien, abweichungen=abweichungen)


def vernichtungen_lesen(pfade: list[Path]) -> list[dict]:
    eintraege = []
    for pfad in pfade:
        with open(pfad, encoding="utf-8") as f:
            for nummer, zeile in enumerate(f, start=1):
                if not zeile.strip():
                    continue
                try:
                    eintrag = json.loads(zeile)
                except ValueError as exc:
                    raise SicherungsFehler(f"{pfad}, Zeile {nummer}: kein gültiges JSON.") from exc
                if not isinstance(eintrag, dict) or not isinstance(eintrag.get("art"), str):
                    raise SicherungsFehler(f"{pfad}, Zeile {nummer}: Eintrag ohne «art».")
                eintraege.append(eintrag)
    return eintraege


def vernichtungen_nachholen(eintraege: list[dict]) -> dict[str, int]:
    """Hand each app the entries of its kind; returns destroyed objects per kind."""
    ergebnis = {}
    for art, (_exportieren, nachholen) in erweiterungen.VERNICHTUNGSLOGS.items():
        ergebnis[art] = nachholen([e for e in eintraege if e["art"] == art])
    return ergebnis


def vernichtungen_als_text(eintraege: list[dict]) -> str:
    puffer = io.StringIO()
    for e in eintraege:
        puffer.write(json.dumps(e, ensure_ascii=False) + "\n")
    return puffer.getvalue()
