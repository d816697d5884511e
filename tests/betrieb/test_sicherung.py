"""Issue 20 item 5: a backup of the demo system restores into a new database with equal row counts and file
checksums; bad restores are refused before anything changes; destructions newer than the backup are
repeated from the destruction log after the restore (§ 29 Abs. 2 JVG).

Needs PostgreSQL (pg_dump, pg_restore, a second database): marker `services`.
"""

import hashlib
import json
import os
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from bedrohung.domain import aufbewahrung_durchsetzen
from bedrohung.models import Loeschprotokoll
from betrieb import sicherung
from kern import audit_kette
from kern.models import Benutzer
from kern.rollen import Rolle
from tests.bedrohung.test_aufbewahrung import abgeschlossen
from tests.conftest import umgebung_ohne_testeinstellungen
from ueberwachung.domain import loeschung
from ueberwachung.models import Telefonaufzeichnung, Vernichtungsprotokoll, speicher
from vollzug.models import Platzierung

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def _aufzeichnung(person, anstalt, anlage, *, alter_tage: int, inhalt: bytes) -> Telefonaufzeichnung:
    beginn = timezone.now() - timedelta(days=alter_tage)
    name = speicher().save(f"ueberwachung/test/{uuid.uuid4().hex}.ogg", ContentFile(inhalt))
    return Telefonaufzeichnung.objects.create(
        person=person, anstalt=anstalt, nummer="079 000 00 00", nummer_normalisiert="0041790000000",
        beginn=beginn, ende=beginn + timedelta(minutes=5), datei=name, sha256=hashlib.sha256(inhalt).hexdigest(),
        groesse=len(inhalt), eingegangen_durch=anlage, loeschung_faellig_am=beginn + timedelta(days=100),
    )  # fmt: skip


@pytest.fixture
def zieldatenbank():
    name = f"jvg_wiederherstellung_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = sicherung.datenbank_url({**connection.settings_dict, "NAME": "postgres"})
    with psycopg.connect(admin, autocommit=True) as v:
        v.execute(f'CREATE DATABASE "{name}"')
    try:
        yield sicherung.datenbank_url({**connection.settings_dict, "NAME": name})
    finally:
        with psycopg.connect(admin, autocommit=True) as v:
            v.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _eine(url: str, sql: str, *args):
    with psycopg.connect(url) as v:
        return v.execute(sql, args).fetchone()


