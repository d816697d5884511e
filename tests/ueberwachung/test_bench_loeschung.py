"""Issue 19: `manage.py bench_loeschung` on a database that already holds due records (a `bench_daten`
database: 1 % due video recordings). The job deletes those too; the bench counts every deleted row and its
clean-up removes only its own data, keeping the other records' destruction protocols and their run (it
used to fail with ProtectedError on `Vernichtungsprotokoll.lauf`)."""

import pytest

from kern.models import Benutzer
from ueberwachung.leistung import bench_loeschung
from ueberwachung.models import Loeschlauf, Telefonaufzeichnung, Vernichtungsprotokoll
from vollzug.models import Anstalt, Person, Vollzugsfall

from . import hilfen
from .hilfen import aufnehmen

insasse, telefonanlage = hilfen.insasse, hilfen.telefonanlage


# The bench is the owner's tool on a bench database: its clean-up deletes destruction records and history
# rows, which the app role may not (append-only audit trail).
@pytest.mark.eigentuemer
def test_bench_zaehlt_alle_geloeschten_zeilen_und_raeumt_nur_das_eigene_auf(telefonanlage, insasse):
    fremd = aufnehmen(telefonanlage, insasse)  # recorded 1 March 2026: due since 9 June 2026
    vorher = (
        Person.objects.count(),
        Vollzugsfall.objects.count(),
        Anstalt.objects.count(),
        Benutzer.objects.count(),
    )

    messung = bench_loeschung(12, batch=5, dateien=False)

    assert messung.anzahl == 13  # the 12 prepared and the one already due
    assert not Telefonaufzeichnung.objects.exists()
    protokoll = Vernichtungsprotokoll.objects.get()
    assert (protokoll.person_id, protokoll.objekt_id) == (insasse.pk, fremd.pk)
    assert Loeschlauf.objects.get().pk == protokoll.lauf_id
    assert (
        Person.objects.count(),
        Vollzugsfall.objects.count(),
        Anstalt.objects.count(),
        Benutzer.objects.count(),
    ) == vorher
