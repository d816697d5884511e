"""Aufschub und Unterbrechung (§ 14 JVG, R-14-1 … R-14-6): domain rules, browser pages, API, audit.

Today (the machine's clock) is in December 2026; deferral periods lie in 2027/2028 unless a test needs
them to have started (interruption)."""

import hashlib
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from aufschub import domain as aufschub
from aufschub import queries, recht
from aufschub.models import Aufschubgesuch
from aufschub.recht import Gefahrenstufe, Gesuchsart, Gesuchsgrund, Gesuchsstatus
from fristenkontrolle.queries import alle_fristen
from kern.fristen import lokales_datum, tagesende
from kern.models import Aktion, Lesezugriff
from tests.factories import api_token, fall_anlegen, person_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus, Verfuegungstyp
from vollzug import domain
from vollzug.models import Sanktion, Zuteilung
from vollzug.recht import Entscheidart, Fallstatus, Platzierungsart, Sanktionsart

API = "/api/v1/aufschubgesuche/"
HEUTE = timezone.localdate()
PDF = b"%PDF-1.4 Arztzeugnis Dr. med. Muster: vollstaendig hafterstehungsunfaehig"


def _zeugnis(inhalt: bytes = PDF, name="zeugnis.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, inhalt, content_type="application/pdf")


def _sanktion(fall) -> Sanktion:
    return Sanktion.objects.get(entscheid__fall=fall)


def _gesuch(sb, fall, **kw) -> Aufschubgesuch:
    sanktion = kw.pop("sanktion", None) or _sanktion(fall)
    daten = {
        "art": Gesuchsart.AUFSCHUB,
        "grund": Gesuchsgrund.B,
        "eingereicht_am": HEUTE,
        "begehrt_von": date(2027, 1, 1),
        "begehrt_bis": date(2027, 3, 31),
        "begruendung": "Geburt des Kindes und Pflege der Partnerin.",
    }
    daten.update(kw)
    return aufschub.gesuch_erfassen(fall=fall, sanktion=sanktion, **daten, durch=sb)


BEURTEILUNG = {
    "beurteilung_vollzugsdauer": "Acht Monate Freiheitsstrafe; kein Vollzugsbeginn verpasst.",
    "fluchtgefahr": Gefahrenstufe.GERING,
    "wiederholungsgefahr": Gefahrenstufe.KEINE,
    "entscheid_begruendung": "Das Vorkommnis ist ausserordentlich und unaufschiebbar.",
}


def _entscheiden(gesuch, sb, bewilligen=True, **kw):
    return aufschub.gesuch_entscheiden(
        gesuch=gesuch, bewilligen=bewilligen, **{**BEURTEILUNG, **kw}, durch=sb
    )


def _meldungen(exc: ValidationError, feld: str) -> list[str]:
    return exc.value.message_dict[feld]


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@pytest.fixture
def fall(sachbearbeitung):
    """A case in intake (not started): Aufschub possible."""
    return fall_anlegen(durch=sachbearbeitung)


@pytest.fixture
def fall_im_vollzug(sachbearbeitung, anstalt_a):
    return fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now() - timedelta(days=30)
    )


# --- R-14-1: request, kind and state ------------------------------------------------------------


@pytest.mark.rule("R-14-1")
def test_aufschub_vor_vollzugsbeginn_wird_erfasst(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall)

    gesuch.refresh_from_db()
    assert (gesuch.status, gesuch.art, gesuch.fall, gesuch.erfasst_durch) == (
        Gesuchsstatus.EINGEREICHT,
        Gesuchsart.AUFSCHUB,
        fall,
        sachbearbeitung,
    )


@pytest.mark.rule("R-14-1", "R-0-BAD-1")
def test_aufschub_nach_vollzugsbeginn_abgelehnt(sachbearbeitung, fall_im_vollzug):
    with pytest.raises(ValidationError) as exc:
        _gesuch(sachbearbeitung, fall_im_vollzug)

    [meldung] = _meldungen(exc, "art")
    assert meldung.startswith("§ 14 Abs. 1 JVG (R-14-1): Ein Aufschub ist nur vor dem Vollzugsbeginn möglich")
    assert Aufschubgesuch.objects.count() == 0


@pytest.mark.rule("R-14-1", "R-0-BAD-1")
def test_unterbrechung_vor_vollzugsbeginn_abgelehnt(sachbearbeitung, fall):
    with pytest.raises(ValidationError) as exc:
        _gesuch(sachbearbeitung, fall, art=Gesuchsart.UNTERBRECHUNG)

    assert "R-14-1" in _meldungen(exc, "art")[0]
    assert "nur während des Vollzugs" in _meldungen(exc, "art")[0]


@pytest.mark.rule("R-14-1", "R-0-BAD-1")
def test_sanktion_eines_anderen_falls_abgelehnt(sachbearbeitung, fall):
    anderer = fall_anlegen(durch=sachbearbeitung)

    with pytest.raises(ValidationError) as exc:
        _gesuch(sachbearbeitung, fall, sanktion=_sanktion(anderer))

    assert _meldungen(exc, "sanktion") == ["Die Sanktion gehört nicht zu diesem Fall."]


@pytest.mark.rule("R-14-1", "R-0-BAD-1")
def test_gemeinnuetzige_arbeit_ist_nicht_aufschiebbar(sachbearbeitung):
    fall = domain.fall_erfassen(
        person=person_anlegen(durch=sachbearbeitung),
        entscheid=domain.EntscheidDaten(
            art=Entscheidart.STRAFBEFEHL,
            behoerde="Staatsanwaltschaft Luzern",
            referenz="ST 26 1",
            entscheid_datum=date(2026, 3, 1),
            rechtskraft_am=date(2026, 4, 1),
        ),
        sanktionen=[domain.SanktionDaten(art=Sanktionsart.GEMEINNUETZIGE_ARBEIT, stunden=120)],
        durch=sachbearbeitung,
    )

    with pytest.raises(ValidationError) as exc:
        _gesuch(sachbearbeitung, fall)

    [meldung] = _meldungen(exc, "sanktion")
    assert "R-14-1" in meldung
    assert "nicht für «Gemeinnützige Arbeit»" in meldung


@pytest.mark.rule("R-14-1", "R-0-BAD-1")
def test_zeitraum_verkehrt_und_eingang_in_zukunft_abgelehnt(sachbearbeitung, fall):
    with pytest.raises(ValidationError) as verkehrt:
        _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 2, 1), begehrt_bis=date(2027, 1, 31))
    with pytest.raises(ValidationError) as zukunft:
        _gesuch(sachbearbeitung, fall, eingereicht_am=HEUTE + timedelta(days=1))
    # The boundary: a period of one day (von == bis) is a valid period.
    _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 2, 1), begehrt_bis=date(2027, 2, 1))

    assert _meldungen(verkehrt, "begehrt_bis") == [
        "§ 14 Abs. 1 JVG (R-14-1): Das Ende des begehrten Zeitraums liegt vor dessen Beginn."
    ]
    assert _meldungen(zukunft, "eingereicht_am") == [
        "R-0-BAD-1: Das Gesuch kann nicht in der Zukunft eingereicht worden sein."
    ]


