"""§ 16 JVG: special forms of execution (R-16-1) and gemeinnützige Arbeit (R-STGB-79A-1)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import fall_anlegen
from verfuegungen.recht import Verfuegungstyp
from vollzug.models import Sanktion
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import BesondereVollzugsform

F = recht.Vollzugsform16
HEUTE = timezone.localdate


@pytest.fixture
def fall(sachbearbeitung):
    return fall_anlegen(durch=sachbearbeitung, monate=4)


def _antrag(fall, sb, form, tage):
    return domain.vollzugsform_beantragen(
        fall=fall,
        sanktion=Sanktion.objects.get(entscheid__fall=fall),
        form=form,
        strafdauer_tage=tage,
        gesuch_am=HEUTE(),
        durch=sb,
    )


@pytest.mark.rule("R-16-1")
@pytest.mark.parametrize(
    ("form", "tage", "zulaessig"),
    [
        (F.HALBGEFANGENSCHAFT, 365, True),  # Art. 77b: höchstens zwölf Monate
        (F.HALBGEFANGENSCHAFT, 366, False),
        (F.ELECTRONIC_MONITORING, 19, False),  # Art. 79b Abs. 1 lit. a: 20 Tage …
        (F.ELECTRONIC_MONITORING, 20, True),
        (F.ELECTRONIC_MONITORING, 365, True),  # … bis zwölf Monate
        (F.ELECTRONIC_MONITORING, 366, False),
    ],
)
def test_voraussetzungen_an_der_grenze(fall, sachbearbeitung, form, tage, zulaessig):
    if zulaessig:
        assert _antrag(fall, sachbearbeitung, form, tage).status == recht.Formstatus.ABKLAERUNG
    else:
        with pytest.raises(ValidationError) as e:
            _antrag(fall, sachbearbeitung, form, tage)
        assert e.value.message_dict["strafdauer_tage"][0].startswith(("Art. 77b", "Art. 79b"))
        assert not BesondereVollzugsform.objects.exists()


@pytest.mark.rule("R-16-1")
def test_vollzugsbefehl_nach_abklaerung(fall, sachbearbeitung, leitung_a):
    v = _antrag(fall, sachbearbeitung, F.ELECTRONIC_MONITORING, 90)
    with pytest.raises(PermissionDenied):
        domain.vollzugsbefehl_erlassen(vollzugsform=v, abklaerung="ok", beginn=HEUTE(), durch=leitung_a)
    with pytest.raises(ValidationError) as e:
        domain.vollzugsbefehl_erlassen(vollzugsform=v, abklaerung="  ", beginn=HEUTE(), durch=sachbearbeitung)
    assert e.value.message_dict["abklaerung"][0].startswith("§ 16 Abs. 1 JVG")
    domain.vollzugsbefehl_erlassen(
        vollzugsform=v, abklaerung="Wohnung, Arbeit, Einverständnis.", beginn=HEUTE(), durch=sachbearbeitung
    )
    v.refresh_from_db()
    assert v.status == recht.Formstatus.BEFOHLEN and v.vollzugsbefehl_am is not None
    with pytest.raises(ValidationError):
        domain.vollzugsbefehl_erlassen(vollzugsform=v, abklaerung="x", beginn=HEUTE(), durch=sachbearbeitung)


@pytest.mark.rule("R-16-1")
def test_nur_fuer_freiheitsstrafen(sachbearbeitung):
    from vollzug.recht import Sanktionsart

    f = fall_anlegen(durch=sachbearbeitung)
    e = f.entscheide.get()
    s = Sanktion.objects.create(entscheid=e, art=Sanktionsart.AMBULANTE_MASSNAHME)
    with pytest.raises(ValidationError) as fehler:
        domain.vollzugsform_beantragen(
            fall=f,
            sanktion=s,
            form=F.HALBGEFANGENSCHAFT,
            strafdauer_tage=30,
            gesuch_am=HEUTE(),
            durch=sachbearbeitung,
        )
    assert fehler.value.message_dict["sanktion"][0].startswith("§ 16 Abs. 1 JVG")


@pytest.mark.rule("R-STGB-79A-1")
@pytest.mark.parametrize(("tage", "zulaessig"), [(180, True), (181, False)])
def test_gemeinnuetzige_arbeit_hoechstens_sechs_monate(fall, sachbearbeitung, tage, zulaessig):
    if zulaessig:
        v = _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, tage)
        assert v.stunden_soll == 720  # 180 Tage × 4 Stunden (Art. 79a Abs. 4 StGB)
    else:
        with pytest.raises(ValidationError) as e:
            _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, tage)
        assert e.value.message_dict["strafdauer_tage"][0].startswith("Art. 79a Abs. 1 lit. a StGB")


@pytest.mark.rule("R-STGB-79A-1")
def test_vier_stunden_ein_tag_auch_in_der_datenbank(fall, sachbearbeitung):
    v = _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, 10)
    assert v.stunden_soll == 40
    with pytest.raises(IntegrityError), transaction.atomic():
        BesondereVollzugsform.objects.filter(pk=v.pk).update(stunden_soll=39)


def _befohlen(fall, sb, tage=3):
    v = _antrag(fall, sb, F.GEMEINNUETZIGE_ARBEIT, tage)
    domain.vollzugsbefehl_erlassen(
        vollzugsform=v,
        abklaerung="Arbeitsfähig.",
        beginn=HEUTE() - timedelta(days=5),
        einsatzbetrieb="Brändi",
        durch=sb,
    )
    v.refresh_from_db()
    return v


@pytest.mark.rule("R-STGB-79A-1")
def test_frist_hoechstens_zwei_jahre(fall, sachbearbeitung):
    v = _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, 3)
    with pytest.raises(ValidationError) as e:
        domain.vollzugsbefehl_erlassen(
            vollzugsform=v,
            abklaerung="x",
            beginn=HEUTE(),
            einsatzbetrieb="B",
            frist_monate=25,
            durch=sachbearbeitung,
        )
    assert e.value.message_dict["frist_monate"][0].startswith("Art. 79a Abs. 5 StGB")
    domain.vollzugsbefehl_erlassen(
        vollzugsform=v,
        abklaerung="x",
        beginn=HEUTE(),
        einsatzbetrieb="B",
        frist_monate=24,
        durch=sachbearbeitung,
    )
    v.refresh_from_db()
    assert v.frist_bis.year == HEUTE().year + 2


@pytest.mark.rule("R-STGB-79A-1")
def test_stunden_protokolliert_und_erfuellt(fall, sachbearbeitung):
    v = _befohlen(fall, sachbearbeitung)  # 3 Tage = 12 Stunden
    domain.arbeitsstunden_erfassen(
        vollzugsform=v, datum=HEUTE(), stunden=8, gemeldet_von="Brändi", durch=sachbearbeitung
    )
    with pytest.raises(ValidationError) as e:
        domain.arbeitsstunden_erfassen(
            vollzugsform=v, datum=HEUTE(), stunden=5, gemeldet_von="Brändi", durch=sachbearbeitung
        )
    assert e.value.message_dict["stunden"] == [
        "Art. 79a Abs. 4 StGB: Es sind noch 4 von 12 Stunden zu leisten."
    ]
    e = domain.arbeitsstunden_erfassen(
        vollzugsform=v, datum=HEUTE(), stunden=4, gemeldet_von="Brändi", durch=sachbearbeitung
    )
    assert e.history.get().history_user == sachbearbeitung
    v.refresh_from_db()
    assert v.status == recht.Formstatus.ERFUELLT


@pytest.mark.rule("R-STGB-79A-1")
def test_nicht_geleistete_arbeit_lebt_per_verfuegung_auf(fall, sachbearbeitung):
    v = _befohlen(fall, sachbearbeitung, tage=5)  # 20 Stunden
    domain.arbeitsstunden_erfassen(
        vollzugsform=v, datum=HEUTE(), stunden=7, gemeldet_von="Brändi", durch=sachbearbeitung
    )
    # 7 Stunden = 1 voller Tag (4 Stunden); 3 Stunden eines angefangenen Tages zählen nicht: 5 - 1 = 4 Tage.
    vfg = domain.umwandeln(
        vollzugsform=v, begruendung="Trotz Mahnung vom 1.3. nicht erschienen.", durch=sachbearbeitung
    )
    v.refresh_from_db()
    assert (v.status, v.umwandlung_tage, v.verfuegung_id) == (recht.Formstatus.UMGEWANDELT, 4, vfg.pk)
    assert vfg.typ == Verfuegungstyp.BUNDESRECHT and "Art. 79a Abs. 6 StGB" in vfg.rechtsgrundlage
    assert vfg.dispositiv.startswith("Die Freiheitsstrafe wird für 4 Tage")
    with pytest.raises(ValidationError):
        domain.umwandeln(vollzugsform=v, begruendung="x", durch=sachbearbeitung)


@pytest.mark.rule("R-STGB-79A-1")
def test_umwandlung_verlangt_begruendung(fall, sachbearbeitung):
    v = _befohlen(fall, sachbearbeitung)
    with pytest.raises(ValidationError) as e:
        domain.umwandeln(vollzugsform=v, begruendung="", durch=sachbearbeitung)
    assert e.value.message_dict["begruendung"][0].startswith("Art. 79a Abs. 6 StGB")
    v.refresh_from_db()
    assert v.status == recht.Formstatus.BEFOHLEN and v.verfuegung is None