def test_sicherung_des_demosystems_wird_vollstaendig_wiederhergestellt_und_vernichtungen_nachgeholt(
    tmp_path, settings, zieldatenbank
):
    assert connection.vendor == "postgresql", "Dieser Test braucht PostgreSQL (CI: .ci/run)."
    call_command("demo_daten", stdout=open(os.devnull, "w"))  # noqa: SIM115
    platzierung = Platzierung.objects.filter(bis__isnull=True).select_related("fall__person").first()
    person, anstalt = platzierung.fall.person, platzierung.anstalt
    anlage = Benutzer.objects.create(username="telefonanlage", rolle=Rolle.SYSTEM)
    faellig = _aufzeichnung(person, anstalt, anlage, alter_tage=150, inhalt=b"faellig-nach-der-sicherung")
    jung = _aufzeichnung(person, anstalt, anlage, alter_tage=1, inhalt=b"jung")
    # A threat report closed six years ago: due under R-BM-3 (5 years), deleted only after the backup.
    team = Benutzer.objects.get(username="bedrohungsmanagement")
    alt = abgeschlossen(
        Benutzer.objects.get(username="personal.grosshof"), team, timezone.now() - timedelta(days=6 * 366)
    )
    beilage = alt.beilagen.get().datei.name
    audit_kette.versiegeln()  # the chain covers the history rows the replay will destroy

    ergebnis = sicherung.sicherung_erstellen(tmp_path / "sicherungen")
    manifest = ergebnis.manifest
    assert manifest["zeilen"]["vollzug_vollzugsfall"] >= 1
    assert faellig.datei.name in manifest["ablagen"]["default"]["dateien"]

    # After the backup the live system destroys the due recording (§ 29 Abs. 2) and its log is exported.
    assert loeschung.aufzeichnungen_loeschen().anzahl_telefon == 1
    assert aufbewahrung_durchsetzen() == 1
    live_log = tmp_path / "vernichtungen-live.jsonl"
    assert sicherung.vernichtungen_schreiben(live_log) == 2

    # Restore into a new, empty database and an empty folder: rows and checksums as in the manifest.
    ablage_neu = tmp_path / "media-wiederhergestellt"
    bericht = sicherung.wiederherstellen(
        ergebnis.ordner, ziel_url=zieldatenbank, ablagen_ziel={"default": ablage_neu}
    )
    assert bericht.abweichungen == []
    assert sicherung.zeilenzahlen(zieldatenbank) == manifest["zeilen"]
    dateien = {
        p.relative_to(ablage_neu).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in ablage_neu.rglob("*")
        if p.is_file()
    }
    assert dateien == manifest["ablagen"]["default"]["dateien"]
    # The restored backup holds the recording that was destroyed after it.
    assert _eine(
        zieldatenbank, "SELECT count(*) FROM ueberwachung_telefonaufzeichnung WHERE id = %s", faellig.pk
    ) == (1,)
    assert _eine(zieldatenbank, "SELECT count(*) FROM bedrohung_bedrohungsmeldung WHERE id = %s", alt.pk) == (
        1,
    )
    assert (ablage_neu / beilage).exists()

    # Refused before anything changes: a database that is not empty, and a damaged backup.
    with pytest.raises(sicherung.SicherungsFehler, match="Zieldatenbank ist nicht leer"):
        sicherung.wiederherstellen(
            ergebnis.ordner, ziel_url=zieldatenbank, ablagen_ziel={"default": tmp_path / "x"}
        )
    kaputt = json.loads((ergebnis.ordner / "manifest.json").read_text())
    kaputt["dateien"]["datenbank.dump"] = "0" * 64
    (ergebnis.ordner / "manifest.json").write_text(json.dumps(kaputt))
    with pytest.raises(sicherung.SicherungsFehler, match="Sicherung beschädigt, nichts geändert"):
        sicherung.wiederherstellen(
            ergebnis.ordner, ziel_url=zieldatenbank, ablagen_ziel={"default": tmp_path / "x"}
        )

    # The replay from the newer destruction log, as the operator runs it against the restored system.
    env = umgebung_ohne_testeinstellungen(
        DATABASE_URL=zieldatenbank,
        JVG_MEDIA_ROOT=str(ablage_neu),
        JVG_AUDIT_SCHLUESSEL=settings.JVG_AUDIT_SCHLUESSEL,
    )
    env.pop("JVG_UEBERWACHUNG_MEDIA_ROOT", None)
    lauf = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "vernichtungen_nachholen", "--protokoll", str(live_log)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert lauf.returncode == 0, lauf.stderr[-2000:]
    assert lauf.stdout.strip() == "2 Einträge gelesen; erneut vernichtet: bedrohung: 1, ueberwachung: 1."
    assert _eine(
        zieldatenbank, "SELECT count(*) FROM ueberwachung_telefonaufzeichnung WHERE id = %s", faellig.pk
    ) == (0,)
    assert _eine(
        zieldatenbank, "SELECT count(*) FROM ueberwachung_telefonaufzeichnung WHERE id = %s", jung.pk
    ) == (1,)
    assert _eine(
        zieldatenbank,
        "SELECT p.rechtsgrundlage, l.job FROM ueberwachung_vernichtungsprotokoll p "
        "JOIN ueberwachung_loeschlauf l ON l.id = p.lauf_id WHERE p.objekt_id = %s ORDER BY p.id DESC LIMIT 1",
        faellig.pk,
    ) == (Vernichtungsprotokoll.objects.get(objekt_id=faellig.pk).rechtsgrundlage, loeschung.JOB_NACHHOLEN)
    assert not (ablage_neu / faellig.datei.name).exists()
    assert (ablage_neu / jung.datei.name).exists()
    # R-BM-3: the report, its history and its attachment are gone again; a new content-free record.
    assert _eine(zieldatenbank, "SELECT count(*) FROM bedrohung_bedrohungsmeldung WHERE id = %s", alt.pk) == (
        0,
    )
    for tabelle in ("bedrohung_historicalbedrohungsmeldung", "bedrohung_historicalmeldungsbeilage"):
        spalte = "id" if tabelle.endswith("bedrohungsmeldung") else "meldung_id"
        assert _eine(zieldatenbank, f"SELECT count(*) FROM {tabelle} WHERE {spalte} = %s", alt.pk) == (0,)  # noqa: S608
        assert _eine(
            zieldatenbank, "SELECT count(*) > 0 FROM jvg_case_vernichtung WHERE tabelle = %s", tabelle
        ) == (True,)
    assert _eine(
        zieldatenbank,
        "SELECT job_lauf LIKE 'bedrohung-nachholen:%%', abgeschlossen_am FROM bedrohung_loeschprotokoll "
        "WHERE meldung_nummer = %s",
        alt.nummer,
    ) == (True, Loeschprotokoll.objects.get(meldung_nummer=alt.nummer).abgeschlossen_am)
    assert not (ablage_neu / beilage).exists()
    # The destruction records keep the hash chain of the restored system verifiable.
    pruefung = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "audit_pruefen"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert pruefung.returncode == 0, pruefung.stderr[-2000:]
    assert "intakt" in pruefung.stdout
    # Idempotent: a second replay finds nothing left.
    zweiter = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "vernichtungen_nachholen", "--protokoll", str(live_log)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert zweiter.stdout.strip() == "2 Einträge gelesen; erneut vernichtet: bedrohung: 0, ueberwachung: 0."


def test_nachholen_mit_kaputtem_protokoll_meldet_die_zeile(tmp_path):
    datei = tmp_path / "v.jsonl"
    datei.write_text('{"art": "ueberwachung", "objektart": "telefon", "objekt_id": 1}\nkein json\n')
    with pytest.raises(sicherung.SicherungsFehler, match=r"v.jsonl, Zeile 2: kein gültiges JSON"):
        sicherung.vernichtungen_lesen([datei])
    datei.write_text('{"objekt_id": 1}\n')
    with pytest.raises(sicherung.SicherungsFehler, match="Zeile 1: Eintrag ohne «art»"):
        sicherung.vernichtungen_lesen([datei])