# --- R-14-3: ground -----------------------------------------------------------------------------


@pytest.mark.rule("R-14-3", "R-0-BAD-1")
def test_gesuch_ohne_grund_abgelehnt(sachbearbeitung, fall):
    with pytest.raises(ValidationError) as exc:
        _gesuch(sachbearbeitung, fall, grund="")

    [meldung] = _meldungen(exc, "grund")
    assert meldung.startswith("§ 14 Abs. 2 JVG (R-14-3): Das Gesuch nennt einen wichtigen Grund")


# --- R-14-2: at most one year -------------------------------------------------------------------


@pytest.mark.rule("R-14-2")
def test_kontingent_365_tage_im_gemeinjahr_ok_366_abgelehnt(sachbearbeitung, fall):
    with pytest.raises(ValidationError) as exc:
        _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2028, 1, 1))
    gesuch = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 12, 31))
    _entscheiden(gesuch, sachbearbeitung)

    assert _meldungen(exc, "begehrt_bis") == [
        "§ 14 Abs. 1 JVG (R-14-2): Aufschub höchstens ein Jahr – bereits bewilligt 0 Tage, verbleibend 365 Tage "
        "(begehrt 366 Tage)."
    ]
    assert tuple(queries.kontingent(_sanktion(fall), Gesuchsart.AUFSCHUB)) == (365, 365, 0, date(2027, 1, 1))


@pytest.mark.rule("R-14-2")
def test_kontingent_schaltjahr_366_tage_ok_367_abgelehnt(sachbearbeitung, fall):
    with pytest.raises(ValidationError) as exc:
        _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 3, 1), begehrt_bis=date(2028, 3, 1))
    gesuch = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 3, 1), begehrt_bis=date(2028, 2, 29))
    _entscheiden(gesuch, sachbearbeitung)

    assert "verbleibend 366 Tage (begehrt 367 Tage)" in _meldungen(exc, "begehrt_bis")[0]
    assert tuple(queries.kontingent(_sanktion(fall), Gesuchsart.AUFSCHUB)) == (366, 366, 0, date(2027, 3, 1))


@pytest.mark.rule("R-14-2")
def test_kontingent_zwei_bewilligungen_zaehlen_zusammen(sachbearbeitung, fall):
    erstes = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 7, 19))
    _entscheiden(erstes, sachbearbeitung)

    with pytest.raises(ValidationError) as exc:
        _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 7, 20), begehrt_bis=date(2028, 1, 1))
    zweites = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 7, 20), begehrt_bis=date(2027, 12, 31))
    _entscheiden(zweites, sachbearbeitung)

    assert _meldungen(exc, "begehrt_bis") == [
        "§ 14 Abs. 1 JVG (R-14-2): Aufschub höchstens ein Jahr – bereits bewilligt 200 Tage, verbleibend 165 Tage "
        "(begehrt 166 Tage)."
    ]
    assert tuple(queries.kontingent(_sanktion(fall), Gesuchsart.AUFSCHUB)) == (365, 365, 0, date(2027, 1, 1))
    # Interruptions have their own year (R-14-2: "the granted interruptions to at most one year").
    assert queries.kontingent(_sanktion(fall), Gesuchsart.UNTERBRECHUNG).genutzt_tage == 0


@pytest.mark.rule("R-14-2")
def test_kontingent_beim_entscheid_erneut_geprueft(sachbearbeitung, fall):
    """Two open requests each fit alone; once the first is granted, the second cannot be."""
    a = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 9, 30))
    b = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 10, 1), begehrt_bis=date(2028, 3, 31))
    _entscheiden(a, sachbearbeitung)

    with pytest.raises(ValidationError) as exc:
        _entscheiden(b, sachbearbeitung)

    assert "bereits bewilligt 273 Tage, verbleibend 92 Tage" in _meldungen(exc, "bewilligt_bis")[0]
    b.refresh_from_db()
    assert b.status == Gesuchsstatus.EINGEREICHT
    # A shorter grant within the requested period fits.
    _entscheiden(b, sachbearbeitung, bewilligt_von=date(2027, 10, 1), bewilligt_bis=date(2027, 12, 31))
    assert queries.kontingent(_sanktion(fall), Gesuchsart.AUFSCHUB).rest_tage == 0


@pytest.mark.rule("R-14-2")
def test_aufgehobene_bewilligung_zaehlt_nicht(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 12, 31))
    verfuegung = _entscheiden(gesuch, sachbearbeitung)
    assert queries.kontingent(_sanktion(fall), Gesuchsart.AUFSCHUB).rest_tage == 0

    vfg.aufheben(verfuegung=verfuegung, grund="Entwurf verworfen", durch=sachbearbeitung)

    k = queries.kontingent(_sanktion(fall), Gesuchsart.AUFSCHUB)
    assert (k.genutzt_tage, k.rest_tage, k.anker) == (0, k.limit_tage, HEUTE)
    # The request whose decision was lifted can be decided anew.
    neu = _entscheiden(gesuch, sachbearbeitung, bewilligen=False)
    assert neu.abweisend is True


# --- R-14-4: medical certificate ----------------------------------------------------------------


@pytest.mark.rule("R-14-4")
def test_arztzeugnis_30_tage_alt_ok_31_abgelehnt(sachbearbeitung, fall):
    with pytest.raises(ValidationError) as exc:
        _gesuch(
            sachbearbeitung,
            fall,
            grund=Gesuchsgrund.A,
            arztzeugnis=_zeugnis(),
            arztzeugnis_ausgestellt_am=HEUTE - timedelta(days=31),
        )
    gesuch = _gesuch(
        sachbearbeitung,
        fall,
        grund=Gesuchsgrund.A,
        arztzeugnis=_zeugnis(),
        arztzeugnis_ausgestellt_am=HEUTE - timedelta(days=30),
    )

    [meldung] = _meldungen(exc, "arztzeugnis_ausgestellt_am")
    assert meldung.startswith("§ 14 Abs. 3 JVG (R-14-4): Das Arztzeugnis ist nicht aktuell")
    assert "31 Tage vor dem Gesuch" in meldung and "(höchstens 30 Tage)" in meldung
    gesuch.refresh_from_db()
    assert gesuch.arztzeugnis_sha256 == hashlib.sha256(PDF).hexdigest()
    assert gesuch.arztzeugnis.read() == PDF


