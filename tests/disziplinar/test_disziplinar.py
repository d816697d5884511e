"""Disciplinary law (§§ 40–42 JVG): Rapport (R-40-1), criminal report (R-40-4), sanctions and their
limits (R-41-1, R-41-2), assessment and prior sanctions (R-41-4), limitation at notification (R-41-5a),
the 5-day appeal to the JSD in the PDF (R-42-1), and the shared Gehör/four-eyes lifecycle."""

import hashlib
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from disziplinar import domain, queries
from disziplinar.domain import Beurteilung, DeliktDaten, SanktionDaten
from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren, Rapport
from disziplinar.recht import Disziplinarsanktionsart as A
from disziplinar.recht import Sanktionsstatus, Tatbestand, Teilnahmeform, Verfahrensstatus
from kern.fristen import METHODE_MONATE, TZ
from kern.models import Benutzer
from kern.rollen import Rolle
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import Anhoerungsart, EroeffnungArt, Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Anstalt
from vollzug.recht import Traegerschaft

S = Verfuegungsstatus

# --- helpers (also used by test_disziplinar_verjaehrung.py) ---------------------------------------


def benutzer(username, rolle, anstalt=None):
    user = Benutzer(username=username, rolle=rolle, anstalt=anstalt, first_name=username, last_name="Test")
    user.set_password(PASSWORT)
    user.save()
    return user


def rapport(personal, fall, *, tatzeit=None, delikte=None, **kw) -> Rapport:
    return domain.rapport_erfassen(
        fall=fall,
        tatzeit=tatzeit or timezone.now() - timedelta(hours=2),
        sachverhalt="Die Person verweigerte um 07:30 Uhr die Arbeit und beschädigte die Zellentür.",
        delikte=delikte
        if delikte is not None
        else [DeliktDaten(Tatbestand.K), DeliktDaten(Tatbestand.F, Teilnahmeform.VERSUCH)],
        durch=personal,
        **kw,
    )


def verfahren(personal, leitung, fall, **kw) -> Disziplinarverfahren:
    return domain.verfahren_eroeffnen(rapport=rapport(personal, fall, **kw), durch=leitung)


def beurteilung(**aenderungen) -> Beurteilung:
    daten = {
        "verschulden": "Vorsätzlich, erheblich.",
        "schwere": "Störung des Arbeitsbetriebs einer ganzen Abteilung.",
        "persoenliche_verhaeltnisse": "Belastende familiäre Situation.",
        "auswirkung_resozialisierung": "Kurzer Einschluss gefährdet die Arbeitsstelle nicht.",
    }
    daten.update(aenderungen)
    return Beurteilung(**daten)


def entwurf(verfahren, leitung, sanktionen=None, **kw):
    return domain.verfuegung_entwerfen_fuer(
        verfahren=verfahren,
        sanktionen=sanktionen if sanktionen is not None else [SanktionDaten(A.VERWEIS)],
        beurteilung=kw.pop("beurteilung", beurteilung()),
        begruendung=kw.pop("begruendung", "Die Arbeitsverweigerung ist erstellt."),
        durch=leitung,
    )


def genehmigt(v, leitung, leitung2):
    vfg.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.STELLUNGNAHME, text="Ich war krank.", durch=leitung)
    v = vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=leitung)
    return vfg.genehmigen(verfuegung=v, durch=leitung2)


def eroeffnet(verfahren, leitung, leitung2, sanktionen=None, am=None):
    genehmigt(entwurf(verfahren, leitung, sanktionen), leitung, leitung2)
    return domain.verfuegung_eroeffnen(
        verfahren=verfahren, art=EroeffnungArt.EINSCHREIBEN, am=am, durch=leitung
    )


def meldungen(exc: ValidationError, feld: str) -> list[str]:
    return exc.value.message_dict[feld]


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def verfahren_a(personal_a, leitung_a, fall_a):
    return verfahren(personal_a, leitung_a, fall_a)


# --- R-40-1: Rapport -----------------------------------------------------------------------------


def test_tatbestaende_sind_die_generalklausel_und_lit_a_bis_l():
    assert Tatbestand.values == ["allgemein", *"abcdefghijkl"]
    assert Tatbestand.C.paragraph == "§ 40 Abs. 2 lit. c JVG"
    assert Tatbestand.ALLGEMEIN.paragraph == "§ 40 Abs. 1 JVG"
    assert Tatbestand.L.label == "lit. l: mehrfache Wiederholung von einfachen Disziplinarvergehen"


