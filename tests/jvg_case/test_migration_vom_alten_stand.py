"""Nothing lost (issue 16): a database created by the code before the restructuring migrates in place.

The commit before issue 16 is unpacked with `git archive`; its own `manage.py migrate` and `demo_daten`
build a SQLite file with data of every module. Then this code's `migrate` runs on that file: the moved
models (Lesezugriff into the kernel, Aufschubgesuch into `aufschub`) keep their tables and rows, the
content types are relabelled (so generic relations still resolve), every table keeps its row count,
and `migrate --check` finds nothing left to do.
"""

import json
import sqlite3
import subprocess
import sys
import tarfile
import textwrap

import pytest
from django.apps import apps as django_apps
from django.conf import settings

from tests.conftest import umgebung_ohne_testeinstellungen

# `git rev-parse main` when issue 16 started: the last commit with the old layout.
VOR_ISSUE_16 = "6ece3613ad084e274ede4664d2397dcb3db9632f"


def _manage(code_dir, *args, env: dict) -> subprocess.CompletedProcess:
    ergebnis = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=code_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ergebnis.returncode == 0, (
        f"manage.py {' '.join(args)} ({code_dir}):\n{ergebnis.stdout}\n{ergebnis.stderr}"
    )
    return ergebnis


def _zeilen(datei) -> dict[str, int]:
    with sqlite3.connect(datei) as db:
        tabellen = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tabellen}


@pytest.mark.rule("R-0-AUDIT-1", "R-0-AUDIT-2")
def test_datenbank_des_alten_standes_migriert_ohne_verlust(tmp_path):
    alt = tmp_path / "alt"
    alt.mkdir()
    archiv = tmp_path / "alt.tar"
    subprocess.run(
        ["git", "archive", "--format=tar", "-o", str(archiv), VOR_ISSUE_16],
        cwd=settings.BASE_DIR,
        check=True,
        capture_output=True,
    )
    with tarfile.open(archiv) as tar:
        tar.extractall(alt, filter="data")
    datei = tmp_path / "bestand.sqlite3"
    env = umgebung_ohne_testeinstellungen(
        DATABASE_URL=f"sqlite:///{datei}",
        CELERY_BROKER_URL="filesystem://",  # nothing is delivered: no worker runs on these folders
    )
    env.pop("CI", None)  # the old code's demo needs no CI services

    _manage(alt, "migrate", "--noinput", env=env)
    _manage(alt, "demo_daten", env=env)
    vorher = _zeilen(datei)
    with sqlite3.connect(datei) as db:
        alte_typen = dict(
            db.execute(
                "SELECT app_label || '.' || model, id FROM django_content_type "
                "WHERE model IN ('aufschubgesuch', 'lesezugriff')"
            ).fetchall()
        )
    assert vorher["vollzug_aufschubgesuch"] >= 1
    assert sum(vorher.values()) > 200

    _manage(settings.BASE_DIR, "migrate", "--noinput", env=env)
    _manage(settings.BASE_DIR, "migrate", "--check", env=env)
    nachher = _zeilen(datei)

    # Every table of the old database is still there with every row. New: the tables of the models added
    # since (the run records' table of issue 16, the security, Vollzugsdaten, Inkasso and operations
    # tables), each model with its content type and permissions, and the migrations' own bookkeeping.
    # The moved models' content types are relabelled, not added.
    neue_tabellen = set(nachher) - set(vorher)
    neue_modelle = [m for m in django_apps.get_models() if m._meta.db_table in neue_tabellen]
    m2m = {
        f.remote_field.through._meta.db_table
        for m in django_apps.get_models()
        for f in m._meta.local_many_to_many
        if f.remote_field.through._meta.auto_created
    }
    assert "jvg_case_joblauf" in neue_tabellen
    assert neue_tabellen <= {m._meta.db_table for m in neue_modelle} | m2m
    erwartet = {**vorher, "django_content_type": vorher["django_content_type"] + len(neue_modelle)}
    erwartet["auth_permission"] = vorher["auth_permission"] + sum(
        len(m._meta.default_permissions) + len(m._meta.permissions) for m in neue_modelle
    )
    assert {t: nachher.get(t) for t in vorher if t != "django_migrations"} == {
        t: n for t, n in erwartet.items() if t != "django_migrations"
    }
    assert nachher["django_migrations"] > vorher["django_migrations"]

    # Through this code's ORM: the moved models read the old rows, the content types kept their ids.
    pruefung = textwrap.dedent(
        """
        import json
        from django.contrib.contenttypes.models import ContentType
        from aufschub.models import Aufschubgesuch
        from kern import erweiterungen
        from kern.models import Aufgabe, Benutzer, Lesezugriff
        from verfuegungen.models import Verfuegung
        from vollzug.models import Vollzugsfall
        print(json.dumps({
            "gesuche": Aufschubgesuch.objects.count(),
            "gesuch_historie": Aufschubgesuch.history.count(),
            "gesuch_fall": Aufschubgesuch.objects.values_list("fall__fallnummer", flat=True).first(),
            "lesezugriffe": Lesezugriff.objects.count(),
            "typ_gesuch": ContentType.objects.get_for_model(Aufschubgesuch).pk,
            "typ_lesezugriff": ContentType.objects.get_for_model(Lesezugriff).pk,
            "aufgabenarten_unbekannt": sorted(
                set(Aufgabe.objects.values_list("art", flat=True)) - set(erweiterungen.AUFGABENARTEN)
            ),
            "benutzer": Benutzer.objects.filter(username="sachbearbeitung").count(),
            "faelle": Vollzugsfall.objects.count(),
            "verfuegungen": Verfuegung.objects.count(),
        }))
        """
    )
    ergebnis = _manage(settings.BASE_DIR, "shell", "-c", pruefung, env=env)
    werte = json.loads(ergebnis.stdout.strip().splitlines()[-1])
    assert werte == {
        "gesuche": vorher["vollzug_aufschubgesuch"],
        "gesuch_historie": vorher["vollzug_historicalaufschubgesuch"],
        "gesuch_fall": werte["gesuch_fall"],
        "lesezugriffe": vorher["protokoll_lesezugriff"],
        "typ_gesuch": alte_typen["vollzug.aufschubgesuch"],
        "typ_lesezugriff": alte_typen["protokoll.lesezugriff"],
        "aufgabenarten_unbekannt": [],
        "benutzer": 1,
        "faelle": vorher["vollzug_vollzugsfall"],
        "verfuegungen": vorher["verfuegungen_verfuegung"],
    }
    assert werte["gesuch_fall"]
