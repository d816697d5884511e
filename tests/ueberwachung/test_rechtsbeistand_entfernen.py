"""Issue 23 point 6 (R-29-4): a counsel number can be removed with a reason, the removal is logged, and
calls made before the removal stay refused (and are destroyed); only later calls may be recorded."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ueberwachung import domain, queries
from ueberwachung.models import Rechtsbeistand, Telefonaufzeichnung

from . import hilfen
from .hilfen import T0, aufnehmen

insasse, leitung_b, telefonanlage = hilfen.insasse, hilfen.leitung_b, hilfen.telefonanlage
pytestmark = pytest.mark.django_db

NUMMER = "041 210 00 00"


def _erfassen(durch, person, am=T0 - timedelta(days=5)):
    with time_machine.travel(am, tick=False):
        return domain.rechtsbeistand_erfassen(person=person, name="RA Muster", nummer=NUMMER, durch=durch)


def _entfernen(beistand, durch, am, grund="Mandat beendet"):
    with time_machine.travel(am, tick=False):
        return domain.rechtsbeistand_entfernen(beistand=beistand, grund=grund, durch=durch)


@pytest.mark.rule("R-29-4", "R-0-BAD-1")
def test_entfernen_mit_grund_und_rechten(
    insasse, sachbearbeitung, personal_a, leitung_a, leitung_b, revision
):
    b = _erfassen(sachbearbeitung, insasse)
    with pytest.raises(ValidationError) as exc:
        _entfernen(b, leitung_a, T0, grund="  ")
    assert "Grund" in exc.value.message_dict["grund"][0]
    for user in (personal_a, leitung_b, revision):
        with pytest.raises(PermissionDenied):
            _entfernen(b, user, T0)
    b = _entfernen(b, leitung_a, T0)
    assert (b.entfernt_am, b.entfernt_durch, b.entfernung_grund) == (T0, leitung_a, "Mandat beendet")
    zeile = b.history.latest("history_date")
    assert zeile.history_user == leitung_a and "Mandat beendet" in zeile.history_change_reason
    with pytest.raises(ValidationError):
        _entfernen(b, sachbearbeitung, T0)
    # After the removal the number may be registered again.
    _erfassen(sachbearbeitung, insasse, am=T0 + timedelta(minutes=1))
    assert Rechtsbeistand.objects.filter(person=insasse).count() == 2


@pytest.mark.rule("R-29-4")
def test_gespraeche_vor_der_entfernung_bleiben_abgewiesen(insasse, sachbearbeitung, telefonanlage):
    b = _erfassen(sachbearbeitung, insasse)
    _entfernen(b, sachbearbeitung, T0)
    # Just before the removal (delivered late): refused.
    with pytest.raises(ValidationError) as exc:
        aufnehmen(telefonanlage, insasse, beginn=T0 - timedelta(minutes=1), nummer=NUMMER)
    assert exc.value.error_dict["nummer"][0].code == "rechtsbeistand"
    # At the removal and later: recorded like any other call.
    spaeter = aufnehmen(telefonanlage, insasse, beginn=T0, nummer=NUMMER)
    assert list(Telefonaufzeichnung.objects.values_list("pk", flat=True)) == [spaeter.pk]
    assert not queries.telefon_rechtsbeistand().exists()


@pytest.mark.rule("R-29-4")
def test_vernichtung_erfasst_gespraeche_vor_der_entfernung(insasse, sachbearbeitung, telefonanlage):
    # A call recorded before the number was registered, then registered and removed in the same sweep
    # window: the sweep's selection still covers the call before the removal, not one after it.
    b = _erfassen(sachbearbeitung, insasse)
    _entfernen(b, sachbearbeitung, T0)
    nachher = aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(hours=1), nummer=NUMMER)
    Telefonaufzeichnung.objects.filter(pk=nachher.pk).update(beginn=T0 - timedelta(hours=1))  # made before
    assert list(queries.telefon_rechtsbeistand().values_list("pk", flat=True)) == [nachher.pk]


@pytest.mark.rule("R-29-4")
def test_entfernen_ueber_api(insasse, sachbearbeitung, revision):
    from tests.ueberwachung.test_api import api

    b = _erfassen(sachbearbeitung, insasse)
    url = reverse("ueberwachung-rechtsbeistand-entfernen", kwargs={"pk": b.pk})
    assert api(revision).post(url, {"grund": "x"}, format="json").status_code == 403
    leer = api(sachbearbeitung).post(url, {"grund": ""}, format="json")
    assert leer.status_code == 400 and "§ 29 Abs. 4" in str(leer.json())
    antwort = api(sachbearbeitung).post(url, {"grund": "Mandat beendet"}, format="json")
    assert antwort.status_code == 200
    assert antwort.json()["entfernungGrund"] == "Mandat beendet" and antwort.json()["entferntAm"]


@pytest.mark.rule("R-29-4")
def test_entfernen_ueber_die_seite(client_als, insasse, sachbearbeitung, leitung_a, leitung_b, revision):
    b = _erfassen(sachbearbeitung, insasse)
    url = reverse("ueberwachung:rechtsbeistand_entfernen", args=[b.pk])
    assert client_als(revision).post(url, {"grund": "x"}).status_code == 403
    assert client_als(leitung_b).post(url, {"grund": "x"}).status_code == 404
    c = client_als(leitung_a)
    seite = c.get(reverse("ueberwachung:rechtsbeistaende")).content.decode()
    assert url in seite
    c.post(url, {"grund": ""})
    b.refresh_from_db()
    assert b.entfernt_am is None
    assert c.post(url, {"grund": "Mandat beendet"}).status_code == 302
    b.refresh_from_db()
    assert (b.entfernt_durch, b.entfernung_grund) == (leitung_a, "Mandat beendet")
    seite = c.get(reverse("ueberwachung:rechtsbeistaende")).content.decode()
    assert "Mandat beendet" in seite and url not in seite