@pytest.mark.rule("R-40-1", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_rapport_mit_delikten_teilnahme_und_beilage(personal_a, fall_a, anstalt_a):
    inhalt = b"%PDF-1.4 Foto der Zellentuer"
    r = rapport(
        personal_a,
        fall_a,
        zeugen="Aufseher Meier",
        beilagen=[domain.BeilageDaten("Foto", SimpleUploadedFile("foto.pdf", inhalt))],
    )
    assert (r.anstalt, r.person_id, r.gemeldet_durch) == (anstalt_a, fall_a.person_id, personal_a)
    assert [(d.tatbestand, d.teilnahmeform) for d in r.delikte.order_by("pk")] == [
        ("k", "taeterschaft"),
        ("f", "versuch"),
    ]
    beilage = r.beilagen.get()
    assert beilage.sha256 == hashlib.sha256(inhalt).hexdigest()
    assert r.history.get().history_user == personal_a
    assert r.delikte.first().history.get().history_user == personal_a


@pytest.mark.rule("R-40-1", "R-0-BAD-1")
@pytest.mark.django_db
def test_rapport_ohne_delikt_abgelehnt(personal_a, fall_a):
    with pytest.raises(ValidationError) as e:
        rapport(personal_a, fall_a, delikte=[])
    assert meldungen(e, "delikte")[0].startswith("§ 40 JVG (R-40-1): Mindestens ein Disziplinarvergehen")
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-40-1", "R-0-BAD-1")
@pytest.mark.django_db
def test_rapport_unbekannter_tatbestand_teilnahmeform_und_doppelt_abgelehnt(personal_a, fall_a):
    with pytest.raises(ValidationError) as e:
        rapport(
            personal_a,
            fall_a,
            delikte=[DeliktDaten("m"), DeliktDaten("k", "mittaeterschaft"), DeliktDaten("k")],
        )
    assert meldungen(e, "delikte[0].tatbestand") == ["§ 40 JVG (R-40-1): Unbekannter Tatbestand."]
    assert meldungen(e, "delikte[1].teilnahmeform")[0].startswith("§ 40 Abs. 3 JVG (R-40-1)")
    assert meldungen(e, "delikte[2].tatbestand") == [
        "§ 40 JVG (R-40-1): Jeder Tatbestand nur einmal je Rapport."
    ]


@pytest.mark.rule("R-40-1")
@pytest.mark.django_db
def test_rapport_tatzeit_grenze_jetzt_und_zukunft(personal_a, fall_a):
    jetzt = datetime(2026, 11, 20, 10, 0, tzinfo=TZ)
    with time_machine.travel(jetzt, tick=False):
        assert rapport(personal_a, fall_a, tatzeit=jetzt).tatzeit == jetzt
        with pytest.raises(ValidationError) as e:
            rapport(personal_a, fall_a, tatzeit=jetzt + timedelta(minutes=1))
    assert meldungen(e, "tatzeit") == [
        "§ 40 JVG (R-40-1): Der Zeitpunkt der Tat kann nicht in der Zukunft liegen."
    ]
    with pytest.raises(ValidationError) as e:
        rapport(personal_a, fall_a, tatzeit=datetime(2026, 11, 20, 10, 0))  # naive
    assert meldungen(e, "tatzeit")[0].startswith("R-40-1")


@pytest.mark.rule("R-40-1", "R-0-ROLE-1")
@pytest.mark.django_db
def test_rapport_nur_durch_personal_der_anstalt_der_person(personal_b, sachbearbeitung, revision, fall_a):
    for user in (personal_b, sachbearbeitung, revision):
        with pytest.raises(PermissionDenied):
            rapport(user, fall_a)
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-40-1")
@pytest.mark.django_db
def test_rapport_nie_vor_der_tat_gespeichert_db(personal_a, fall_a):
    r = rapport(personal_a, fall_a)
    r.tatzeit = r.erfasst_am + timedelta(seconds=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        r.save()


# --- Proceeding, R-40-4 ----------------------------------------------------------------------------


@pytest.mark.rule("R-41-5a", "R-0-FRIST-2", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_verfahren_verjaehrung_31_august_bis_28_februar_mit_methode(
    personal_a, leitung_a, sachbearbeitung, anstalt_a
):
    with time_machine.travel(datetime(2026, 8, 31, 23, 30, tzinfo=TZ), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        # 23:15 local on 31 August is 21:15 UTC: the local date counts.
        v = verfahren(personal_a, leitung_a, fall, tatzeit=datetime(2026, 8, 31, 23, 15, tzinfo=TZ))
    assert (v.verjaehrung_am, v.verjaehrung_methode) == (date(2027, 2, 28), METHODE_MONATE)
    assert v.nummer.startswith("D-2026-")
    assert (v.status, v.geleitet_durch, v.anstalt) == (Verfahrensstatus.OFFEN, leitung_a, anstalt_a)
    assert v.history.get().history_user == leitung_a


@pytest.mark.rule("R-41-5a")
@pytest.mark.django_db
def test_verfahren_eroeffnen_verjaehrt_rolle_und_doppelt(personal_a, leitung_a, fall_a):
    r = rapport(personal_a, fall_a)
    with pytest.raises(PermissionDenied):
        domain.verfahren_eroeffnen(rapport=r, durch=personal_a)
    domain.verfahren_eroeffnen(rapport=r, durch=leitung_a)
    with pytest.raises(ValidationError) as e:
        domain.verfahren_eroeffnen(rapport=r, durch=leitung_a)
    assert meldungen(e, "rapport")[0].startswith("Zu diesem Rapport besteht bereits das Verfahren D-")
    # An act whose six months have passed can no longer be prosecuted.
    alt = rapport(personal_a, fall_a, tatzeit=timezone.now() - timedelta(days=200))
    with pytest.raises(ValidationError) as e:
        domain.verfahren_eroeffnen(rapport=alt, durch=leitung_a)
    assert meldungen(e, "verjaehrung_am")[0].startswith(
        "§ 41 Abs. 5 JVG (R-41-5a): Die disziplinarische Verfolgung ist verjährt"
    )


@pytest.mark.rule("R-40-4", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_strafanzeige_vormerken(verfahren_a, leitung_a, personal_a):
    with pytest.raises(PermissionDenied):
        domain.strafanzeige_vormerken(verfahren=verfahren_a, datum=timezone.localdate(), durch=personal_a)
    with pytest.raises(ValidationError) as e:
        domain.strafanzeige_vormerken(
            verfahren=verfahren_a, datum=timezone.localdate() + timedelta(days=1), durch=leitung_a
        )
    assert meldungen(e, "strafanzeige_am")[0].startswith("§ 40 Abs. 4 JVG (R-40-4)")
    v = domain.strafanzeige_vormerken(
        verfahren=verfahren_a, datum=timezone.localdate(), referenz="STA LU 2026/123", durch=leitung_a
    )
    v.refresh_from_db()
    assert (v.strafanzeige, v.strafanzeige_am, v.strafanzeige_referenz) == (
        True,
        timezone.localdate(),
        "STA LU 2026/123",
    )
    assert v.history.first().history_user == leitung_a


@pytest.mark.rule("R-40-4")
@pytest.mark.django_db
def test_strafanzeige_ohne_datum_nie_gespeichert(verfahren_a):
    verfahren_a.strafanzeige = True
    with pytest.raises(IntegrityError), transaction.atomic():
        verfahren_a.save()


# --- R-41-1, R-41-2: one place for the limits -----------------------------------------------------


def _privat(delegiert=True):
    return Anstalt(
        name="P",
        kurzname="P",
        ort="L",
        traegerschaft=Traegerschaft.PRIVAT,
        disziplinarbefugnis_delegiert=delegiert,
    )


def _kantonal():
    return Anstalt(name="K", kurzname="K", ort="L", traegerschaft=Traegerschaft.KANTONAL)


@pytest.mark.rule("R-41-1", grenze=True)
@pytest.mark.django_db
@pytest.mark.parametrize(
    "sanktion",
    [
        SanktionDaten(A.EINSCHLUSS, dauer_tage=15),
        SanktionDaten(A.EINSCHLUSS, dauer_tage=1),
        SanktionDaten(A.ARREST, dauer_tage=10),
        SanktionDaten(A.BUSSE, betrag_chf=Decimal("500.00")),
        SanktionDaten(A.BUSSE, betrag_chf=Decimal("0.05")),
        SanktionDaten(A.ENTZUG, beschreibung="Fernseher für 14 Tage"),
    ],
)
def test_sanktionen_grenzen_zulaessig(sanktion, settings, verfahren_a, leitung_a):
    """Just inside each limit: the sanction is stored as given (issue 25: the persisted result, not only
    "no exception"); just outside and bad input: test_sanktionen_grenzen_ueberschritten and the DB test."""
    settings.JVG_DISZIPLINAR_BUSSE_MAX_CHF = 500
    domain.sanktionen_pruefen(_kantonal(), [sanktion])
    v = entwurf(verfahren_a, leitung_a, [sanktion])

    gespeichert = v.disziplinarsanktionen.get()
    assert (gespeichert.art, gespeichert.dauer_tage, gespeichert.betrag_chf) == (
        sanktion.art,
        sanktion.dauer_tage,
        sanktion.betrag_chf,
    )


@pytest.mark.rule("R-41-1", "R-0-BAD-1")
@pytest.mark.parametrize(
    ("sanktion", "feld", "meldung"),
    [
        (
            SanktionDaten(A.ARREST, dauer_tage=11),
            "dauer_tage",
            "§ 41 Abs. 1 lit. f JVG (R-41-1): Arrest höchstens 10 Tage.",
        ),
        (
            SanktionDaten(A.EINSCHLUSS, dauer_tage=16),
            "dauer_tage",
            "§ 41 Abs. 1 lit. e JVG (R-41-1): Zellen- oder Zimmereinschluss höchstens 15 Tage.",
        ),
        (
            SanktionDaten(A.EINSCHLUSS, dauer_tage=0),
            "dauer_tage",
            "§ 41 Abs. 1 lit. e JVG (R-41-1): Dauer in ganzen Tagen angeben (mindestens 1 Tag).",
        ),
        (
            SanktionDaten(A.ARREST),
            "dauer_tage",
            "§ 41 Abs. 1 lit. f JVG (R-41-1): Dauer in ganzen Tagen angeben (mindestens 1 Tag).",
        ),
        (
            SanktionDaten(A.BUSSE, betrag_chf=Decimal("500.01")),
            "betrag_chf",
            "§ 41 Abs. 1 lit. d JVG (R-41-1): Busse höchstens CHF 500.00.",
        ),
        (
            SanktionDaten(A.BUSSE, betrag_chf=Decimal("0")),
            "betrag_chf",
            "§ 41 Abs. 1 lit. d JVG (R-41-1): Die Busse muss grösser als CHF 0.00 sein.",
        ),
        (
            SanktionDaten(A.BUSSE, betrag_chf=Decimal("-5")),
            "betrag_chf",
            "§ 41 Abs. 1 lit. d JVG (R-41-1): Die Busse muss grösser als CHF 0.00 sein.",
        ),
        (
            SanktionDaten(A.BUSSE, betrag_chf=99.5),
            "betrag_chf",
            "§ 41 Abs. 1 lit. d JVG (R-41-1): Betrag der Busse in Franken angeben (z. B. 150.00).",
        ),
        (
            SanktionDaten(A.BUSSE, betrag_chf=Decimal("NaN")),
            "betrag_chf",
            "§ 41 Abs. 1 lit. d JVG (R-41-1): Betrag der Busse in Franken angeben (z. B. 150.00).",
        ),
        (
            SanktionDaten(A.BUSSE, betrag_chf=Decimal("10.005")),
            "betrag_chf",
            "§ 41 Abs. 1 lit. d JVG (R-41-1): Betrag höchstens auf Rappen genau (zwei Dezimalstellen).",
        ),
        (
            SanktionDaten(A.VERWEIS, betrag_chf=Decimal("10")),
            "betrag_chf",
            "§ 41 Abs. 1 lit. a JVG (R-41-1): Einen Betrag gibt es nur bei der Busse (lit. d).",
        ),
        (
            SanktionDaten(A.VERWEIS, dauer_tage=3),
            "dauer_tage",
            "§ 41 Abs. 1 lit. a JVG (R-41-1): Eine Dauer gibt es nur bei Einschluss und Arrest.",
        ),
        (
            SanktionDaten(A.ENTZUG, beschreibung="  "),
            "beschreibung",
            "§ 41 Abs. 1 lit. b JVG (R-41-1): Angeben, welche Erleichterung oder Bewilligung entzogen wird.",
        ),
        (SanktionDaten("g"), "art", "§ 41 Abs. 1 JVG (R-41-1): Unbekannte Disziplinarsanktion (lit. a–f)."),
    ],
)
def test_sanktionen_grenzen_abgelehnt(sanktion, feld, meldung, settings):
    settings.JVG_DISZIPLINAR_BUSSE_MAX_CHF = 500
    with pytest.raises(ValidationError) as e:
        domain.sanktionen_pruefen(_kantonal(), [sanktion])
    assert meldungen(e, f"sanktionen[0].{feld}") == [meldung]


@pytest.mark.rule("R-41-1")
def test_busse_maximum_ist_konfigurierbar(settings):
    settings.JVG_DISZIPLINAR_BUSSE_MAX_CHF = 1000
    domain.sanktionen_pruefen(_kantonal(), [SanktionDaten(A.BUSSE, betrag_chf=Decimal("1000.00"))])
    with pytest.raises(ValidationError) as e:
        domain.sanktionen_pruefen(_kantonal(), [SanktionDaten(A.BUSSE, betrag_chf=Decimal("1000.01"))])
    assert meldungen(e, "sanktionen[0].betrag_chf") == [
        "§ 41 Abs. 1 lit. d JVG (R-41-1): Busse höchstens CHF 1'000.00."
    ]


@pytest.mark.rule("R-41-1")
def test_sanktionen_kombinierbar_aber_jede_art_einmal():
    alle = [
        SanktionDaten(A.VERWEIS),
        SanktionDaten(A.ENTZUG, beschreibung="Ausgang"),
        SanktionDaten(A.RUECKVERSETZUNG),
        SanktionDaten(A.BUSSE, betrag_chf=Decimal("50.00")),
        SanktionDaten(A.EINSCHLUSS, dauer_tage=3),
        SanktionDaten(A.ARREST, dauer_tage=2),
    ]
    domain.sanktionen_pruefen(_kantonal(), alle)  # § 41 Abs. 3
    with pytest.raises(ValidationError) as e:
        domain.sanktionen_pruefen(
            _kantonal(), [SanktionDaten(A.ARREST, dauer_tage=2), SanktionDaten(A.ARREST, dauer_tage=3)]
        )
    assert meldungen(e, "sanktionen[1].art")[0].startswith(
        "§ 41 Abs. 3 JVG (R-41-1): Arrest ist bereits angegeben"
    )
    with pytest.raises(ValidationError) as e:
        domain.sanktionen_pruefen(_kantonal(), [])
    assert meldungen(e, "sanktionen") == [
        "§ 41 Abs. 3 JVG (R-41-1): Mindestens eine Disziplinarsanktion angeben."
    ]


@pytest.mark.rule("R-41-2")
def test_private_anstalt_einschluss_7_tage_zulaessig_8_abgelehnt():
    domain.sanktionen_pruefen(_privat(), [SanktionDaten(A.EINSCHLUSS, dauer_tage=7)])
    with pytest.raises(ValidationError) as e:
        domain.sanktionen_pruefen(_privat(), [SanktionDaten(A.EINSCHLUSS, dauer_tage=8)])
    assert meldungen(e, "sanktionen[0].dauer_tage") == [
        "§ 41 Abs. 2 JVG (R-41-2): In privaten Einrichtungen Zellen- oder Zimmereinschluss höchstens 7 Tage."
    ]


@pytest.mark.rule("R-41-2")
def test_private_anstalt_kein_arrest_aber_a_bis_e():
    domain.sanktionen_pruefen(
        _privat(),
        [
            SanktionDaten(A.VERWEIS),
            SanktionDaten(A.ENTZUG, beschreibung="Sport"),
            SanktionDaten(A.RUECKVERSETZUNG),
            SanktionDaten(A.BUSSE, betrag_chf=Decimal("20.00")),
            SanktionDaten(A.EINSCHLUSS, dauer_tage=2),
        ],
    )
    with pytest.raises(ValidationError) as e:
        domain.sanktionen_pruefen(_privat(), [SanktionDaten(A.ARREST, dauer_tage=1)])
    assert meldungen(e, "sanktionen[0].art") == [
        "§ 41 Abs. 2 JVG (R-41-2): Private Einrichtungen dürfen nur Sanktionen nach Abs. 1 lit. a–e "
        "aussprechen, keinen Arrest (lit. f)."
    ]


@pytest.mark.rule("R-41-2")
def test_private_anstalt_ohne_delegation_darf_nichts():
    with pytest.raises(ValidationError) as e:
        domain.sanktionen_pruefen(_privat(delegiert=False), [SanktionDaten(A.VERWEIS)])
    assert meldungen(e, "sanktionen") == [
        "§ 41 Abs. 2 JVG (R-41-2): Der privaten Einrichtung P ist die Kompetenz, Disziplinarsanktionen "
        "auszufällen, nicht übertragen."
    ]


@pytest.mark.rule("R-41-2")
@pytest.mark.django_db
def test_private_anstalt_ende_zu_ende(sachbearbeitung, privatanstalt):
    """A private facility with delegated powers decides through the same path; Arrest is refused there."""
    leitung = benutzer("leitung_p", Rolle.ANSTALTSLEITUNG, privatanstalt)
    personal = benutzer("personal_p", Rolle.ANSTALTSPERSONAL, privatanstalt)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=privatanstalt)
    vp = verfahren(personal, leitung, fall)
    with pytest.raises(ValidationError) as e:
        entwurf(vp, leitung, [SanktionDaten(A.ARREST, dauer_tage=3)])
    assert meldungen(e, "sanktionen[0].art")[0].startswith("§ 41 Abs. 2 JVG (R-41-2)")
    v = entwurf(vp, leitung, [SanktionDaten(A.EINSCHLUSS, dauer_tage=7)])
    assert (v.typ, v.anstalt) == (Verfuegungstyp.DISZIPLINAR, privatanstalt)


@pytest.mark.rule("R-41-2")
@pytest.mark.django_db
def test_private_anstalt_ohne_delegation_ende_zu_ende(sachbearbeitung):
    ohne = Anstalt.objects.create(
        name="Wohnheim Privat", kurzname="WHP", ort="Luzern", traegerschaft=Traegerschaft.PRIVAT
    )
    leitung = benutzer("leitung_o", Rolle.ANSTALTSLEITUNG, ohne)
    personal = benutzer("personal_o", Rolle.ANSTALTSPERSONAL, ohne)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=ohne)
    vp = verfahren(personal, leitung, fall)
    with pytest.raises(ValidationError) as e:
        entwurf(vp, leitung, [SanktionDaten(A.VERWEIS)])
    assert meldungen(e, "sanktionen")[0].startswith(
        "§ 41 Abs. 2 JVG (R-41-2): Der privaten Einrichtung Wohnheim Privat"
    )


@pytest.mark.rule("R-41-1")
@pytest.mark.django_db
def test_db_verweigert_arrest_ueber_10_tage(verfahren_a, leitung_a):
    v = entwurf(verfahren_a, leitung_a, [SanktionDaten(A.ARREST, dauer_tage=10)])
    s = v.disziplinarsanktionen.get()
    s.dauer_tage = 11
    with pytest.raises(IntegrityError), transaction.atomic():
        s.save()


# --- Drafting the decision: R-41-4, schedule, R-41-5a -----------------------------------------------


@pytest.mark.rule("R-41-4")
@pytest.mark.django_db
def test_beurteilungskriterien_erforderlich(verfahren_a, leitung_a):
    with pytest.raises(ValidationError) as e:
        entwurf(
            verfahren_a, leitung_a, beurteilung=beurteilung(verschulden=" ", auswirkung_resozialisierung="")
        )
    assert meldungen(e, "verschulden") == [
        "§ 41 Abs. 4 JVG (R-41-4): Für die Zumessung ist «Schwere des Verschuldens» zu würdigen."
    ]
    assert meldungen(e, "auswirkung_resozialisierung")[0].startswith("§ 41 Abs. 4 JVG (R-41-4)")
    assert "schwere" not in e.value.message_dict
    assert not Disziplinarsanktion.objects.exists()


@pytest.mark.rule("R-41-4", "R-41-1", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_entwurf_mit_vorstrafen_sachverhalt_dispositiv(personal_a, leitung_a, leitung_a2, fall_a, anstalt_a):
    erstes = verfahren(personal_a, leitung_a, fall_a, tatzeit=timezone.now() - timedelta(days=20))
    v1 = eroeffnet(erstes, leitung_a, leitung_a2, [SanktionDaten(A.VERWEIS)])
    zweites = verfahren(personal_a, leitung_a, fall_a)
    assert [s.art for s in queries.vorstrafen(fall_a.person, ausser=zweites)] == [A.VERWEIS]
    v = entwurf(
        zweites,
        leitung_a,
        [SanktionDaten(A.BUSSE, betrag_chf=Decimal("150.50")), SanktionDaten(A.ARREST, dauer_tage=3)],
    )
    assert (v.typ, v.status, v.anstalt, v.gegenstand, v.fall) == (
        Verfuegungstyp.DISZIPLINAR,
        S.ENTWURF,
        anstalt_a,
        zweites,
        fall_a,
    )
    assert (
        f"Frühere Disziplinarsanktionen (Wiederholungsfall, § 41 Abs. 4 JVG): Verfügung {v1.nummer}"
        in v.begruendung
    )
    assert "Schwere des Verschuldens: Vorsätzlich, erheblich." in v.begruendung
    assert "§ 40 Abs. 2 lit. f JVG (Versuch (§ 40 Abs. 3))" in v.sachverhalt
    assert v.rechtsgrundlage == "§ 40 Abs. 2 lit. f, k und Abs. 3; § 41 Abs. 1 lit. d, f und Abs. 4 JVG"
    person = fall_a.person
    assert v.dispositiv_ziffern == [
        f"1. {person.vorname} {person.amtlicher_name}: Busse von CHF 150.50 (§ 41 Abs. 1 lit. d JVG).",
        f"2. {person.vorname} {person.amtlicher_name}: Arrest von 3 Tagen, beginnend am Tag nach der Eröffnung "
        "dieser Verfügung (§ 41 Abs. 1 lit. f JVG).",
    ]
    zweites.refresh_from_db()
    assert zweites.verschulden == "Vorsätzlich, erheblich."
    sanktionen = list(v.disziplinarsanktionen.order_by("art"))
    assert [(s.art, s.betrag_chf, s.dauer_tage, s.vollzug_beginn) for s in sanktionen] == [
        (A.BUSSE, Decimal("150.50"), None, None),
        (A.ARREST, None, 3, None),
    ]
    assert sanktionen[0].history.get().history_user == leitung_a
    # A draft sanctions nobody: only notified decisions count as prior sanctions.
    assert [s.verfuegung_id for s in queries.vorstrafen(person)] == [v1.pk]


@pytest.mark.rule("R-41-1", "R-0-BAD-1")
@pytest.mark.django_db
def test_vollzugszeitraum_vom_server_berechnet(verfahren_a, leitung_a):
    beginn = timezone.localdate() + timedelta(days=2)
    with pytest.raises(ValidationError) as e:
        entwurf(
            verfahren_a,
            leitung_a,
            [
                SanktionDaten(
                    A.EINSCHLUSS, dauer_tage=5, vollzug_beginn=beginn, vollzug_ende=beginn + timedelta(days=5)
                )
            ],
        )
    assert meldungen(e, "sanktionen[0].vollzug_ende") == [
        f"§ 41 Abs. 1 lit. e JVG (R-41-1): 5 Tage ab {beginn:%d.%m.%Y} enden am "
        f"{beginn + timedelta(days=4):%d.%m.%Y} (das Ende berechnet das System)."
    ]
    with pytest.raises(ValidationError) as e:
        entwurf(verfahren_a, leitung_a, [SanktionDaten(A.ARREST, dauer_tage=2, vollzug_ende=beginn)])
    assert meldungen(e, "sanktionen[0].vollzug_ende")[0].startswith(
        "§ 41 Abs. 1 lit. f JVG (R-41-1): Ohne Vollzugsbeginn"
    )
    with pytest.raises(ValidationError) as e:
        entwurf(
            verfahren_a,
            leitung_a,
            [SanktionDaten(A.ARREST, dauer_tage=2, vollzug_beginn=timezone.localdate() - timedelta(days=1))],
        )
    assert meldungen(e, "sanktionen[0].vollzug_beginn")[0].startswith("§ 41 Abs. 1 lit. f JVG (R-41-1)")
    v = entwurf(
        verfahren_a,
        leitung_a,
        [
            SanktionDaten(
                A.EINSCHLUSS, dauer_tage=5, vollzug_beginn=beginn, vollzug_ende=beginn + timedelta(days=4)
            )
        ],
    )
    s = v.disziplinarsanktionen.get()
    assert (s.vollzug_beginn, s.vollzug_ende) == (beginn, beginn + timedelta(days=4))
    assert f"vom {beginn:%d.%m.%Y} bis {beginn + timedelta(days=4):%d.%m.%Y}" in v.dispositiv


@pytest.mark.rule("R-41-1", "R-0-VFG-4")
@pytest.mark.django_db
def test_vollzug_beginnt_am_tag_nach_der_eroeffnung(verfahren_a, leitung_a, leitung_a2):
    with time_machine.travel(datetime(2026, 12, 4, 9, 0, tzinfo=TZ), tick=False):
        v = eroeffnet(verfahren_a, leitung_a, leitung_a2, [SanktionDaten(A.ARREST, dauer_tage=10)])
    s = v.disziplinarsanktionen.get()
    assert (s.vollzug_beginn, s.vollzug_ende) == (date(2026, 12, 5), date(2026, 12, 14))
    verfahren_a.refresh_from_db()
    assert (verfahren_a.status, verfahren_a.abgeschlossen_am) == (
        Verfahrensstatus.ENTSCHIEDEN,
        v.eroeffnet_am,
    )


@pytest.mark.rule("R-0-4EYES-1", "R-0-GEHOER-1")
@pytest.mark.django_db
def test_vier_augen_und_gehoer_greifen_fuer_disziplinarverfuegung(
    verfahren_a, leitung_a, leitung_a2, personal_a
):
    v = entwurf(verfahren_a, leitung_a)
    v = vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=leitung_a)
    # No decision without the person's statement or waiver.
    with pytest.raises(ValidationError) as e:
        vfg.genehmigen(verfuegung=v, durch=leitung_a2)
    assert meldungen(e, "anhoerung")[0].startswith("R-0-GEHOER-1")
    vfg.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=leitung_a)
    # The drafter cannot approve, staff never approve (R-0-4EYES-1).
    with pytest.raises(ValidationError) as e:
        vfg.genehmigen(verfuegung=v, durch=leitung_a)
    assert meldungen(e, "durch")[0].startswith("R-0-4EYES-1")
    with pytest.raises(PermissionDenied):
        vfg.genehmigen(verfuegung=v, durch=personal_a)
    # Not notifiable before approval.
    with pytest.raises(ValidationError) as e:
        domain.verfuegung_eroeffnen(verfahren=verfahren_a, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    assert meldungen(e, "status")[0].startswith("R-0-4EYES-1")
    v = vfg.genehmigen(verfuegung=v, durch=leitung_a2)
    assert (v.status, v.genehmigt_durch) == (S.GENEHMIGT, leitung_a2)


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_nur_die_leitung_der_anstalt_entscheidet(
    verfahren_a, personal_a, sachbearbeitung, revision, anstalt_b
):
    # Issue 17: staff of the facility draft the decision (the management approves it, R-0-4EYES-1):
    # tests/disziplinar/test_entwurf_durch_personal.py. Nobody outside the facility drafts.
    leitung_b = benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)
    personal_b = benutzer("personal_b2", Rolle.ANSTALTSPERSONAL, anstalt_b)
    for user in (personal_b, sachbearbeitung, revision, leitung_b):
        with pytest.raises(PermissionDenied):
            entwurf(verfahren_a, user)
    from disziplinar.queries import verfahren_fuer_user

    assert list(verfahren_fuer_user(sachbearbeitung)) == [verfahren_a]
    assert list(verfahren_fuer_user(revision)) == [verfahren_a]
    assert list(verfahren_fuer_user(leitung_b)) == []
    # Issue 17: staff of the facility read it (person placed there), another facility's staff not.
    assert list(verfahren_fuer_user(personal_a)) == [verfahren_a]
    assert list(verfahren_fuer_user(personal_b)) == []


@pytest.mark.rule("R-41-5a")
@pytest.mark.django_db
def test_kein_entwurf_nach_verjaehrung(personal_a, leitung_a, sachbearbeitung, anstalt_a):
    with time_machine.travel(datetime(2026, 8, 31, 12, 0, tzinfo=TZ), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        vp = verfahren(personal_a, leitung_a, fall, tatzeit=datetime(2026, 8, 31, 10, 0, tzinfo=TZ))
    with (
        time_machine.travel(datetime(2027, 3, 1, 8, 0, tzinfo=TZ), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        entwurf(vp, leitung_a)
    assert meldungen(e, "verjaehrung_am") == [
        "§ 41 Abs. 5 JVG (R-41-5a): Die disziplinarische Verfolgung ist verjährt (Tat vom 31.08.2026): "
        "spätestens am 28.02.2027 musste die Verfügung eröffnet sein, heute ist der 01.03.2027."
    ]


def _bis_zur_genehmigung(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a):
    with time_machine.travel(datetime(2026, 8, 31, 12, 0, tzinfo=TZ), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        vp = verfahren(personal_a, leitung_a, fall, tatzeit=datetime(2026, 8, 31, 10, 0, tzinfo=TZ))
    with time_machine.travel(datetime(2027, 2, 20, 9, 0, tzinfo=TZ), tick=False):
        genehmigt(entwurf(vp, leitung_a), leitung_a, leitung_a2)
    return vp


@pytest.mark.rule("R-41-5a", "R-0-FRIST-2")
@pytest.mark.django_db
def test_eroeffnung_am_28_februar_zulaessig(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a):
    vp = _bis_zur_genehmigung(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a)
    with time_machine.travel(datetime(2027, 2, 28, 23, 30, tzinfo=TZ), tick=False):
        v = domain.verfuegung_eroeffnen(verfahren=vp, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    assert v.status == S.EROEFFNET


@pytest.mark.rule("R-41-5a", "R-0-FRIST-2")
@pytest.mark.django_db
def test_eroeffnung_am_1_maerz_abgelehnt(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a):
    vp = _bis_zur_genehmigung(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a)
    with time_machine.travel(datetime(2027, 3, 1, 0, 30, tzinfo=TZ), tick=False):
        with pytest.raises(ValidationError) as e:
            domain.verfuegung_eroeffnen(verfahren=vp, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
        v = domain.verfuegung_von(vp)
        with pytest.raises(ValidationError):
            domain.eroeffnung_pruefen(v)
    assert meldungen(e, "verjaehrung_am")[0].startswith("§ 41 Abs. 5 JVG (R-41-5a)")
    assert v.status == S.GENEHMIGT
    vp.refresh_from_db()
    assert vp.status == Verfahrensstatus.OFFEN


@pytest.mark.rule("R-41-5a")
def test_eroeffnung_ueber_die_allgemeine_verfuegung_prueft_die_verjaehrung_auch(
    personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a
):
    # The generic Verfügung page and API call the shared `eroeffnen`: § 41 Abs. 5 bites there too.
    vp = _bis_zur_genehmigung(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a)
    v = domain.verfuegung_von(vp)
    with (
        time_machine.travel(datetime(2027, 3, 1, 0, 30, tzinfo=TZ), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        vfg.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    assert meldungen(e, "verjaehrung_am")[0].startswith("§ 41 Abs. 5 JVG (R-41-5a)")
    with time_machine.travel(datetime(2027, 2, 28, 23, 0, tzinfo=TZ), tick=False):
        vfg.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    vp.refresh_from_db()
    assert vp.status == Verfahrensstatus.ENTSCHIEDEN  # the module's effect ran through the shared path


# --- R-42-1: the PDF -----------------------------------------------------------------------------


@pytest.mark.rule("R-42-1", "R-0-VFG-1")
@pytest.mark.django_db
def test_pdf_fuenf_tage_beim_jsd_ohne_aufschiebende_wirkung_kostenlos(verfahren_a, leitung_a):
    v = entwurf(verfahren_a, leitung_a, [SanktionDaten(A.EINSCHLUSS, dauer_tage=4)])
    pdf = vfg.pdf_erzeugen(verfuegung=v, durch=leitung_a)
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    kompakt = text.replace(" ", "")
    belehrung = kompakt[kompakt.index("Rechtsmittelbelehrung") :]
    assert "innertfünfTagenseitihrerEröffnungbeimJustiz-undSicherheitsdepartement" in belehrung
    assert "(§42JVG)" in belehrung
    assert "keineaufschiebendeWirkungzu(§44JVG;§44Abs.1lit.bJVG)" in kompakt
    assert "inderRegelkostenlos" in kompakt
    assert "Zellen-oderZimmereinschlussvon4Tagen" in kompakt


# --- Execution (§ 44, lit. c) -----------------------------------------------------------------------


@pytest.mark.rule("R-0-VFG-4", "R-41-1", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_vollzug_ab_eroeffnung_und_verfuegung_vollzogen(verfahren_a, leitung_a, leitung_a2, personal_a):
    v = entwurf(
        verfahren_a,
        leitung_a,
        [SanktionDaten(A.VERWEIS), SanktionDaten(A.BUSSE, betrag_chf=Decimal("40.00"))],
    )
    verweis, busse = v.disziplinarsanktionen.order_by("art")
    with pytest.raises(ValidationError) as e:
        domain.sanktion_vollziehen(sanktion=verweis, durch=leitung_a)
    assert meldungen(e, "status")[0].startswith("§ 44 JVG (R-0-VFG-4)")
    genehmigt(v, leitung_a, leitung_a2)
    domain.verfuegung_eroeffnen(verfahren=verfahren_a, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    with pytest.raises(PermissionDenied):
        domain.sanktion_vollziehen(sanktion=verweis, durch=personal_a)
    domain.sanktion_vollziehen(sanktion=verweis, durch=leitung_a)
    verweis.refresh_from_db()
    assert verweis.status == Sanktionsstatus.VOLLZOGEN
    assert verweis.history.first().history_user == leitung_a
    v.refresh_from_db()
    assert v.status == S.EROEFFNET  # the Busse is still open
    with pytest.raises(ValidationError) as e:
        domain.sanktion_vollziehen(sanktion=verweis, durch=leitung_a)
    assert meldungen(e, "status") == ["Diese Sanktion ist bereits vollzogen."]
    domain.sanktion_vollziehen(sanktion=busse, durch=leitung_a)
    v.refresh_from_db()
    assert v.status == S.VOLLZOGEN


@pytest.mark.rule("R-41-1")
@pytest.mark.django_db
def test_einschluss_nicht_vor_seinem_beginn(verfahren_a, leitung_a, leitung_a2):
    v = eroeffnet(verfahren_a, leitung_a, leitung_a2, [SanktionDaten(A.EINSCHLUSS, dauer_tage=2)])
    s = v.disziplinarsanktionen.get()
    with pytest.raises(ValidationError) as e:
        domain.sanktion_vollziehen(sanktion=s, durch=leitung_a)
    assert meldungen(e, "status") == [
        f"§ 41 Abs. 1 lit. e JVG (R-41-1): Der Vollzug beginnt erst am {s.vollzug_beginn:%d.%m.%Y}."
    ]
    with time_machine.travel(
        datetime.combine(s.vollzug_beginn, datetime.min.time(), tzinfo=TZ) + timedelta(hours=8)
    ):
        domain.sanktion_vollziehen(sanktion=s, durch=leitung_a)
    s.refresh_from_db()
    assert s.status == Sanktionsstatus.VOLLZOGEN


@pytest.mark.rule("R-41-1", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_rueckversetzung_ueber_den_vollzugsplan(personal_a, leitung_a, leitung_a2, fall_a):
    """lit. c moves the stage through `vollzug.domain.stufe_zurueckversetzen` (the plan owns the stage)."""
    from vollzug import domain as vollzug_domain

    ohne_plan = eroeffnet(
        verfahren(personal_a, leitung_a, fall_a), leitung_a, leitung_a2, [SanktionDaten(A.RUECKVERSETZUNG)]
    )
    s0 = ohne_plan.disziplinarsanktionen.get()
    with pytest.raises(ValidationError):
        domain.sanktion_vollziehen(sanktion=s0, durch=leitung_a)
    s0.refresh_from_db()
    assert s0.status == Sanktionsstatus.ANGEORDNET  # refused by the plan: nothing recorded

    version = vollzug_domain.version_erstellen(
        fall=fall_a,
        gestaltung="Normalvollzug",
        vollzugsziele="Arbeit",
        wiedereingliederung="Wohnung",
        stufen=[vollzug_domain.StufeDaten(1, "Eintritt"), vollzug_domain.StufeDaten(2, "Progression")],
        aktuelle_stufe=2,
        durch=leitung_a,
    )
    domain.sanktion_vollziehen(sanktion=s0, durch=leitung_a)
    vollzugsplan = version.plan
    vollzugsplan.refresh_from_db()
    assert vollzugsplan.aktuelle_stufe == 1
    eintrag = vollzugsplan.history.first()
    assert eintrag.history_user == leitung_a
    assert eintrag.history_change_reason.startswith(
        f"§ 41 Abs. 1 lit. c JVG: Disziplinarverfügung {ohne_plan.nummer}"
    )
    # At the lowest stage a further Rückversetzung is refused by the plan.
    zweite = eroeffnet(
        verfahren(personal_a, leitung_a, fall_a), leitung_a, leitung_a2, [SanktionDaten(A.RUECKVERSETZUNG)]
    )
    with pytest.raises(ValidationError) as e:
        domain.sanktion_vollziehen(sanktion=zweite.disziplinarsanktionen.get(), durch=leitung_a)
    assert meldungen(e, "stufe")[0].startswith(
        "§ 41 Abs. 1 lit. c JVG: Die Person ist bereits in der tiefsten"
    )


@pytest.mark.rule("R-41-1")
@pytest.mark.django_db
def test_verfahren_einstellen_hebt_entwurf_auf(verfahren_a, leitung_a):
    v = entwurf(verfahren_a, leitung_a)
    with pytest.raises(ValidationError) as e:
        domain.verfahren_einstellen(verfahren=verfahren_a, grund=" ", durch=leitung_a)
    assert meldungen(e, "einstellung_grund") == ["Die Einstellung ist zu begründen."]
    domain.verfahren_einstellen(verfahren=verfahren_a, grund="Sachverhalt nicht erstellt.", durch=leitung_a)
    v.refresh_from_db()
    verfahren_a.refresh_from_db()
    assert (v.status, verfahren_a.status) == (S.AUFGEHOBEN, Verfahrensstatus.EINGESTELLT)
