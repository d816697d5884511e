"""Conditional release (Art. 86–87 StGB): examination, report, hearing, Verfügung, release."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kern.models import Aufgabe
from verfuegungen import domain as vs
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus
from vollzug.recht import Fallstatus
from vollzugsdaten import domain
from vollzugsdaten.models import Entlassungspruefung
from vollzugsdaten.recht import Ergebnis, Pruefungsstatus


@pytest.fixture
def pruefung(fall_im_vollzug):
    domain.aktuelle_berechnung(fall_im_vollzug)
    return Entlassungspruefung.objects.get(fall=fall_im_vollzug)


def _vorbereitet(pruefung, sb, leitung):
    pruefung = domain.bericht_anfordern(pruefung=pruefung, durch=sb)
    domain.bericht_erfassen(
        pruefung=pruefung, bericht="Gute Führung, Arbeit in der Schreinerei.", durch=leitung
    )
    return domain.anhoerung_erfassen(
        pruefung=pruefung,
        aeusserung="Wünscht die Entlassung.",
        am=timezone.now() - timedelta(hours=1),
        durch=sb,
    )


def _eroeffnen(v, sb, sb2):
    vs.zur_genehmigung_vorlegen(verfuegung=v, durch=sb)
    vs.genehmigen(verfuegung=v, durch=sb2)
    return vs.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sb)


@pytest.mark.rule("R-STGB-86-2")
def test_pruefung_von_amtes_wegen_konfigurierbar_vor_zwei_dritteln(fall_im_vollzug, settings):
    # Earliest 11.10.2026; three months before → 11.07.2026; with 2 months configured → 11.08.2026.
    b = domain.aktuelle_berechnung(fall_im_vollzug)
    p = Entlassungspruefung.objects.get(fall=fall_im_vollzug)
    assert p.faellig_am == date(2026, 7, 11) and p.status == Pruefungsstatus.OFFEN
    settings.JVG_BEDINGTE_ENTLASSUNG_VORLAUF_MONATE = 2
    assert domain.faellig_am(b) == date(2026, 8, 11)


def _vorlauf(fall, sb, monate, begruendung="Auslandkontakte: Vorbereitung der Ausschaffung braucht Zeit"):
    return domain.angaben_speichern(
        fall=fall,
        lebenslang=False,
        angerechnete_tage=0,
        anrechnung_beleg="",
        anderswo_tage=0,
        anderswo_beleg="",
        vorlauf_monate=monate,
        vorlauf_begruendung=begruendung,
        durch=sb,
    )


@pytest.mark.rule("R-STGB-86-2")
def test_vorlauf_je_fall_mit_begruendung_an_den_grenzen(fall_im_vollzug, sachbearbeitung):
    # Earliest 11.10.2026. Default 3 months → 11.07.2026. The case's own lead time moves the open
    # examination: 1 month (lower bound) → 11.09.2026; 12 months (upper bound) → 11.10.2025.
    domain.aktuelle_berechnung(fall_im_vollzug)
    p = Entlassungspruefung.objects.get(fall=fall_im_vollzug)
    assert p.faellig_am == date(2026, 7, 11)
    _vorlauf(fall_im_vollzug, sachbearbeitung, 1)
    p.refresh_from_db()
    assert p.faellig_am == date(2026, 9, 11)
    assert p.history.first().history_user == sachbearbeitung
    _vorlauf(fall_im_vollzug, sachbearbeitung, 12)
    p.refresh_from_db()
    assert p.faellig_am == date(2025, 10, 11)
    # Just outside: 0 and 13 months, and a lead time without reasons, are refused with the article.
    for monate in (0, 13):
        with pytest.raises(ValidationError) as fehler:
            _vorlauf(fall_im_vollzug, sachbearbeitung, monate)
        assert "Art. 86 Abs. 2 StGB" in str(fehler.value.message_dict["vorlauf_monate"])
    with pytest.raises(ValidationError) as fehler:
        _vorlauf(fall_im_vollzug, sachbearbeitung, 2, begruendung="  ")
    assert "vorlauf_begruendung" in fehler.value.message_dict
    p.refresh_from_db()
    assert p.faellig_am == date(2025, 10, 11)
    # Back to the system's default (empty): three months again.
    _vorlauf(fall_im_vollzug, sachbearbeitung, None, begruendung="")
    p.refresh_from_db()
    assert p.faellig_am == date(2026, 7, 11)


@pytest.mark.rule("R-STGB-86-2")
def test_vorlauf_je_fall_ueber_formular_und_api(client, fall_im_vollzug, sachbearbeitung):
    from django.urls import reverse

    domain.aktuelle_berechnung(fall_im_vollzug)
    client.force_login(sachbearbeitung)
    url = reverse("vollzugsdaten:angaben", args=[fall_im_vollzug.pk])
    basis = {"angerechnete_tage": 0, "anderswo_tage": 0}
    r = client.post(url, {**basis, "vorlauf_monate": 13, "vorlauf_begruendung": "x"})
    assert r.status_code == 400 and "Höchstens zwölf Monate (Art. 86 Abs. 2 StGB)." in r.content.decode()
    r = client.post(url, {**basis, "vorlauf_monate": 2})
    assert r.status_code == 400 and "anderen Vorlaufzeit" in r.content.decode()
    r = client.post(url, {**basis, "vorlauf_monate": 2, "vorlauf_begruendung": "Therapieabschluss"})
    assert r.status_code == 302
    assert Entlassungspruefung.objects.get(fall=fall_im_vollzug).faellig_am == date(2026, 8, 11)
    seite = client.get(reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk])).content.decode()
    assert "2 Monate vor dem frühesten Datum" in seite and "Therapieabschluss" in seite


@pytest.mark.rule("R-STGB-86-2")
def test_bericht_wird_bei_der_anstaltsleitung_angefordert(
    pruefung, sachbearbeitung, leitung_a, anstalt_a, personal_a
):
    p = domain.bericht_anfordern(pruefung=pruefung, durch=sachbearbeitung)
    aufgabe = Aufgabe.objects.get(pk=p.bericht_aufgabe_id)
    assert aufgabe.fuer_rolle == "anstaltsleitung" and aufgabe.anstalt == anstalt_a
    assert aufgabe.art == "bericht_86" and aufgabe.erledigt_am is None
    with pytest.raises(PermissionDenied):
        domain.bericht_erfassen(pruefung=p, bericht="x", durch=personal_a)
    with pytest.raises(ValidationError, match="Art. 86 Abs. 2"):
        domain.bericht_erfassen(pruefung=p, bericht="  ", durch=leitung_a)
    domain.bericht_erfassen(pruefung=p, bericht="Bericht", durch=leitung_a)
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt_am is not None and aufgabe.erledigt_durch == leitung_a


@pytest.mark.rule("R-STGB-86-2")
def test_kein_entscheid_ohne_bericht_und_anhoerung(pruefung, sachbearbeitung, leitung_a):
    kw = dict(ergebnis=Ergebnis.VERWEIGERT, begruendung="Rückfallgefahr.", durch=sachbearbeitung)
    with pytest.raises(ValidationError, match="Bericht der Einrichtung"):
        domain.entscheid_entwerfen(pruefung=pruefung, **kw)
    domain.bericht_erfassen(pruefung=pruefung, bericht="Bericht", durch=leitung_a)
    with pytest.raises(ValidationError, match="Person anhören"):
        domain.entscheid_entwerfen(pruefung=pruefung, **kw)
    domain.anhoerung_erfassen(pruefung=pruefung, aeusserung="Ja.", am=None, durch=sachbearbeitung)
    assert domain.entscheid_entwerfen(pruefung=pruefung, **kw).status == Verfuegungsstatus.ENTWURF


@pytest.mark.rule("R-STGB-86-1", "R-STGB-86-4")
def test_entlassungsdatum_an_den_grenzen(pruefung, sachbearbeitung, leitung_a):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    # 337 days: regular 11.10.2026 (225 days); exceptionally half = 169 days → 16.08.2026.
    kw = dict(
        ergebnis=Ergebnis.GEWAEHRT, begruendung="Gute Prognose.", probezeit_jahre=2, durch=sachbearbeitung
    )
    with pytest.raises(ValidationError, match="16.08.2026 \\(Art. 86 Abs. 4"):
        domain.entscheid_entwerfen(pruefung=p, entlassung_am=date(2026, 8, 15), **kw)
    with pytest.raises(ValidationError, match="ausserordentlichen persönlichen"):
        domain.entscheid_entwerfen(pruefung=p, entlassung_am=date(2026, 10, 10), **kw)
    v = domain.entscheid_entwerfen(
        pruefung=p,
        entlassung_am=date(2026, 8, 16),
        ausserordentliche_umstaende="Schwere Krankheit der Tochter.",
        **kw,
    )
    assert "16.08.2026 bedingt entlassen" in v.dispositiv


@pytest.mark.rule("R-STGB-86-1")
def test_regulaer_am_zwei_drittel_tag(pruefung, sachbearbeitung, leitung_a):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    v = domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.GEWAEHRT,
        begruendung="Gut.",
        entlassung_am=date(2026, 10, 11),
        probezeit_jahre=1,
        durch=sachbearbeitung,
    )
    assert v.typ == "bundesrecht" and "Art. 86 und 87 StGB" in v.rechtsgrundlage


@pytest.mark.rule("R-STGB-87-1")
@pytest.mark.parametrize("jahre", [0, 6, None])
def test_probezeit_ein_bis_fuenf_jahre(pruefung, sachbearbeitung, leitung_a, jahre):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    with pytest.raises(ValidationError, match="Art. 87 Abs. 1"):
        domain.entscheid_entwerfen(
            pruefung=p,
            ergebnis=Ergebnis.GEWAEHRT,
            begruendung="Gut.",
            entlassung_am=date(2026, 10, 11),
            probezeit_jahre=jahre,
            durch=sachbearbeitung,
        )


@pytest.mark.rule("R-STGB-87-1")
def test_probezeit_grenzen_1_und_5_und_weisungen(pruefung, sachbearbeitung, leitung_a):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    v = domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.GEWAEHRT,
        begruendung="Gut.",
        entlassung_am=date(2026, 10, 11),
        probezeit_jahre=5,
        bewaehrungshilfe=True,
        weisungen="Alkoholabstinenz\nWohnsitz im Kanton Luzern",
        durch=sachbearbeitung,
    )
    assert (
        "5 Jahre" in v.dispositiv and "Bewährungshilfe" in v.dispositiv and "Alkoholabstinenz" in v.dispositiv
    )


@pytest.mark.rule("R-STGB-86-3")
def test_verweigerung_oeffnet_neue_pruefung_spaetestens_nach_einem_jahr(
    pruefung, sachbearbeitung, sachbearbeitung2, leitung_a
):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    v = domain.entscheid_entwerfen(
        pruefung=p, ergebnis=Ergebnis.VERWEIGERT, begruendung="Ungünstige Prognose.", durch=sachbearbeitung
    )
    v = _eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    p.refresh_from_db()
    assert p.status == Pruefungsstatus.ENTSCHIEDEN
    neu = Entlassungspruefung.objects.get(fall=p.fall, nach_verweigerung=True)
    eroeffnet = timezone.localtime(v.eroeffnet_am).date()
    assert neu.faellig_am == eroeffnet.replace(year=eroeffnet.year + 1)
    assert neu.status == Pruefungsstatus.OFFEN


@pytest.mark.rule("R-STGB-86-3")
def test_neue_pruefung_nach_verweigerung_hoechstens_nach_zwoelf_monaten(
    pruefung, sachbearbeitung, sachbearbeitung2, leitung_a
):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    kw = dict(ergebnis=Ergebnis.VERWEIGERT, begruendung="Ungünstige Prognose.", durch=sachbearbeitung)
    # Just outside: 13 months (and 0) are refused with the article; nothing is drafted.
    for monate in (13, 0):
        with pytest.raises(ValidationError) as fehler:
            domain.entscheid_entwerfen(pruefung=p, neupruefung_monate=monate, **kw)
        assert "Art. 86 Abs. 3 StGB" in fehler.value.message_dict["neupruefung_monate"][0]
    p.refresh_from_db()
    assert p.status != Pruefungsstatus.ENTSCHEID_ENTWORFEN
    # Just inside: 12 months is the law's maximum; 6 months (sooner) is the authority's choice.
    v = domain.entscheid_entwerfen(pruefung=p, neupruefung_monate=6, **kw)
    assert "spätestens in 6 Monaten erneut geprüft" in v.dispositiv
    v = _eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    neu = Entlassungspruefung.objects.get(fall=p.fall, nach_verweigerung=True)
    eroeffnet = timezone.localtime(v.eroeffnet_am).date()
    from kern.strafzeit import plus_monate

    assert neu.faellig_am == plus_monate(eroeffnet, 6)


def test_neupruefung_im_formular_an_der_grenze(client, pruefung, sachbearbeitung, leitung_a):
    from django.urls import reverse

    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    client.force_login(sachbearbeitung)
    url = reverse("vollzugsdaten:entscheid", args=[p.pk])
    daten = {"ergebnis": Ergebnis.VERWEIGERT, "begruendung": "Ungünstig.", "neupruefung_monate": 13}
    r = client.post(url, daten)
    assert r.status_code == 400 and "höchstens zwölf Monate (Art. 86 Abs. 3 StGB)" in r.content.decode()
    r = client.post(url, {**daten, "neupruefung_monate": 12})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.neupruefung_monate == 12 and p.status == Pruefungsstatus.ENTSCHEID_ENTWORFEN


@pytest.mark.rule("R-STGB-86-1", "R-1-ENTL-1")
def test_gewaehrt_entlassung_ueber_vollzug_entlassen(pruefung, sachbearbeitung, sachbearbeitung2, leitung_a):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    heute = timezone.localdate()
    v = domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.GEWAEHRT,
        begruendung="Gut.",
        entlassung_am=heute,
        probezeit_jahre=2,
        durch=sachbearbeitung,
    )
    v = _eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    p.refresh_from_db()
    # Suspensive effect (§ 43 Abs. 2 lit. a JVG): not before the decision is enforceable.
    with pytest.raises(ValidationError, match="noch nicht vollstreckbar"):
        domain.bedingt_entlassen(pruefung=p, am=timezone.now(), durch=sachbearbeitung)
    vs.rechtskraft_eintragen(heute=v.rechtsmittelfrist_ende + timedelta(days=1))
    fall = domain.bedingt_entlassen(pruefung=p, am=timezone.now(), durch=sachbearbeitung)
    assert fall.status == Fallstatus.ENTLASSEN
    assert "Bedingte Entlassung (Art. 86 StGB)" in fall.entlassung_bemerkung
    p.refresh_from_db()
    assert p.entlassen_am is not None


@pytest.mark.rule("R-STGB-86-5")
def test_lebenslaenglich_15_jahre_ausnahmsweise_10(pruefung, sachbearbeitung, leitung_a):
    domain.angaben_speichern(
        fall=pruefung.fall,
        lebenslang=True,
        angerechnete_tage=0,
        anrechnung_beleg="",
        anderswo_tage=0,
        anderswo_beleg="",
        durch=sachbearbeitung,
    )
    b = domain.aktuelle_berechnung(pruefung.fall)
    assert b.bedingte_entlassung == date(2041, 2, 28) and b.bedingte_entlassung_ausnahme == date(2036, 2, 29)
    p = _vorbereitet(Entlassungspruefung.objects.get(fall=pruefung.fall), sachbearbeitung, leitung_a)
    kw = dict(ergebnis=Ergebnis.GEWAEHRT, begruendung="x", probezeit_jahre=5, durch=sachbearbeitung)
    with pytest.raises(ValidationError, match="Art. 86 Abs. 5 StGB: ausnahmsweise nach 10 Jahren"):
        domain.entscheid_entwerfen(pruefung=p, entlassung_am=date(2036, 2, 28), **kw)
    with pytest.raises(ValidationError, match="15 Jahren"):
        domain.entscheid_entwerfen(pruefung=p, entlassung_am=date(2036, 2, 29), **kw)


def _gewaehrt_und_entlassen(p, sb, sb2, *, bewaehrungshilfe, weisungen=""):
    heute = timezone.localdate()
    v = domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.GEWAEHRT,
        begruendung="Gut.",
        entlassung_am=heute,
        probezeit_jahre=3,
        bewaehrungshilfe=bewaehrungshilfe,
        weisungen=weisungen,
        durch=sb,
    )
    v = _eroeffnen(v, sb, sb2)
    p.refresh_from_db()
    vs.rechtskraft_eintragen(heute=v.rechtsmittelfrist_ende + timedelta(days=1))
    domain.bedingt_entlassen(pruefung=p, am=timezone.now(), durch=sb)
    return v


@pytest.mark.rule("R-19-1", "R-STGB-87-1")
def test_bewaehrungshilfe_eroeffnet_die_bewaehrungsakte(
    pruefung, sachbearbeitung, sachbearbeitung2, leitung_a
):
    from vollzugsgestaltung.models import Bewaehrungsakte

    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    v = _gewaehrt_und_entlassen(
        p,
        sachbearbeitung,
        sachbearbeitung2,
        bewaehrungshilfe=True,
        weisungen="Monatliche Meldung bei der Bewährungshilfe\n\n  Alkoholabstinenz  \n",
    )
    akte = Bewaehrungsakte.objects.get(fall=p.fall)
    heute = timezone.localdate()
    assert akte.anlass == "bedingte_entlassung" and akte.referenz == v.nummer
    assert akte.person_id == p.fall.person_id and akte.probezeit_von == heute
    assert akte.probezeit_jahre == 3 and akte.probezeit_bis == heute.replace(year=heute.year + 3) - timedelta(
        1
    )
    assert akte.history.first().history_user == sachbearbeitung
    weisungen = sorted(akte.weisungen.values_list("text", "naechste_kontrolle"))
    assert weisungen == [
        ("Alkoholabstinenz", heute + timedelta(days=30)),
        ("Monatliche Meldung bei der Bewährungshilfe", heute + timedelta(days=30)),
    ]
    # Idempotent: a second delivery of the same release opens no second file.
    from kern import erweiterungen
    from vollzugsgestaltung import domain as vg

    e = erweiterungen.BedingteEntlassung(
        person_id=akte.person_id,
        fall_id=p.fall_id,
        entlassen_am=heute,
        probezeit_jahre=3,
        bewaehrungshilfe=True,
        weisungen=("x",),
        entscheid=v.nummer,
    )
    assert vg.nach_bedingter_entlassung(e, sachbearbeitung) == akte
    assert Bewaehrungsakte.objects.filter(fall=p.fall).count() == 1


@pytest.mark.rule("R-19-1")
def test_ohne_bewaehrungshilfe_keine_akte(pruefung, sachbearbeitung, sachbearbeitung2, leitung_a):
    from vollzugsgestaltung.models import Bewaehrungsakte

    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    _gewaehrt_und_entlassen(p, sachbearbeitung, sachbearbeitung2, bewaehrungshilfe=False)
    assert not Bewaehrungsakte.objects.filter(fall=p.fall).exists()