@pytest.mark.rule("R-14-4")
def test_arztzeugnis_grenze_folgt_der_einstellung(sachbearbeitung, fall, settings):
    settings.JVG_ARZTZEUGNIS_MAX_ALTER_TAGE = 10

    with pytest.raises(ValidationError) as exc:
        _gesuch(
            sachbearbeitung,
            fall,
            grund=Gesuchsgrund.A,
            arztzeugnis=_zeugnis(),
            arztzeugnis_ausgestellt_am=HEUTE - timedelta(days=11),
        )
    _gesuch(
        sachbearbeitung,
        fall,
        grund=Gesuchsgrund.A,
        arztzeugnis=_zeugnis(),
        arztzeugnis_ausgestellt_am=HEUTE - timedelta(days=10),
    )

    assert "(höchstens 10 Tage)" in _meldungen(exc, "arztzeugnis_ausgestellt_am")[0]


@pytest.mark.rule("R-14-4", "R-0-BAD-1")
def test_arztzeugnis_ohne_datum_oder_mit_datum_in_zukunft_abgelehnt(sachbearbeitung, fall):
    with pytest.raises(ValidationError) as ohne:
        _gesuch(sachbearbeitung, fall, grund=Gesuchsgrund.A, arztzeugnis=_zeugnis())
    with pytest.raises(ValidationError) as zukunft:
        _gesuch(
            sachbearbeitung,
            fall,
            grund=Gesuchsgrund.A,
            arztzeugnis=_zeugnis(),
            arztzeugnis_ausgestellt_am=HEUTE + timedelta(days=1),
        )

    assert _meldungen(ohne, "arztzeugnis_ausgestellt_am") == [
        "§ 14 Abs. 3 JVG (R-14-4): Das Ausstellungsdatum des Arztzeugnisses angeben."
    ]
    assert "R-14-4" in _meldungen(zukunft, "arztzeugnis_ausgestellt_am")[0]


@pytest.mark.rule("R-14-4")
def test_grund_a_ohne_arztzeugnis_nicht_bewilligbar_aber_abweisbar(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall, grund=Gesuchsgrund.A)

    with pytest.raises(ValidationError) as exc:
        _entscheiden(gesuch, sachbearbeitung)

    [meldung] = _meldungen(exc, "arztzeugnis")
    assert meldung.startswith("§ 14 Abs. 3 JVG (R-14-4): Ohne aktuelles, begründetes Arztzeugnis")
    gesuch.refresh_from_db()
    assert gesuch.status == Gesuchsstatus.EINGEREICHT
    verfuegung = _entscheiden(gesuch, sachbearbeitung, bewilligen=False)
    assert (verfuegung.typ, verfuegung.abweisend) == (Verfuegungstyp.AUFSCHUB_14, True)


@pytest.mark.rule("R-14-4")
def test_arztzeugnis_nachreichen_dann_bewilligen(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall, grund=Gesuchsgrund.A, eingereicht_am=HEUTE - timedelta(days=5))

    with pytest.raises(ValidationError) as alt:
        aufschub.arztzeugnis_nachreichen(
            gesuch=gesuch, datei=_zeugnis(), ausgestellt_am=HEUTE - timedelta(days=40), durch=sachbearbeitung
        )
    aufschub.arztzeugnis_nachreichen(
        gesuch=gesuch, datei=_zeugnis(), ausgestellt_am=HEUTE - timedelta(days=2), durch=sachbearbeitung
    )
    verfuegung = _entscheiden(gesuch, sachbearbeitung)

    assert "35 Tage vor dem Gesuch" in _meldungen(alt, "arztzeugnis_ausgestellt_am")[0]
    gesuch.refresh_from_db()
    assert (gesuch.status, verfuegung.abweisend) == (Gesuchsstatus.BEWILLIGT, False)
    assert "Arztzeugnis vom" in verfuegung.sachverhalt


# --- R-14-5: assessment -------------------------------------------------------------------------


@pytest.mark.rule("R-14-5", "R-0-BAD-1")
def test_entscheid_ohne_beurteilung_abgelehnt(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall)

    with pytest.raises(ValidationError) as exc:
        aufschub.gesuch_entscheiden(
            gesuch=gesuch,
            bewilligen=True,
            beurteilung_vollzugsdauer=" ",
            fluchtgefahr="",
            wiederholungsgefahr="unbekannt",
            entscheid_begruendung="",
            durch=sachbearbeitung,
        )

    fehler = exc.value.message_dict
    assert fehler["beurteilung_vollzugsdauer"] == [
        "§ 14 Abs. 1 JVG (R-14-5): Die voraussichtliche Vollzugsdauer ist im Entscheid zu würdigen."
    ]
    assert fehler["fluchtgefahr"] == ["§ 14 Abs. 1 JVG (R-14-5): Die Fluchtgefahr ist zu beurteilen."]
    assert fehler["wiederholungsgefahr"] == [
        "§ 14 Abs. 1 JVG (R-14-5): Die Wiederholungsgefahr ist zu beurteilen."
    ]
    assert "entscheid_begruendung" in fehler
    gesuch.refresh_from_db()
    assert (gesuch.status, gesuch.entschieden_am) == (Gesuchsstatus.EINGEREICHT, None)


@pytest.mark.rule("R-14-5", "R-14-6")
def test_entscheid_speichert_beurteilung_und_zeitraum_wie_begehrt(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall)

    verfuegung = _entscheiden(
        gesuch,
        sachbearbeitung,
        besondere_untersuchungen="Abklärung beim Arbeitgeber",
        vorsorgliche_massnahmen="Ausweisschriften hinterlegen",
    )

    gesuch.refresh_from_db()
    assert (gesuch.bewilligt_von, gesuch.bewilligt_bis) == (gesuch.begehrt_von, gesuch.begehrt_bis)
    assert (gesuch.fluchtgefahr, gesuch.wiederholungsgefahr, gesuch.entschieden_durch) == (
        Gefahrenstufe.GERING,
        Gefahrenstufe.KEINE,
        sachbearbeitung,
    )
    assert "Besondere Untersuchungen (§ 14 Abs. 4 JVG): Abklärung beim Arbeitgeber" in verfuegung.begruendung
    assert "Fluchtgefahr: gering. Wiederholungsgefahr: keine erkennbar." in verfuegung.begruendung
    assert "Voraussichtliche Vollzugsdauer (§ 14 Abs. 1 JVG): Acht Monate" in verfuegung.begruendung
    assert verfuegung.rechtsgrundlage == "§ 14 Abs. 1 und 2 lit. b, Abs. 4, Abs. 5 JVG"
    assert verfuegung.dispositiv_ziffern[0] == (
        f"Der Vollzug der Sanktion «{gesuch.sanktion}» (Fall {fall.fallnummer}) wird vom 01.01.2027 bis 31.03.2027 aufgeschoben."
    )
    assert "hat den Vollzug am 01.04.2027 anzutreten" in verfuegung.dispositiv_ziffern[1]


