"""Issue 19: the deletion batch as set-based SQL (ueberwachung/domain/_loeschsatz.py): a fixed number of
statements per batch whatever its size, the history copies destroyed through the one destruction path
(on PostgreSQL the SECURITY DEFINER function) with one content-free `Vernichtung` each, and the hash chain
of the logs verifiable afterwards."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kern import audit_kette, datenbankrollen
from kern.models import Vernichtung
from ueberwachung import domain
from ueberwachung.models import Beizug, Telefonaufzeichnung, Vernichtungsprotokoll, speicher

from . import hilfen
from .hilfen import T0, aufnehmen

insasse, telefonanlage = hilfen.insasse, hilfen.telefonanlage

FAELLIG = T0 + timedelta(days=100, minutes=5)


def _aufnahmen(telefonanlage, insasse, anzahl, versatz=0):
    return [
        aufnehmen(
            telefonanlage, insasse, beginn=T0 - timedelta(minutes=versatz + i), inhalt=b"s%d" % (versatz + i)
        )
        for i in range(anzahl)
    ]


def _laufen(**kw):
    with time_machine.travel(FAELLIG, tick=False):
        return domain.aufzeichnungen_loeschen(**kw)


def _anweisungen(**kw) -> int:
    with CaptureQueriesContext(connection) as erfasst:
        _laufen(**kw)
    return len(erfasst.captured_queries)


@pytest.mark.rule("R-29-2")
def test_anweisungen_je_batch_unabhaengig_von_seiner_groesse(telefonanlage, insasse):
    _aufnahmen(telefonanlage, insasse, 2)
    klein = _anweisungen(batch=100)
    _aufnahmen(telefonanlage, insasse, 25, versatz=100)
    gross = _anweisungen(batch=100)
    assert not Telefonaufzeichnung.objects.exists()
    assert Vernichtungsprotokoll.objects.count() == 27
    # SQLite: the history of each batch goes through the queryset path (select, delete, insert).
    assert gross == klein


@pytest.mark.rule("R-29-2", "R-0-AUDIT-1")
def test_kette_bleibt_pruefbar_und_jede_historienzeile_hat_ihre_vernichtung(
    telefonanlage, insasse, leitung_a
):
    aufnahmen = _aufnahmen(telefonanlage, insasse, 5)
    b = domain.beizug_erfassen(
        aufzeichnung=aufnahmen[0],
        verfahrensart="strafverfahren",
        referenz="S",
        behoerde="StA",
        durch=leitung_a,
    )
    domain.beizug_aufheben(beizug=b, grund="erledigt", durch=leitung_a)
    historie = list(
        Telefonaufzeichnung.history.filter(id__in=[a.pk for a in aufnahmen]).values_list(
            "history_id", flat=True
        )
    )
    historie_beizug = list(Beizug.history.filter(id=b.pk).values_list("history_id", flat=True))
    assert len(historie) >= 5 and len(historie_beizug) >= 2
    audit_kette.versiegeln()

    lauf = _laufen(batch=2)

    assert (lauf.anzahl_telefon, lauf.anzahl_dateien) == (5, 5)
    assert (
        not Telefonaufzeichnung.history.exists()
        and not Beizug.history.exists()
        and not Beizug.objects.exists()
    )
    tabelle = Telefonaufzeichnung.history.model._meta.db_table
    assert sorted(Vernichtung.objects.filter(tabelle=tabelle).values_list("zeile_pk", flat=True)) == sorted(
        historie
    )
    assert sorted(
        Vernichtung.objects.filter(tabelle=Beizug.history.model._meta.db_table).values_list(
            "zeile_pk", flat=True
        )
    ) == sorted(historie_beizug)
    assert not any(speicher().exists(a.datei.name) for a in aufnahmen)
    assert audit_kette.versiegeln() > 0  # the destruction records are chained in turn
    assert audit_kette.pruefen().intakt


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SECURITY DEFINER gibt es nur auf PostgreSQL.")
@pytest.mark.rule("R-29-2", "R-0-AUDIT-1")
@pytest.mark.eigentuemer  # installs the SECURITY DEFINER function, which only the owner may create
def test_postgresql_vernichtet_die_historie_ueber_die_security_definer_funktion(telefonanlage, insasse):
    aufnahmen = _aufnahmen(telefonanlage, insasse, 3)
    with connection.cursor() as cursor:  # the owner's function, as `manage.py datenbankrollen` installs it
        cursor.execute(datenbankrollen._funktion_sql("postgres")[0])
    assert audit_kette._funktion_vorhanden()
    audit_kette.versiegeln()
    historie = sorted(
        Telefonaufzeichnung.history.filter(id__in=[a.pk for a in aufnahmen]).values_list(
            "history_id", flat=True
        )
    )
    with CaptureQueriesContext(connection) as erfasst:
        _laufen()
    assert any(audit_kette.VERNICHTUNGSFUNKTION in q["sql"] for q in erfasst.captured_queries)
    assert not any(
        q["sql"].startswith(f'DELETE FROM "{Telefonaufzeichnung.history.model._meta.db_table}"')
        for q in erfasst.captured_queries
    )
    tabelle = Telefonaufzeichnung.history.model._meta.db_table
    assert sorted(Vernichtung.objects.filter(tabelle=tabelle).values_list("zeile_pk", flat=True)) == historie
    assert not Telefonaufzeichnung.history.exists()
    audit_kette.versiegeln()
    assert audit_kette.pruefen().intakt


def test_dateien_ausserhalb_der_ablage_werden_nie_entfernt(tmp_path):
    from django.core.exceptions import SuspiciousFileOperation
    from django.core.files.storage import FileSystemStorage

    from ueberwachung.domain import loeschung

    (tmp_path / "ablage" / "ueberwachung").mkdir(parents=True)
    drin, draussen = tmp_path / "ablage" / "ueberwachung" / "a.ogg", tmp_path / "fremd.txt"
    drin.write_bytes(b"a")
    draussen.write_bytes(b"b")
    storage = FileSystemStorage(location=tmp_path / "ablage")
    loeschung._lokal_entfernen(storage, ["ueberwachung/a.ogg", "ueberwachung/fehlt.ogg"])
    assert not drin.exists()
    for name in ("../fremd.txt", str(draussen), "ueberwachung/../../fremd.txt"):
        with pytest.raises(SuspiciousFileOperation):
            loeschung._lokal_entfernen(storage, [name])
    assert draussen.exists()
