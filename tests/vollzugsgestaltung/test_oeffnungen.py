"""Vollzugsöffnungen: Art. 75a (R-STGB-75A-1), § 43 Abs. 3 (R-43-3), failure to return (§§ 32, 40)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kern.models import Aufgabe
from kern.rollen import Rolle
from verfuegungen import domain as vfg
from verfuegungen.recht import Verfuegungstyp
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import Vollzugsoeffnung

from .conftest import beantragen, eroeffnen

S = recht.Oeffnungsstatus


def test_antrag_durch_einrichtung_der_platzierung(fall_a, leitung_a, personal_b):
    o = beantragen(fall_a, leitung_a)
    assert (o.status, o.anstalt_id) == (S.BEANTRAGT, fall_a.platzierungen.get().anstalt_id)
    assert o.history.get().history_user == leitung_a
    with pytest.raises(PermissionDenied):
        beantragen(fall_a, personal_b)


def test_antrag_schlechte_eingaben_mit_meldung(fall_a, sachbearbeitung):
    jetzt = timezone.now()
    with pytest.raises(ValidationError) as e:
        beantragen(fall_a, sachbearbeitung, von=jetzt + timedelta(days=2), bis=jetzt + timedelta(days=2))
    assert e.value.message_dict == {"bis": ["Die Rückkehr muss nach dem Beginn liegen."]}
    with pytest.raises(ValidationError) as e:
        beantragen(fall_a, sachbearbeitung, art="freigang")
    assert "Art. 77a, 84 Abs. 6 StGB" in e.value.message_dict["art"][0]


@pytest.mark.rule("R-STGB-75A-1")
def test_75a_kein_entscheid_ohne_fachkommission(fall_a, leitung_a, sachbearbeitung):
    o = beantragen(fall_a, leitung_a, gemeingefaehrlich_75a=True)
    for bewilligen in (True, False):
        with pytest.raises(ValidationError) as e:
            domain.oeffnung_entscheiden(
                oeffnung=o, bewilligen=bewilligen, begruendung="Gut.", durch=sachbearbeitung
            )
        assert e.value.message_dict["fachkommission_am"][0].startswith("Art. 75a Abs. 1 StGB:")
    o.refresh_from_db()
    assert o.status == S.BEANTRAGT and o.verfuegung is None


@pytest.mark.rule("R-STGB-75A-1")
def test_75a_nach_fachkommission_entscheidbar(fall_a, leitung_a, sachbearbeitung):
    o = beantragen(fall_a, leitung_a, gemeingefaehrlich_75a=True)
    heute = timezone.localdate()
    with pytest.raises(ValidationError):  # the assessment cannot be dated in the future
        domain.fachkommission_erfassen(
            oeffnung=o, am=heute + timedelta(days=1), ergebnis="befuerwortet", text="x", durch=sachbearbeitung
        )
    domain.fachkommission_erfassen(
        oeffnung=o, am=heute, ergebnis="mit_auflagen", text="Begleitet, 6 Stunden.", durch=sachbearbeitung
    )
    v = domain.oeffnung_entscheiden(
        oeffnung=o, bewilligen=True, begruendung="Stufe erreicht.", durch=sachbearbeitung
    )
    assert v.typ == Verfuegungstyp.BUNDESRECHT and v.gegenstand == Vollzugsoeffnung.objects.get(pk=o.pk)
    assert "Fachkommission" in v.sachverhalt


@pytest.mark.rule("R-STGB-75A-1")
def test_75a_ohne_gemeingefaehrlichkeit_keine_fachkommission_noetig(fall_a, leitung_a, sachbearbeitung):
    o = beantragen(fall_a, leitung_a)
    domain.oeffnung_entscheiden(oeffnung=o, bewilligen=False, begruendung="Zu früh.", durch=sachbearbeitung)
    o.refresh_from_db()
    assert o.status == S.ABGELEHNT


@pytest.mark.rule("R-STGB-75A-1")
def test_75a_datenbank_verweigert_entscheid_ohne_fachkommission(fall_a, leitung_a):
    o = beantragen(fall_a, leitung_a, gemeingefaehrlich_75a=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vollzugsoeffnung.objects.filter(pk=o.pk).update(status=S.BEWILLIGT)


def test_entscheid_nur_durch_behoerde_und_nur_einmal(fall_a, leitung_a, sachbearbeitung):
    o = beantragen(fall_a, leitung_a)
    with pytest.raises(PermissionDenied):
        domain.oeffnung_entscheiden(oeffnung=o, bewilligen=True, begruendung="x", durch=leitung_a)
    domain.oeffnung_entscheiden(oeffnung=o, bewilligen=True, begruendung="x", durch=sachbearbeitung)
    with pytest.raises(ValidationError):
        domain.oeffnung_entscheiden(oeffnung=o, bewilligen=True, begruendung="x", durch=sachbearbeitung)


def _bewilligt_und_eroeffnet(fall, leitung, sb, sb2, **kw):
    o = beantragen(fall, leitung, **kw)
    v = domain.oeffnung_entscheiden(oeffnung=o, bewilligen=True, begruendung="Stufe 2.", durch=sb)
    eroeffnen(v, sb, sb2)
    o.refresh_from_db()
    return o


def test_antritt_erst_nach_eroeffnung(fall_a, leitung_a, sachbearbeitung, sachbearbeitung2):
    o = beantragen(fall_a, leitung_a, von=timezone.now() - timedelta(hours=1))
    v = domain.oeffnung_entscheiden(oeffnung=o, bewilligen=True, begruendung="x", durch=sachbearbeitung)
    o.refresh_from_db()
    with pytest.raises(ValidationError):
        domain.antritt_erfassen(oeffnung=o, am=timezone.now(), durch=leitung_a)
    eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    o.refresh_from_db()
    domain.antritt_erfassen(oeffnung=o, am=timezone.now(), durch=leitung_a)
    o.refresh_from_db()
    assert o.status == S.ANGETRETEN


def test_nichtrueckkehr_oeffnet_aufgaben_zu_32_und_40(fall_a, leitung_a, sachbearbeitung, sachbearbeitung2):
    jetzt = timezone.now()
    o = _bewilligt_und_eroeffnet(
        fall_a,
        leitung_a,
        sachbearbeitung,
        sachbearbeitung2,
        von=jetzt - timedelta(hours=10),
        bis=jetzt + timedelta(minutes=30),
    )
    domain.antritt_erfassen(oeffnung=o, am=jetzt - timedelta(hours=9), durch=leitung_a)
    o.refresh_from_db()
    with pytest.raises(ValidationError) as e:  # the return is not yet due
        domain.nichtrueckkehr_feststellen(oeffnung=o, bemerkung="Nicht erschienen.", durch=leitung_a)
    assert "bewilligten Ende" in e.value.message_dict["am"][0]
    Vollzugsoeffnung.objects.filter(pk=o.pk).update(bis=jetzt - timedelta(minutes=5))
    o.refresh_from_db()
    domain.nichtrueckkehr_feststellen(oeffnung=o, bemerkung="Nicht erschienen.", durch=leitung_a)
    aufgaben = Aufgabe.objects.filter(fall=fall_a).order_by("art")
    assert [(a.art, a.fuer_rolle, a.anstalt_id) for a in aufgaben] == [
        (recht.Aufgabenart.NICHTRUECKKEHR_32, Rolle.ANSTALTSLEITUNG, o.anstalt_id),
        (recht.Aufgabenart.NICHTRUECKKEHR_40, Rolle.ANSTALTSLEITUNG, o.anstalt_id),
    ]
    o.refresh_from_db()
    assert o.status == S.NICHT_ZURUECKGEKEHRT


def test_rueckkehr_beendet_oeffnung(fall_a, leitung_a, sachbearbeitung, sachbearbeitung2):
    jetzt = timezone.now()
    o = _bewilligt_und_eroeffnet(
        fall_a, leitung_a, sachbearbeitung, sachbearbeitung2, von=jetzt - timedelta(hours=5)
    )
    domain.antritt_erfassen(oeffnung=o, am=jetzt - timedelta(hours=4), durch=leitung_a)
    o.refresh_from_db()
    with pytest.raises(ValidationError):  # before departure
        domain.rueckkehr_erfassen(oeffnung=o, am=jetzt - timedelta(hours=5), durch=leitung_a)
    domain.rueckkehr_erfassen(oeffnung=o, am=jetzt, durch=leitung_a)
    o.refresh_from_db()
    assert o.status == S.ZURUECKGEKEHRT and not Aufgabe.objects.filter(fall=fall_a).exists()


@pytest.mark.rule("R-43-3")
@pytest.mark.parametrize(
    ("grundlage", "sta"),
    [
        (recht.Vollzugsgrundlage.ART_59, True),
        (recht.Vollzugsgrundlage.ART_64, True),
        (recht.Vollzugsgrundlage.LEBENSLAENGLICH, True),
        (recht.Vollzugsgrundlage.ART_60_61, False),
        (recht.Vollzugsgrundlage.FREIHEITSSTRAFE, False),
    ],
)
def test_beschwerde_ladet_staatsanwaltschaft_nur_bei_59_64_lebenslaenglich(
    fall_a, leitung_a, sachbearbeitung, sachbearbeitung2, grundlage, sta
):
    o = beantragen(fall_a, leitung_a, grundlage=grundlage)
    v = domain.oeffnung_entscheiden(
        oeffnung=o, bewilligen=False, begruendung="Rückfallgefahr.", durch=sachbearbeitung
    )
    v = eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=timezone.localdate(), durch=sachbearbeitung)
    o.refresh_from_db()
    assert o.beschwerde_am == timezone.localdate()
    aufgaben = Aufgabe.objects.filter(art=recht.Aufgabenart.STELLUNGNAHME_STA, fall=fall_a)
    assert aufgaben.count() == (1 if sta else 0)
    if sta:
        with pytest.raises(ValidationError):
            domain.stellungnahme_sta_erfassen(
                oeffnung=o, eingeladen_am=timezone.localdate() - timedelta(days=1), durch=sachbearbeitung
            )
        domain.stellungnahme_sta_erfassen(
            oeffnung=o, eingeladen_am=timezone.localdate(), durch=sachbearbeitung
        )
        assert aufgaben.get().erledigt_am is not None
    else:
        with pytest.raises(ValidationError) as e:
            domain.stellungnahme_sta_erfassen(
                oeffnung=o, eingeladen_am=timezone.localdate(), durch=sachbearbeitung
            )
        assert "§ 43 Abs. 3 JVG" in e.value.message_dict["sta_eingeladen_am"][0]


@pytest.mark.rule("R-43-3")
def test_beschwerde_gegen_andere_bundesrechtliche_verfuegung_laesst_oeffnungen_unberuehrt(
    fall_a, leitung_a, sachbearbeitung, sachbearbeitung2
):
    from verfuegungen.domain import Entwurfsdaten, verfuegung_entwerfen

    o = beantragen(fall_a, leitung_a, grundlage=recht.Vollzugsgrundlage.ART_59)
    andere = verfuegung_entwerfen(
        typ=Verfuegungstyp.BUNDESRECHT,
        person=fall_a.person,
        fall=fall_a,
        daten=Entwurfsdaten(
            titel="T", rechtsgrundlage="StGB", sachverhalt="S", begruendung="B", dispositiv="D"
        ),
        durch=sachbearbeitung,
    )
    andere = eroeffnen(andere, sachbearbeitung, sachbearbeitung2)
    vfg.beschwerde_erfassen(verfuegung=andere, eingegangen_am=timezone.localdate(), durch=sachbearbeitung)
    o.refresh_from_db()
    assert o.beschwerde_am is None
    assert not Aufgabe.objects.filter(art=recht.Aufgabenart.STELLUNGNAHME_STA).exists()


def test_kein_antrag_ausserhalb_des_vollzugs(sachbearbeitung):
    from tests.factories import fall_anlegen

    fall = fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as e:
        beantragen(fall, sachbearbeitung)
    assert "Art. 84 Abs. 6 StGB" in e.value.message_dict["fall"][0]