@pytest.mark.rule("R-14-5", "R-0-BAD-1")
def test_bewilligter_zeitraum_nur_innerhalb_des_begehrten(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall)

    with pytest.raises(ValidationError) as exc:
        _entscheiden(gesuch, sachbearbeitung, bewilligt_von=date(2027, 1, 1), bewilligt_bis=date(2027, 4, 1))

    assert (
        "innerhalb des begehrten Zeitraums (01.01.2027 – 31.03.2027)" in _meldungen(exc, "bewilligt_bis")[0]
    )


# --- R-14-6: Verfügung and summons --------------------------------------------------------------


@pytest.mark.rule("R-14-6", "R-0-GEHOER-1")
def test_verfuegung_typ_aufschub_14_abweisung_ist_belastend(sachbearbeitung, fall):
    bewilligt = _entscheiden(_gesuch(sachbearbeitung, fall), sachbearbeitung)
    abgewiesen = _entscheiden(
        _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 5, 1), begehrt_bis=date(2027, 5, 31)),
        sachbearbeitung,
        bewilligen=False,
    )

    assert (bewilligt.typ, bewilligt.abweisend, bewilligt.ist_belastend, bewilligt.status) == (
        Verfuegungstyp.AUFSCHUB_14,
        False,
        False,
        Verfuegungsstatus.ENTWURF,
    )
    assert (abgewiesen.typ, abgewiesen.abweisend, abgewiesen.ist_belastend) == (
        Verfuegungstyp.AUFSCHUB_14,
        True,
        True,
    )
    assert abgewiesen.rechtsfolge.frist_tage == 20
    assert (
        abgewiesen.dispositiv == f"Das Gesuch vom {HEUTE:%d.%m.%Y} um Aufschub des Vollzugs wird abgewiesen."
    )
    assert bewilligt.gegenstand.art == Gesuchsart.AUFSCHUB and bewilligt.fall == fall


@pytest.mark.rule("R-14-6")
def test_nur_ein_entscheid_je_gesuch(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall)
    _entscheiden(gesuch, sachbearbeitung)

    with pytest.raises(ValidationError) as exc:
        _entscheiden(gesuch, sachbearbeitung, bewilligen=False)

    assert _meldungen(exc, "status") == ["Über dieses Gesuch ist bereits entschieden (Status «Bewilligt»)."]


@pytest.mark.rule("R-14-6", "R-0-FRIST-4")
def test_aufgebot_in_fristenkontrolle_14_tage_vor_ende_und_weg_nach_erfassen(sachbearbeitung, revision, fall):
    gesuch = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 3, 31))
    _entscheiden(gesuch, sachbearbeitung)
    gesuch.refresh_from_db()

    [eintrag] = alle_fristen(sachbearbeitung, typ="aufgebot_14")
    [fuer_revision] = alle_fristen(revision, typ="aufgebot_14")

    # Execution starts 01.04.2027; the summons is due 14 days earlier, at the end of 18.03.2027.
    assert recht.aufgebot_faellig_am(gesuch) == date(2027, 3, 18)
    assert (eintrag.faellig, eintrag.regel, eintrag.person_id) == (
        tagesende(date(2027, 3, 18)),
        "R-14-6",
        fall.person_id,
    )
    assert eintrag.url == reverse("vollzug:gesuch14_detail", args=[gesuch.pk])
    assert fuer_revision == eintrag
    with pytest.raises(PermissionDenied):
        aufschub.aufgebot_erfassen(gesuch=gesuch, durch=revision)

    aufschub.aufgebot_erfassen(gesuch=gesuch, durch=sachbearbeitung)

    assert alle_fristen(sachbearbeitung, typ="aufgebot_14") == []
    with pytest.raises(ValidationError):
        aufschub.aufgebot_erfassen(gesuch=gesuch, durch=sachbearbeitung)


@pytest.mark.rule("R-14-6")
def test_aufgebot_vorlauf_konfigurierbar_und_nur_fuer_bewilligten_aufschub(sachbearbeitung, fall, settings):
    settings.JVG_AUFGEBOT_VORLAUF_TAGE = 7
    offen = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 5, 1), begehrt_bis=date(2027, 5, 31))
    abgewiesen = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 6, 1), begehrt_bis=date(2027, 6, 30))
    _entscheiden(abgewiesen, sachbearbeitung, bewilligen=False)
    gesuch = _gesuch(sachbearbeitung, fall)
    _entscheiden(gesuch, sachbearbeitung)
    gesuch.refresh_from_db()

    [eintrag] = alle_fristen(sachbearbeitung, typ="aufgebot_14")

    assert eintrag.faellig == tagesende(date(2027, 3, 25))
    assert offen.pk != gesuch.pk and recht.aufgebot_faellig_am(offen) is None


@pytest.mark.rule("R-14-6", "R-0-ROLE-1")
def test_aufgebot_nicht_fuer_fremde_anstalt_und_nicht_nach_vollzugsbeginn(
    sachbearbeitung, personal_b, fall, anstalt_a
):
    gesuch = _gesuch(sachbearbeitung, fall)
    _entscheiden(gesuch, sachbearbeitung)
    assert alle_fristen(personal_b, typ="aufgebot_14") == []

    domain.einweisen(fall=fall, anstalt=anstalt_a, am=timezone.now(), durch=sachbearbeitung)

    assert alle_fristen(sachbearbeitung, typ="aufgebot_14") == []


# --- Interruption: status, placements, expected end ---------------------------------------------


def _eroeffnen(verfuegung, sb, sb2):
    vfg.zur_genehmigung_vorlegen(verfuegung=verfuegung, durch=sb)
    verfuegung.refresh_from_db()
    vfg.genehmigen(verfuegung=verfuegung, durch=sb2)
    verfuegung.refresh_from_db()
    return vfg.eroeffnen(verfuegung=verfuegung, art=EroeffnungArt.EINSCHREIBEN, durch=sb)


@pytest.fixture
def unterbrechung(sachbearbeitung, fall_im_vollzug):
    gesuch = _gesuch(
        sachbearbeitung,
        fall_im_vollzug,
        art=Gesuchsart.UNTERBRECHUNG,
        eingereicht_am=HEUTE - timedelta(days=8),
        begehrt_von=HEUTE - timedelta(days=5),
        begehrt_bis=HEUTE + timedelta(days=10),
    )
    verfuegung = _entscheiden(gesuch, sachbearbeitung)
    return gesuch, verfuegung


