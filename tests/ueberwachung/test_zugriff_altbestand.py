"""Issue 23 point 7, old rows: access records of a listening written before the change still held the
free-text suspicion. Migration `ueberwachung/0004` rewrites them to category (§ 40 Abs. 2 lit.) + reference,
as the owner, and records each rewrite so that the hash chain stays intact (kern.audit_kette)."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from kern import audit_kette
from kern.models import Vernichtung
from ueberwachung import domain
from ueberwachung.models import Inhaltszugriff

from . import hilfen
from .hilfen import T0, aufnehmen, filmen, zone_anlegen

insasse = hilfen.insasse
MIGRATION = importlib.import_module("ueberwachung.migrations.0004_zugriff_verdachtstext_entfernen")
MARKER = "Geheimer-Verdacht-Drogenhandel-4711"
AUSWERTUNG = "Schlägerei im Hof (Auswertungsgrund)"


def _alt(aufzeichnung, user, **felder) -> Inhaltszugriff:
    """A listening row as the code before the change wrote it: letter + free-text suspicion."""
    return Inhaltszugriff.objects.create(
        benutzer=user,
        art="abhoeren",
        objektart="telefon",
        objekt_id=aufzeichnung.pk,
        person_id=aufzeichnung.person_id,
        anstalt_id=aufzeichnung.anstalt_id,
        tatbestand="j",
        verdacht=f"{MARKER}: Anrufer bestellt Ware",
        **felder,
    )


def _alle_werte() -> str:
    tabelle = connection.ops.quote_name(Inhaltszugriff._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {tabelle}")  # noqa: S608
        return repr(cursor.fetchall())


def _pruefen(leitung_a, insasse):
    t = aufnehmen(leitung_a, insasse)
    ohne_bezug = _alt(t, leitung_a)
    mit_bezug = _alt(t, leitung_a, verfahren_referenz="Rapport 2026-17")
    neu = domain.abhoeren(aufzeichnung=t, tatbestand="c", referenz="Rapport 2026-18", durch=leitung_a)
    video = filmen(leitung_a, zone_anlegen(leitung_a), beginn=T0)
    auswertung = domain.auswerten(
        video=video, verdachtsart="disziplinarvergehen", verdacht=AUSWERTUNG, durch=leitung_a
    )
    assert audit_kette.versiegeln() > 0  # the old rows are sealed with their free text
    assert MARKER in _alle_werte()

    MIGRATION.verdachtstexte_entfernen(apps, None)

    assert MARKER not in _alle_werte()
    werte = {
        z.pk: (z.tatbestand, z.verdacht, z.verfahren_referenz)
        for z in Inhaltszugriff.objects.filter(pk__in=[ohne_bezug.pk, mit_bezug.pk, neu.pk])
    }
    assert werte == {
        ohne_bezug.pk: ("j", "", MIGRATION.PLATZHALTER),
        mit_bezug.pk: ("j", "", "Rapport 2026-17"),
        neu.pk: ("c", "", "Rapport 2026-18"),  # already in the new form: untouched
    }
    # A video evaluation's grounds are still recorded as text (§ 30 Abs. 3): not this migration's matter.
    assert Inhaltszugriff.objects.get(pk=auswertung.pk).verdacht == AUSWERTUNG
    # Each rewrite is recorded, content-free; the chain accepts the rewritten rows because of it.
    tabelle = Inhaltszugriff._meta.db_table
    assert sorted(Vernichtung.objects.filter(tabelle=tabelle).values_list("zeile_pk", flat=True)) == sorted(
        [ohne_bezug.pk, mit_bezug.pk]
    )
    assert MARKER not in repr(list(Vernichtung.objects.values_list("grund", flat=True)))
    assert audit_kette.pruefen(tabellen=[tabelle]).intakt
    # Idempotent: a second run finds nothing.
    assert MIGRATION.verdachtstexte_entfernen(apps, None) == 0


@pytest.mark.rule("R-29-3")
@pytest.mark.eigentuemer  # a migration runs as the owner (on PostgreSQL the app role may not UPDATE this log)
@pytest.mark.django_db
def test_alte_zugriffe_verlieren_den_verdachtstext(leitung_a, insasse):
    _pruefen(leitung_a, insasse)


@pytest.mark.rule("R-29-3")
@pytest.mark.postgres
@pytest.mark.eigentuemer  # the migration runs as the table owner; the app role may not UPDATE this log
@pytest.mark.django_db
def test_alte_zugriffe_verlieren_den_verdachtstext_postgresql(leitung_a, insasse):
    if connection.vendor != "postgresql":
        pytest.skip("Privilegien und Kette der Protokolltabellen: PostgreSQL.")
    _pruefen(leitung_a, insasse)


@pytest.mark.rule("R-29-3")
@pytest.mark.eigentuemer  # rewrites the log as the owner would
@pytest.mark.django_db
def test_ohne_vernichtungsvermerk_meldet_die_kette_die_aenderung(leitung_a, insasse):
    """The control: the same rewrite without the migration's record is reported as a broken chain."""
    t = aufnehmen(leitung_a, insasse)
    alt = _alt(t, leitung_a)
    audit_kette.versiegeln()
    Inhaltszugriff.objects.filter(pk=alt.pk).update(verdacht="")
    tabelle = Inhaltszugriff._meta.db_table
    assert audit_kette.pruefen(tabellen=[tabelle]).brueche == [audit_kette.Bruch(tabelle, alt.pk, "geändert")]
