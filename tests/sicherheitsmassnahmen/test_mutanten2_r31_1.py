"""Mutants of R-31-1 (§ 31 Abs. 1 JVG) that survived the marked tests (issue 25).

`antrag.py:206–207` (`platzierung_pruefen`): a measure ordered for a person placed in facility A is not
executed (Eröffnung) once the placement in A ended. No marked test reached the refusal: deleting the
check, `raise → pass` and `or → and` survived. `antrag.py:160` (ausgestaltung kept) and `views.py:98`
(the page without ?fall=) likewise.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import Massnahmenstatus
from vollzug import domain as vollzug_services
from vollzug.models import Platzierung

from .hilfen import anordnen, beantragen, eroeffnen, fixture_fall_a  # noqa: F401 (fixture fall_a)

pytestmark = pytest.mark.django_db


def _angeordnet(fall_a, personal_a, leitung_a):
    m = beantragen(fall_a, personal_a)
    anordnen(m, leitung_a)
    return m


def _nicht_eroeffnet(m, durch, anstalt_a):
    with pytest.raises(ValidationError) as e:
        eroeffnen(m, durch)
    assert e.value.message_dict["am"] == [
        f"§ 31 Abs. 1 JVG (R-31-1): Die Person ist nicht mehr in der {anstalt_a} platziert – "
        "die Massnahme kann dort nicht mehr angeordnet werden."
    ]
    g = Sicherheitsmassnahme.objects.get(pk=m.pk)
    assert (g.status, g.aktiv_seit) == (Massnahmenstatus.BEANTRAGT, None)
    assert g.verfuegung.eroeffnet_am is None


@pytest.mark.rule("R-31-1")
def test_nach_versetzung_ist_die_anordnung_aufgehoben(
    fall_a, personal_a, leitung_a, anstalt_b, sachbearbeitung
):
    # The service path: leaving the facility withdraws its pending orders (`versetzung.py`).
    m = _angeordnet(fall_a, personal_a, leitung_a)
    vollzug_services.versetzen(
        fall=fall_a,
        anstalt=anstalt_b,
        am=timezone.now() - timedelta(minutes=1),
        grund="a",
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError) as e:
        eroeffnen(m, sachbearbeitung)
    assert "«Aufgehoben»" in e.value.message_dict["status"][0]
    assert Sicherheitsmassnahme.objects.get(pk=m.pk).aktiv_seit is None


@pytest.mark.rule("R-31-1")
def test_platzierung_beendet_ohne_rueckzug_eroeffnung_abgelehnt(
    fall_a, personal_a, leitung_a, anstalt_a, sachbearbeitung
):
    # The Eröffnung's own check (`antrag.py:206`): a placement that ended without the withdrawal hook
    # (written by another path, or committed concurrently) still stops the measure.
    m = _angeordnet(fall_a, personal_a, leitung_a)
    Platzierung.objects.filter(fall=fall_a, bis__isnull=True).update(
        bis=timezone.now() - timedelta(minutes=1)
    )
    _nicht_eroeffnet(m, sachbearbeitung, anstalt_a)


@pytest.mark.rule("R-31-1")
def test_noch_platziert_eroeffnet_und_aktiv(fall_a, personal_a, leitung_a):
    m = _angeordnet(fall_a, personal_a, leitung_a)
    eroeffnen(m, leitung_a)
    g = Sicherheitsmassnahme.objects.get(pk=m.pk)
    assert g.status == Massnahmenstatus.AKTIV and g.aktiv_seit is not None


@pytest.mark.rule("R-31-1")
def test_ausgestaltung_gespeichert_ohne_umgebende_leerzeichen(fall_a, personal_a, anstalt_a):
    # `antrag.py:160` `(ausgestaltung or "")` → `and`: the stated arrangement of the measure was lost.
    m = beantragen(fall_a, personal_a, ausgestaltung="  Einzelzelle, Besuch nur mit Trennscheibe. ")
    g = Sicherheitsmassnahme.objects.get(pk=m.pk)
    assert (g.ausgestaltung, g.anstalt_id) == ("Einzelzelle, Besuch nur mit Trennscheibe.", anstalt_a.pk)


@pytest.mark.rule("R-31-1")
def test_antragsseite_ohne_und_mit_vorgewaehltem_fall(client_als, personal_a, fall_a):
    # `views.py:98` `daten is None and …isdigit()` → `or`: the page without ?fall= failed (KeyError, a 500).
    client = client_als(personal_a)
    url = reverse("sicherheitsmassnahmen:neu")
    antwort = client.get(url)
    assert antwort.status_code == 200
    assert antwort.context["form"].initial == {}
    antwort = client.get(url, {"fall": fall_a.pk})
    assert antwort.status_code == 200
    assert antwort.context["form"].initial == {"fall": fall_a}
    assert not Sicherheitsmassnahme.objects.exists()