@pytest.mark.rule("R-14-1", "R-14-6")
def test_unterbrechung_erst_nach_eroeffnung_der_verfuegung(sachbearbeitung, unterbrechung):
    gesuch, verfuegung = unterbrechung

    with pytest.raises(ValidationError) as exc:
        aufschub.unterbrechung_antreten(
            gesuch=gesuch, am=timezone.now() - timedelta(days=4), durch=sachbearbeitung
        )

    assert _meldungen(exc, "unterbrechung_ab") == [
        f"§ 14 JVG (R-14-6): Die Unterbrechung beginnt erst, wenn ihre Verfügung eröffnet ist "
        f"(Verfügung {verfuegung.nummer}: «Entwurf»)."
    ]


@pytest.mark.rule("R-14-1")
def test_unterbrechung_pausiert_und_verschiebt_voraussichtliches_ende(
    sachbearbeitung, sachbearbeitung2, unterbrechung, fall_im_vollzug, anstalt_a
):
    gesuch, verfuegung = unterbrechung
    fall = fall_im_vollzug
    ende_vorher = fall.voraussichtliches_ende
    _eroeffnen(verfuegung, sachbearbeitung, sachbearbeitung2)
    ab = timezone.now() - timedelta(days=4)
    zurueck = timezone.now() - timedelta(days=1)

    aufschub.unterbrechung_antreten(gesuch=gesuch, am=ab, durch=sachbearbeitung)
    fall.refresh_from_db()
    assert fall.status == Fallstatus.UNTERBROCHEN
    assert fall.platzierungen.filter(bis__isnull=True).count() == 0
    assert fall.platzierungen.get().bis == ab
    with pytest.raises(ValidationError) as vor_antritt:
        aufschub.unterbrechung_beenden(gesuch=gesuch, am=ab - timedelta(minutes=1), durch=sachbearbeitung)

    platzierung = aufschub.unterbrechung_beenden(gesuch=gesuch, am=zurueck, durch=sachbearbeitung)

    fall.refresh_from_db()
    gesuch.refresh_from_db()
    assert "vor dem Antritt" in _meldungen(vor_antritt, "unterbrechung_beendet_am")[0]
    assert (platzierung.art, platzierung.anstalt, platzierung.von, platzierung.bis) == (
        Platzierungsart.WIEDEREINTRITT,
        anstalt_a,
        zurueck,
        None,
    )
    assert (fall.status, gesuch.unterbrechung_ab, gesuch.unterbrechung_beendet_am) == (
        Fallstatus.IM_VOLLZUG,
        ab,
        zurueck,
    )
    unterbrochene_tage = (lokales_datum(zurueck) - lokales_datum(ab)).days
    assert unterbrochene_tage == 3
    assert fall.voraussichtliches_ende == ende_vorher + timedelta(days=3)
    assert fall.voraussichtliches_ende == domain.voraussichtliches_ende_berechnen(fall)


@pytest.mark.rule("R-14-1", "R-0-BAD-1")
def test_unterbrechung_zeitpunkte_geprueft(sachbearbeitung, sachbearbeitung2, unterbrechung):
    gesuch, verfuegung = unterbrechung
    _eroeffnen(verfuegung, sachbearbeitung, sachbearbeitung2)

    with pytest.raises(ValidationError) as zukunft:
        aufschub.unterbrechung_antreten(
            gesuch=gesuch, am=timezone.now() + timedelta(hours=1), durch=sachbearbeitung
        )
    with pytest.raises(ValidationError) as vor_bewilligung:
        aufschub.unterbrechung_antreten(
            gesuch=gesuch, am=timezone.now() - timedelta(days=7), durch=sachbearbeitung
        )

    assert "Zukunft" in _meldungen(zukunft, "unterbrechung_ab")[0]
    assert "bewilligt" in _meldungen(vor_bewilligung, "unterbrechung_ab")[0]


# --- Permissions and audit ----------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["personal_a", "revision", "bedrohung", "medizin", "leitung_a"])
def test_nur_sachbearbeitung_schreibt(request, persona, sachbearbeitung, fall):
    user = request.getfixturevalue(persona)
    gesuch = _gesuch(sachbearbeitung, fall)

    with pytest.raises(PermissionDenied):
        _gesuch(user, fall)
    with pytest.raises(PermissionDenied):
        _entscheiden(gesuch, user)
    with pytest.raises(PermissionDenied):
        aufschub.gesuch_zurueckziehen(gesuch=gesuch, durch=user)


@pytest.mark.rule("R-0-AUDIT-1")
def test_schreibvorgaenge_mit_akteur_im_aenderungsprotokoll(client_als, sachbearbeitung, revision, fall):
    gesuch = _gesuch(sachbearbeitung, fall)
    aufschub.gesuch_zurueckziehen(gesuch=gesuch, durch=sachbearbeitung)

    assert [(h.history_type, h.history_user, h.status) for h in gesuch.history.order_by("history_id")] == [
        ("+", sachbearbeitung, Gesuchsstatus.EINGEREICHT),
        ("~", sachbearbeitung, Gesuchsstatus.ZURUECKGEZOGEN),
    ]
    response = client_als(revision).get(reverse("protokoll:aenderungen"), {"typ": "aufschub.aufschubgesuch"})
    zeilen = [(e.aktion, e.objekt_id, e.akteur) for e in response.context["seite"].eintraege]
    assert zeilen == [("~", gesuch.pk, "sb Test"), ("+", gesuch.pk, "sb Test")]


# --- Browser ------------------------------------------------------------------------------------


def _detail(gesuch):
    return reverse("vollzug:gesuch14_detail", args=[gesuch.pk])


@pytest.mark.rule("R-14-1", "R-14-4")
def test_gesuch_per_formular_mit_arztzeugnis(client_als, sachbearbeitung, fall):
    client = client_als(sachbearbeitung)
    url = reverse("vollzug:gesuch14_neu", args=[fall.pk])
    assert client.get(url).status_code == 200
    daten = {
        "sanktion": _sanktion(fall).pk,
        "art": "aufschub",
        "grund": "a",
        "eingereicht_am": HEUTE.isoformat(),
        "begehrt_von": "2027-01-01",
        "begehrt_bis": "2027-02-28",
        "begruendung": "Schwere Erkrankung.",
        "arztzeugnis_ausgestellt_am": (HEUTE - timedelta(days=31)).isoformat(),
    }

    alt = client.post(url, {**daten, "arztzeugnis": _zeugnis()})
    ok = client.post(
        url, {**daten, "arztzeugnis_ausgestellt_am": HEUTE.isoformat(), "arztzeugnis": _zeugnis()}
    )

    assert alt.status_code == 200
    assert "R-14-4" in alt.context["form"].errors["arztzeugnis_ausgestellt_am"][0]
    gesuch = Aufschubgesuch.objects.get()
    assert ok.status_code == 302 and ok["Location"] == _detail(gesuch)
    assert gesuch.arztzeugnis_sha256 == hashlib.sha256(PDF).hexdigest()


@pytest.mark.rule("R-14-4", "R-14-6", "R-0-BAD-1")
def test_entscheid_per_formular_zeigt_fehler_und_verfuegungslink(client_als, sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall, grund=Gesuchsgrund.A)
    client = client_als(sachbearbeitung)
    url = reverse("vollzug:gesuch14_aktion", args=[gesuch.pk, "entscheid"])
    daten = {
        "entscheid-bewilligen": "ja",
        "entscheid-beurteilung_vollzugsdauer": "Acht Monate.",
        "entscheid-fluchtgefahr": "gering",
        "entscheid-wiederholungsgefahr": "keine",
        "entscheid-entscheid_begruendung": "Krank.",
    }

    ohne = client.post(url, daten)
    assert ohne.status_code == 200
    assert "§ 14 Abs. 3 JVG (R-14-4)" in ohne.context["entscheid_form"].non_field_errors()[0]
    ohne_beurteilung = client.post(url, {**daten, "entscheid-fluchtgefahr": ""})
    assert "R-14-5" in ohne_beurteilung.context["entscheid_form"].errors["fluchtgefahr"][0]
    abgewiesen = client.post(url, {**daten, "entscheid-bewilligen": "nein"})

    assert abgewiesen.status_code == 302
    seite = client.get(_detail(gesuch)).content.decode()
    verfuegung = queries.verfuegung_von(gesuch)
    assert (
        f'href="{reverse("verfuegungen:detail", args=[verfuegung.pk])}">Verfügung {verfuegung.nummer}'
        in seite
    )


@pytest.mark.rule("R-0-ROLE-1")
def test_fremde_anstalt_404_revision_liest_ohne_formulare(
    client_als, sachbearbeitung, personal_a, personal_b, revision, fall_im_vollzug
):
    gesuch = _gesuch(sachbearbeitung, fall_im_vollzug, art=Gesuchsart.UNTERBRECHUNG)

    assert client_als(personal_b).get(_detail(gesuch)).status_code == 404
    assert (
        client_als(personal_a)
        .post(reverse("vollzug:gesuch14_aktion", args=[gesuch.pk, "entscheid"]), {})
        .status_code
        == 403
    )
    assert (
        client_als(personal_a).get(reverse("vollzug:gesuch14_neu", args=[fall_im_vollzug.pk])).status_code
        == 403
    )
    lesend = client_als(revision).get(_detail(gesuch))
    assert lesend.status_code == 200
    assert "entscheid_form" not in lesend.context
    assert (
        client_als(revision)
        .post(reverse("vollzug:gesuch14_schritt", args=[gesuch.pk, "zurueckziehen"]))
        .status_code
        == 403
    )


@pytest.mark.rule("R-14-4", "R-0-ROLE-1", "R-0-AUDIT-2")
def test_arztzeugnis_nur_fuer_sachbearbeitung_und_zugeteilte_medizin(
    client_als, sachbearbeitung, personal_a, revision, medizin, fall_im_vollzug
):
    gesuch = _gesuch(
        sachbearbeitung,
        fall_im_vollzug,
        art=Gesuchsart.UNTERBRECHUNG,
        grund=Gesuchsgrund.A,
        arztzeugnis=_zeugnis(),
        arztzeugnis_ausgestellt_am=HEUTE,
    )
    url = reverse("vollzug:gesuch14_arztzeugnis", args=[gesuch.pk])

    assert client_als(revision).get(url).status_code == 404
    assert client_als(personal_a).get(url).status_code == 404
    assert client_als(medizin).get(url).status_code == 404  # not assigned: does not even see the case
    seite_revision = client_als(revision).get(_detail(gesuch)).content.decode()
    assert url not in seite_revision and "Schwere" not in seite_revision
    assert Lesezugriff.objects.filter(aktion=Aktion.DOKUMENT).count() == 0

    Zuteilung.objects.create(benutzer=medizin, person=fall_im_vollzug.person)
    for user in (sachbearbeitung, medizin):
        antwort = client_als(user).get(url)
        assert antwort.status_code == 200
        assert b"".join(antwort.streaming_content) == PDF
    assert list(
        Lesezugriff.objects.filter(aktion=Aktion.DOKUMENT).order_by("pk").values_list("benutzer", "objekt_id")
    ) == [
        (sachbearbeitung.pk, gesuch.pk),
        (medizin.pk, gesuch.pk),
    ]


@pytest.mark.rule("R-14-2", "R-14-6")
def test_fallseite_zeigt_gesuche_kontingent_und_aufgebot(client_als, sachbearbeitung, revision, fall):
    gesuch = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 7, 19))
    verfuegung = _entscheiden(gesuch, sachbearbeitung)

    seite = client_als(sachbearbeitung).get(fall.get_absolute_url()).content.decode()
    lesend = client_als(revision).get(fall.get_absolute_url()).content.decode()

    assert "Aufschub: bewilligt 200 von 365 Tagen, verbleibend <strong>165 Tage</strong>" in seite
    assert "Aufgebot fällig 06.07.2027" in seite
    assert verfuegung.nummer in seite
    assert reverse("vollzug:gesuch14_neu", args=[fall.pk]) in seite
    assert reverse("vollzug:gesuch14_neu", args=[fall.pk]) not in lesend


@pytest.mark.parametrize("anzahl", [1, 20])
def test_gesuchliste_konstante_abfragen(client_als, sachbearbeitung, anzahl, django_assert_max_num_queries):
    for _ in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung)
        _entscheiden(_gesuch(sachbearbeitung, fall), sachbearbeitung)
    client = client_als(sachbearbeitung)
    url = reverse("vollzug:gesuch14_liste")

    # session, user, count, rows (case, person, sanction joined, Verfügung as subqueries) + session save
    with django_assert_max_num_queries(8):
        response = client.get(url, {"status": "bewilligt"})

    assert len(response.context["seite"].object_list) == anzahl
    assert len(client.get(url, {"status": "eingereicht"}).context["seite"].object_list) == 0


@pytest.mark.parametrize("anzahl", [1, 20])
def test_kontext_fuer_fall_konstante_abfragen(sachbearbeitung, fall, anzahl, django_assert_num_queries):
    from aufschub.views import kontext_fuer_fall

    for i in range(anzahl):
        _gesuch(
            sachbearbeitung,
            fall,
            begehrt_von=date(2027, 1, 1) + timedelta(days=i),
            begehrt_bis=date(2027, 1, 1) + timedelta(days=i),
        )
    with django_assert_num_queries(2):
        kontext = kontext_fuer_fall(fall, sachbearbeitung)
    assert len(kontext["gesuche14"]) == anzahl


# --- API ----------------------------------------------------------------------------------------


def _api_daten(fall, **kw):
    return {
        "fall": fall.pk,
        "sanktion": _sanktion(fall).pk,
        "art": "aufschub",
        "grund": "b",
        "eingereichtAm": HEUTE.isoformat(),
        "begehrtVon": "2027-01-01",
        "begehrtBis": "2027-03-31",
        "begruendung": "Beerdigung und Nachlass.",
        **kw,
    }


@pytest.mark.rule("R-14-1", "R-14-5", "R-14-6")
def test_api_erfassen_und_entscheiden(sachbearbeitung, fall):
    client = api_als(sachbearbeitung)

    erstellt = client.post(API, _api_daten(fall), format="json")
    assert erstellt.status_code == 201, erstellt.json()
    gesuch_id = erstellt.json()["id"]
    assert (erstellt.json()["status"], erstellt.json()["verfuegung"], erstellt["Location"]) == (
        "eingereicht",
        None,
        f"http://testserver{API}{gesuch_id}/",
    )
    entscheid = client.post(
        f"{API}{gesuch_id}/entscheid/",
        {
            "bewilligen": True,
            "bewilligtBis": "2027-02-28",
            "beurteilungVollzugsdauer": "Acht Monate.",
            "fluchtgefahr": "keine",
            "wiederholungsgefahr": "gering",
            "entscheidBegruendung": "Ausserordentliches Ereignis.",
        },
        format="json",
    )

    assert entscheid.status_code == 200, entscheid.json()
    daten = entscheid.json()
    verfuegung = queries.verfuegung_von(Aufschubgesuch.objects.get(pk=gesuch_id))
    assert daten["verfuegung"] == {"id": verfuegung.pk, "nummer": verfuegung.nummer, "status": "entwurf"}
    assert (daten["status"], daten["bewilligtVon"], daten["bewilligtBis"], daten["aufgebotFaelligAm"]) == (
        "bewilligt",
        "2027-01-01",
        "2027-02-28",
        "2027-02-15",
    )


@pytest.mark.rule("R-14-2", "R-14-3", "R-0-BAD-1")
def test_api_400_mit_deutschen_meldungen_und_api_feldnamen(sachbearbeitung, fall):
    client = api_als(sachbearbeitung)

    zu_lang = client.post(API, _api_daten(fall, begehrtBis="2028-01-01"), format="json")
    ohne_grund = client.post(API, _api_daten(fall, grund=""), format="json")
    falsche_typen = client.post(API, _api_daten(fall, begehrtVon="morgen", art="pause"), format="json")

    assert zu_lang.status_code == 400
    assert zu_lang.json() == {
        "begehrtBis": [
            "§ 14 Abs. 1 JVG: Aufschub höchstens ein Jahr – bereits bewilligt 0 Tage, verbleibend 365 "
            "Tage (begehrt 366 Tage)."
        ]
    }
    assert ohne_grund.status_code == 400 and "§ 14 Abs. 2 JVG" in ohne_grund.json()["grund"][0]
    assert falsche_typen.status_code == 400
    assert set(falsche_typen.json()) == {"begehrtVon", "art"}
    assert Aufschubgesuch.objects.count() == 0


@pytest.mark.rule("R-14-4", "R-14-5", "R-0-BAD-1")
def test_api_entscheid_fehler_und_arztzeugnis_multipart(sachbearbeitung, fall):
    client = api_als(sachbearbeitung)
    gesuch_id = client.post(API, _api_daten(fall, grund="a"), format="json").json()["id"]
    entscheid = {
        "bewilligen": True,
        "beurteilungVollzugsdauer": "Acht Monate.",
        "fluchtgefahr": "keine",
        "wiederholungsgefahr": "keine",
        "entscheidBegruendung": "Krank.",
    }

    ohne_beurteilung = client.post(f"{API}{gesuch_id}/entscheid/", {"bewilligen": True}, format="json")
    ohne_zeugnis = client.post(f"{API}{gesuch_id}/entscheid/", entscheid, format="json")
    veraltet = client.post(
        f"{API}{gesuch_id}/arztzeugnis/",
        {"arztzeugnis": _zeugnis(), "ausgestelltAm": (HEUTE - timedelta(days=31)).isoformat()},
        format="multipart",
    )
    aktuell = client.post(
        f"{API}{gesuch_id}/arztzeugnis/",
        {"arztzeugnis": _zeugnis(), "ausgestelltAm": HEUTE.isoformat()},
        format="multipart",
    )
    bewilligt = client.post(f"{API}{gesuch_id}/entscheid/", entscheid, format="json")

    assert ohne_beurteilung.status_code == 400
    assert set(ohne_beurteilung.json()) == {
        "beurteilungVollzugsdauer",
        "fluchtgefahr",
        "wiederholungsgefahr",
        "entscheidBegruendung",
    }
    assert "§ 14 Abs. 1 JVG" in ohne_beurteilung.json()["fluchtgefahr"][0]
    assert ohne_zeugnis.status_code == 400 and "§ 14 Abs. 3 JVG" in ohne_zeugnis.json()["arztzeugnis"][0]
    assert veraltet.status_code == 400 and "§ 14 Abs. 3 JVG" in veraltet.json()["ausgestelltAm"][0]
    assert aktuell.status_code == 200 and aktuell.json()["arztzeugnisVorhanden"] is True
    assert bewilligt.status_code == 200 and bewilligt.json()["status"] == "bewilligt"


@pytest.mark.rule("R-0-ROLE-1")
def test_api_403_fuer_nicht_schreibende_404_ausserhalb_der_sicht(
    sachbearbeitung, revision, personal_a, personal_b, fall_im_vollzug
):
    gesuch = _gesuch(sachbearbeitung, fall_im_vollzug, art=Gesuchsart.UNTERBRECHUNG, grund=Gesuchsgrund.A)

    for user in (revision, personal_a):
        client = api_als(user)
        assert client.post(API, {}, format="json").status_code == 403
        assert client.post(f"{API}{gesuch.pk}/entscheid/", {}, format="json").status_code == 403
    assert api_als(personal_b).get(f"{API}{gesuch.pk}/").status_code == 404
    assert api_als(personal_b).get(API).json()["results"] == []
    lesend = api_als(personal_a).get(f"{API}{gesuch.pk}/")
    assert lesend.status_code == 200
    # Ground (a): the request's reasons are health data (only sachbearbeitung and assigned medizin).
    assert lesend.json()["begruendung"] is None
    assert api_als(sachbearbeitung).get(f"{API}{gesuch.pk}/").json()["begruendung"] == gesuch.begruendung
    assert Lesezugriff.objects.filter(objekt_typ="aufschub.aufschubgesuch").count() >= 2


@pytest.mark.parametrize("anzahl", [1, 20])
def test_api_liste_konstante_abfragen_und_filter(sachbearbeitung, anzahl, django_assert_max_num_queries):
    faelle = []
    for _ in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung)
        _entscheiden(_gesuch(sachbearbeitung, fall), sachbearbeitung)
        faelle.append(fall)
    _gesuch(sachbearbeitung, faelle[0], begehrt_von=date(2027, 6, 1), begehrt_bis=date(2027, 6, 2))
    client = api_als(sachbearbeitung)

    # token (+ its last use, first call), count, rows (Verfügung as subqueries), one bulk insert of
    # the read log
    with django_assert_max_num_queries(5):
        response = client.get(API, {"status": "bewilligt"})

    assert len(response.json()["results"]) == anzahl
    nach_fall = client.get(API, {"fall": faelle[0].pk}).json()["results"]
    assert [g["status"] for g in nach_fall] == ["eingereicht", "bewilligt"]
    assert client.get(API, {"status": "unbekannt"}).status_code == 400


# --- R-14-2: no overlap with a granted period (issue 25: deleting the check must turn these red) -------


@pytest.mark.rule("R-14-2")
def test_ueberschneidung_ein_tag_abgelehnt_angrenzend_bewilligt_grenze(sachbearbeitung, fall):
    """Granted 01.01.–31.03.2027. Just inside: a request from 31.03. or up to 01.01. overlaps by one day and is
    refused; just outside: the adjacent 01.04. and 31.12.2026 are stored and granted."""
    _entscheiden(_gesuch(sachbearbeitung, fall), sachbearbeitung)

    with pytest.raises(ValidationError) as hinten:
        _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 3, 31), begehrt_bis=date(2027, 4, 10))
    with pytest.raises(ValidationError) as vorne:
        _gesuch(sachbearbeitung, fall, begehrt_von=date(2026, 12, 20), begehrt_bis=date(2027, 1, 1))
    for exc in (hinten, vorne):
        [meldung] = [m for meldungen in exc.value.message_dict.values() for m in meldungen]
        assert meldung.startswith(
            "§ 14 Abs. 1 JVG (R-14-2): Der Zeitraum überschneidet sich mit einem bereits"
        )
        assert "31.03.2027" in meldung
    assert Aufschubgesuch.objects.count() == 1

    danach = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 4, 1), begehrt_bis=date(2027, 4, 10))
    davor = _gesuch(sachbearbeitung, fall, begehrt_von=date(2026, 12, 20), begehrt_bis=date(2026, 12, 31))
    _entscheiden(danach, sachbearbeitung)
    _entscheiden(davor, sachbearbeitung)

    gespeichert = Aufschubgesuch.objects.filter(status=Gesuchsstatus.BEWILLIGT).order_by("bewilligt_von")
    assert [(g.bewilligt_von, g.bewilligt_bis) for g in gespeichert] == [
        (date(2026, 12, 20), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2027, 4, 10)),
    ]


@pytest.mark.rule("R-14-2")
def test_ueberschneidung_beim_entscheid_abgelehnt(sachbearbeitung, fall):
    """Two open requests for the same days: each fits alone; once one is granted the other is refused."""
    a = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 1, 31))
    b = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 31), begehrt_bis=date(2027, 2, 10))
    _entscheiden(a, sachbearbeitung)

    with pytest.raises(ValidationError) as exc:
        _entscheiden(b, sachbearbeitung)

    [meldung] = [m for meldungen in exc.value.message_dict.values() for m in meldungen]
    assert meldung.startswith("§ 14 Abs. 1 JVG") and "Der Zeitraum überschneidet sich" in meldung
    b.refresh_from_db()
    assert b.status == Gesuchsstatus.EINGEREICHT and b.bewilligt_von is None
    # Just outside: granted from the day after, it is stored.
    _entscheiden(b, sachbearbeitung, bewilligt_von=date(2027, 2, 1), bewilligt_bis=date(2027, 2, 10))
    b.refresh_from_db()
    assert (b.status, b.bewilligt_von, b.bewilligt_bis) == (
        Gesuchsstatus.BEWILLIGT,
        date(2027, 2, 1),
        date(2027, 2, 10),
    )


@pytest.mark.rule("R-14-2", "R-0-BAD-1")
def test_api_ueberschneidung_400_angrenzend_201(sachbearbeitung, fall):
    client = api_als(sachbearbeitung)
    _entscheiden(_gesuch(sachbearbeitung, fall), sachbearbeitung)

    ueberschneidend = client.post(
        API, _api_daten(fall, begehrtVon="2027-03-31", begehrtBis="2027-04-10"), format="json"
    )
    angrenzend = client.post(
        API, _api_daten(fall, begehrtVon="2027-04-01", begehrtBis="2027-04-10"), format="json"
    )

    assert ueberschneidend.status_code == 400
    [meldung] = [m for meldungen in ueberschneidend.json().values() for m in meldungen]
    assert meldung.startswith("§ 14 Abs. 1 JVG") and "Der Zeitraum überschneidet sich" in meldung
    assert angrenzend.status_code == 201
    gespeichert = Aufschubgesuch.objects.get(pk=angrenzend.json()["id"])
    assert (gespeichert.begehrt_von, gespeichert.begehrt_bis) == (date(2027, 4, 1), date(2027, 4, 10))
    assert Aufschubgesuch.objects.count() == 2


@pytest.mark.rule("R-14-3", "R-0-BAD-1", grenze=True)
def test_grund_grenze_lit_b_gespeichert_lit_c_und_unsinn_abgelehnt(sachbearbeitung, fall):
    """Just inside: lit. b is stored with the request; just outside: a lit. c the law does not know; bad
    input: a number in the API. Nothing is stored for the refused ones."""
    gesuch = _gesuch(sachbearbeitung, fall, grund=Gesuchsgrund.B)
    with pytest.raises(ValidationError) as ausserhalb:
        _gesuch(sachbearbeitung, fall, grund="c", begehrt_von=date(2027, 5, 1), begehrt_bis=date(2027, 5, 31))
    unsinn = api_als(sachbearbeitung).post(API, _api_daten(fall, grund=123), format="json")

    gesuch.refresh_from_db()
    assert gesuch.grund == Gesuchsgrund.B
    assert list(ausserhalb.value.message_dict) == ["grund"]
    assert unsinn.status_code == 400 and list(unsinn.json()) == ["grund"]
    assert Aufschubgesuch.objects.count() == 1
