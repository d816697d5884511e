"""Boundary tests (issue 25) of R-43-3 (§ 43 Abs. 3 JVG), R-STGB-75A-1 (Art. 75a StGB) and R-51-1
(§ 51 JVG): just inside (accepted and stored), just outside (refused, nothing stored) and bad input.

Dates are literals in 2027 (time-machine): the appeal comes in on Thursday 04.03.2027, the request
for a pardon on Monday 01.03.2027; "today" is the day after the last step unless said otherwise."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kern.fristen import TZ
from kern.models import Aufgabe
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from vollzug.recht import Fallstatus
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import Begnadigungsgesuch, Vollzugsoeffnung

from .conftest import beantragen, eroeffnen

pytestmark = pytest.mark.django_db

G = recht.Vollzugsgrundlage


def reise(tag: int, monat: int = 3, stunde: int = 10):
    return time_machine.travel(datetime(2027, monat, tag, stunde, 0, tzinfo=TZ), tick=False)


def meldung(e, feld: str) -> str:
    return e.value.message_dict[feld][0]


# --- R-43-3: the Staatsanwaltschaft is invited for Art. 59, Art. 64 and lifelong sentences ------------


def _angefochten(grundlage, sb, sb2, leitung_a, anstalt_a) -> Vollzugsoeffnung:
    """An opening decision notified on 03.03.2027 and appealed on 04.03.2027."""
    with reise(3):
        fall = fall_anlegen(durch=sb, eingewiesen_in=anstalt_a, monate=8)
        o = beantragen(fall, leitung_a, grundlage=grundlage)
        v = domain.oeffnung_entscheiden(oeffnung=o, bewilligen=False, begruendung="Rückfallgefahr.", durch=sb)
        eroeffnen(v, sb, sb2)
    with reise(5):
        vfg.beschwerde_erfassen(
            verfuegung=Verfuegung.objects.get(pk=v.pk), eingegangen_am=date(2027, 3, 4), durch=sb
        )
    return Vollzugsoeffnung.objects.get(pk=o.pk)


def _sta_leer(o: Vollzugsoeffnung) -> bool:
    o.refresh_from_db()
    return (o.sta_eingeladen_am, o.sta_stellungnahme_am, o.sta_stellungnahme) == (None, None, "")


@pytest.mark.rule("R-43-3", grenze=True)
@pytest.mark.parametrize("grundlage", [G.ART_59, G.ART_64, G.LEBENSLAENGLICH])
def test_sta_eingeladen_am_tag_der_beschwerde_gespeichert(
    sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a, grundlage
):
    o = _angefochten(grundlage, sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a)
    aufgabe = Aufgabe.objects.get(art=recht.Aufgabenart.STELLUNGNAHME_STA, fall=o.fall)
    assert (o.beschwerde_am, aufgabe.erledigt_am) == (date(2027, 3, 4), None)
    with reise(8):
        domain.stellungnahme_sta_erfassen(
            oeffnung=o,
            eingeladen_am=date(2027, 3, 4),
            stellungnahme_am=date(2027, 3, 4),
            text=" x ",
            durch=sachbearbeitung,
        )
    o.refresh_from_db()
    assert (o.sta_eingeladen_am, o.sta_stellungnahme_am, o.sta_stellungnahme) == (
        date(2027, 3, 4),
        date(2027, 3, 4),
        "x",
    )
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt_durch == sachbearbeitung
    assert o.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-43-3", grenze=True)
@pytest.mark.parametrize("grundlage", [G.ART_60_61, G.FREIHEITSSTRAFE])
def test_ohne_59_64_lebenslaenglich_keine_einladung(
    sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a, grundlage
):
    o = _angefochten(grundlage, sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a)
    assert o.beschwerde_am == date(2027, 3, 4)
    assert not Aufgabe.objects.filter(art=recht.Aufgabenart.STELLUNGNAHME_STA).exists()
    with reise(8), pytest.raises(ValidationError) as e:
        domain.stellungnahme_sta_erfassen(oeffnung=o, eingeladen_am=date(2027, 3, 4), durch=sachbearbeitung)
    assert meldung(e, "sta_eingeladen_am").startswith("§ 43 Abs. 3 JVG: Die Staatsanwaltschaft wird nur bei")
    assert _sta_leer(o)


@pytest.mark.rule("R-43-3", grenze=True)
@pytest.mark.parametrize(
    ("daten", "feld", "text"),
    [
        (
            {"eingeladen_am": date(2027, 3, 3)},
            "sta_eingeladen_am",
            "§ 43 Abs. 3 JVG: Die Einladung der Staatsanwaltschaft folgt der Beschwerde (nicht vor deren Eingang).",
        ),
        (
            {"eingeladen_am": date(2027, 3, 9)},
            "sta_eingeladen_am",
            "Das Datum kann nicht in der Zukunft liegen.",
        ),
        (
            {"eingeladen_am": date(2027, 3, 5), "stellungnahme_am": date(2027, 3, 4), "text": "x"},
            "sta_stellungnahme_am",
            "Die Stellungnahme folgt der Einladung.",
        ),
        ({"eingeladen_am": "04.03.2027"}, "sta_eingeladen_am", "Ungültiges Datum."),
        ({"eingeladen_am": None}, "sta_eingeladen_am", "Ungültiges Datum."),
        (
            {"eingeladen_am": date(2027, 3, 4), "stellungnahme_am": date(2027, 3, 5), "text": "   "},
            "sta_stellungnahme",
            "Den Inhalt der Stellungnahme angeben.",
        ),
    ],
    ids=["tag_vor_beschwerde", "morgen", "stellungnahme_vor_einladung", "text", "leer", "inhalt_fehlt"],
)
def test_sta_ausserhalb_und_fehleingaben_abgelehnt(
    sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a, daten, feld, text
):
    o = _angefochten(G.ART_59, sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a)
    with reise(8), pytest.raises(ValidationError) as e:
        domain.stellungnahme_sta_erfassen(oeffnung=o, durch=sachbearbeitung, **daten)
    assert meldung(e, feld) == text
    assert _sta_leer(o)
    assert Aufgabe.objects.get(art=recht.Aufgabenart.STELLUNGNAHME_STA).erledigt_am is None


@pytest.mark.rule("R-43-3", grenze=True)
def test_sta_im_browser_grenzen(client_als, sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a):
    o = _angefochten(G.ART_64, sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a)
    url = reverse("vollzugsgestaltung:oeffnung_aktion", args=[o.pk, "staatsanwaltschaft"])
    with reise(8):
        assert (
            client_als(leitung_a).post(url, {"staatsanwaltschaft-eingeladen_am": "04.03.2027"}).status_code
            == 403
        )
        client = client_als(sachbearbeitung)
        vorher = client.post(url, {"staatsanwaltschaft-eingeladen_am": "03.03.2027"})
        unsinn = client.post(url, {"staatsanwaltschaft-eingeladen_am": "31.02.2027"})
        assert (vorher.status_code, unsinn.status_code) == (200, 200)
        assert (
            "§ 43 Abs. 3 JVG: Die Einladung der Staatsanwaltschaft folgt der Beschwerde (nicht vor deren Eingang)."
            in vorher.content.decode()
        )
        assert "Ungültiges Datum: erwartet TT.MM.JJJJ" in unsinn.content.decode()
        assert _sta_leer(o)
        ok = client.post(url, {"staatsanwaltschaft-eingeladen_am": "04.03.2027"})
    assert ok.status_code == 302
    o.refresh_from_db()
    assert o.sta_eingeladen_am == date(2027, 3, 4)


# --- R-STGB-75A-1: no decision for a person of Art. 75a before the Fachkommission's assessment ------


@pytest.fixture
def antrag_75a(sachbearbeitung, leitung_a, anstalt_a):
    with reise(3):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, monate=8)
        return beantragen(fall, leitung_a, gemeingefaehrlich_75a=True)


@pytest.mark.rule("R-STGB-75A-1", grenze=True)
def test_75a_ohne_beurteilung_abgelehnt_mit_beurteilung_entschieden(antrag_75a, sachbearbeitung):
    with reise(4), pytest.raises(ValidationError) as e:
        domain.oeffnung_entscheiden(
            oeffnung=antrag_75a, bewilligen=True, begruendung="Gut.", durch=sachbearbeitung
        )
    assert meldung(e, "fachkommission_am").startswith("Art. 75a Abs. 1 StGB: Bei gemeingefährlichen Personen")
    o = Vollzugsoeffnung.objects.get(pk=antrag_75a.pk)
    assert (o.status, o.verfuegung_id, o.entschieden_am) == (recht.Oeffnungsstatus.BEANTRAGT, None, None)
    assert not Verfuegung.objects.exists()

    with reise(4):
        # Just inside: the assessment dated today, then the decision.
        domain.fachkommission_erfassen(
            oeffnung=o, am=date(2027, 3, 4), ergebnis="mit_auflagen", text=" x ", durch=sachbearbeitung
        )
        v = domain.oeffnung_entscheiden(
            oeffnung=o, bewilligen=True, begruendung="Gut.", durch=sachbearbeitung
        )
    o.refresh_from_db()
    assert (o.fachkommission_am, o.fachkommission_ergebnis, o.fachkommission_text) == (
        date(2027, 3, 4),
        "mit_auflagen",
        "x",
    )
    assert (o.status, o.verfuegung_id) == (recht.Oeffnungsstatus.BEWILLIGT, v.pk)
    assert "Beurteilung der Fachkommission vom 04.03.2027: befürwortet mit Auflagen – x" in (
        Verfuegung.objects.get(pk=v.pk).sachverhalt
    )


@pytest.mark.rule("R-STGB-75A-1", grenze=True)
@pytest.mark.parametrize(
    ("daten", "feld", "text"),
    [
        ({"am": date(2027, 3, 5)}, "fachkommission_am", "Das Datum kann nicht in der Zukunft liegen."),
        ({"am": "04.03.2027"}, "fachkommission_am", "Ungültiges Datum."),
        ({"ergebnis": "vielleicht"}, "fachkommission_ergebnis", "Unbekanntes Ergebnis der Fachkommission."),
        (
            {"text": "  "},
            "fachkommission_text",
            "Art. 75a Abs. 1 StGB: Die Beurteilung der Fachkommission zusammenfassen.",
        ),
        ({"text": "x" * 5001}, "fachkommission_text", "Höchstens 5000 Zeichen."),
    ],
    ids=["morgen", "text_statt_datum", "ergebnis_unbekannt", "ohne_text", "zu_lang"],
)
def test_75a_beurteilung_ausserhalb_und_fehleingaben(antrag_75a, sachbearbeitung, daten, feld, text):
    eingabe = {"am": date(2027, 3, 4), "ergebnis": "befuerwortet", "text": "x", **daten}
    with reise(4), pytest.raises(ValidationError) as e:
        domain.fachkommission_erfassen(oeffnung=antrag_75a, durch=sachbearbeitung, **eingabe)
    assert meldung(e, feld) == text
    o = Vollzugsoeffnung.objects.get(pk=antrag_75a.pk)
    assert (o.fachkommission_am, o.fachkommission_ergebnis, o.fachkommission_text) == (None, "", "")
    # Still no decision possible.
    with reise(4), pytest.raises(ValidationError):
        domain.oeffnung_entscheiden(oeffnung=o, bewilligen=False, begruendung="Nein.", durch=sachbearbeitung)


@pytest.mark.rule("R-STGB-75A-1", grenze=True)
def test_75a_beurteilung_nur_durch_die_behoerde(antrag_75a, leitung_a):
    with reise(4), pytest.raises(PermissionDenied):
        domain.fachkommission_erfassen(
            oeffnung=antrag_75a, am=date(2027, 3, 4), ergebnis="befuerwortet", text="x", durch=leitung_a
        )
    assert Vollzugsoeffnung.objects.get(pk=antrag_75a.pk).fachkommission_am is None


@pytest.mark.rule("R-STGB-75A-1", grenze=True)
def test_75a_im_browser_grenzen(client_als, antrag_75a, sachbearbeitung):
    fk = reverse("vollzugsgestaltung:oeffnung_aktion", args=[antrag_75a.pk, "fachkommission"])
    entscheid = reverse("vollzugsgestaltung:oeffnung_aktion", args=[antrag_75a.pk, "entscheiden"])
    with reise(4):
        client = client_als(sachbearbeitung)  # a session of "today": sessions expire
        ohne = client.post(entscheid, {"entscheiden-bewilligen": "1", "entscheiden-begruendung": "Gut."})
        morgen = client.post(
            fk,
            {
                "fachkommission-am": "05.03.2027",
                "fachkommission-ergebnis": "befuerwortet",
                "fachkommission-text": "x",
            },
        )
        assert (ohne.status_code, morgen.status_code) == (200, 200)
        assert "Beurteilung der Fachkommission des Konkordats erfasst ist" in ohne.content.decode()
        assert "Das Datum kann nicht in der Zukunft liegen." in morgen.content.decode()
        o = Vollzugsoeffnung.objects.get(pk=antrag_75a.pk)
        assert (o.status, o.fachkommission_am) == (recht.Oeffnungsstatus.BEANTRAGT, None)
        heute = client.post(
            fk,
            {
                "fachkommission-am": "04.03.2027",
                "fachkommission-ergebnis": "befuerwortet",
                "fachkommission-text": "x",
            },
        )
        danach = client.post(entscheid, {"entscheiden-bewilligen": "1", "entscheiden-begruendung": "Gut."})
    assert (heute.status_code, danach.status_code) == (302, 302)
    o.refresh_from_db()
    assert (o.status, o.fachkommission_am) == (recht.Oeffnungsstatus.BEWILLIGT, date(2027, 3, 4))


# --- R-51-1: recorded, forwarded to the Kantonsrat, its decision recorded ----------------------------


@pytest.fixture
def gesuch(sachbearbeitung, anstalt_a):
    with reise(1):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, monate=8)
        return domain.gnadengesuch_erfassen(
            person=fall.person,
            fall=fall,
            eingereicht_am=date(2027, 3, 1),
            gesuchsteller="RA Keller",
            begehren="Erlass der Reststrafe.",
            durch=sachbearbeitung,
        )


def _weiterleiten(g, am, durch, **kw):
    daten = {
        "bericht": "Bericht.",
        "vollzug_aussetzen": False,
        "aussetzung_begruendung": "Keine Gründe.",
        **kw,
    }
    return domain.gnadengesuch_weiterleiten(gesuch=g, am=am, durch=durch, **daten)


@pytest.mark.rule("R-51-1", grenze=True)
def test_gesuch_erfassen_grenzen(sachbearbeitung, leitung_a, anstalt_a):
    with reise(1):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, monate=8)
        daten = {"person": fall.person, "gesuchsteller": "x" * 150, "begehren": "y"}
        with pytest.raises(PermissionDenied):
            domain.gnadengesuch_erfassen(eingereicht_am=date(2027, 3, 1), durch=leitung_a, **daten)
        for eingabe, feld, text in [
            (
                {"eingereicht_am": date(2027, 3, 2)},
                "eingereicht_am",
                "Das Datum kann nicht in der Zukunft liegen.",
            ),
            ({"eingereicht_am": "01.03.2027"}, "eingereicht_am", "Ungültiges Datum."),
            ({"gesuchsteller": "x" * 151}, "gesuchsteller", "Höchstens 150 Zeichen."),
            ({"begehren": "   "}, "begehren", "Begehren und Begründung des Gesuchs festhalten."),
        ]:
            with pytest.raises(ValidationError) as e:
                domain.gnadengesuch_erfassen(
                    durch=sachbearbeitung, **{"eingereicht_am": date(2027, 3, 1), **daten, **eingabe}
                )
            assert meldung(e, feld) == text
        assert not Begnadigungsgesuch.objects.exists()
        g = domain.gnadengesuch_erfassen(eingereicht_am=date(2027, 3, 1), durch=sachbearbeitung, **daten)
    g = Begnadigungsgesuch.objects.get(pk=g.pk)
    assert (g.eingereicht_am, g.gesuchsteller, g.begehren, g.status) == (
        date(2027, 3, 1),
        "x" * 150,
        "y",
        recht.Gnadenstatus.EINGEREICHT,
    )
    assert g.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-51-1", grenze=True)
def test_weiterleiten_am_eingangstag_entscheid_am_weiterleitungstag(gesuch, sachbearbeitung):
    with reise(2):
        _weiterleiten(gesuch, date(2027, 3, 1), sachbearbeitung, vollzug_aussetzen=True)
        domain.gnadenentscheid_erfassen(
            gesuch=gesuch, entscheid="abgewiesen", am=date(2027, 3, 1), text="x", durch=sachbearbeitung
        )
    g = Begnadigungsgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, g.weitergeleitet_am, g.entscheid, g.entscheid_am, g.entscheid_text) == (
        recht.Gnadenstatus.ENTSCHIEDEN,
        date(2027, 3, 1),
        "abgewiesen",
        date(2027, 3, 1),
        "x",
    )
    assert (g.ausgesetzt_ab, g.ausgesetzt_bis, g.vollzug_ausgesetzt) == (
        date(2027, 3, 1),
        date(2027, 3, 1),
        False,
    )
    assert g.fall.status == Fallstatus.IM_VOLLZUG
    assert [h.history_user for h in g.history.all()] == [sachbearbeitung] * 3


@pytest.mark.rule("R-51-1", grenze=True)
@pytest.mark.parametrize(
    ("am", "kw", "feld", "text"),
    [
        (
            date(2027, 2, 28),
            {},
            "weitergeleitet_am",
            "§ 51 JVG: Das Gesuch wird nach seinem Eingang weitergeleitet (nicht vorher).",
        ),
        (date(2027, 3, 3), {}, "weitergeleitet_am", "Das Datum kann nicht in der Zukunft liegen."),
        ("01.03.2027", {}, "weitergeleitet_am", "Ungültiges Datum."),
        (
            date(2027, 3, 1),
            {"vollzug_aussetzen": "ja"},
            "vollzug_ausgesetzt",
            "Angeben, ob der Vollzug ausgesetzt wird.",
        ),
        (date(2027, 3, 1), {"bericht": " "}, "bericht", "§ 51 JVG: Den Bericht an den Kantonsrat verfassen."),
    ],
    ids=["tag_vor_eingang", "morgen", "text_statt_datum", "aussetzen_kein_ja_nein", "ohne_bericht"],
)
def test_weiterleiten_ausserhalb_und_fehleingaben(gesuch, sachbearbeitung, am, kw, feld, text):
    with reise(2), pytest.raises(ValidationError) as e:
        _weiterleiten(gesuch, am, sachbearbeitung, **kw)
    assert meldung(e, feld) == text
    g = Begnadigungsgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, g.weitergeleitet_am, g.bericht) == (recht.Gnadenstatus.EINGEREICHT, None, "")
    assert g.fall.status == Fallstatus.IM_VOLLZUG


@pytest.mark.rule("R-51-1", grenze=True)
def test_entscheid_ausserhalb_und_fehleingaben(gesuch, sachbearbeitung, leitung_a):
    with reise(2):
        _weiterleiten(gesuch, date(2027, 3, 2), sachbearbeitung)
        with pytest.raises(PermissionDenied):
            domain.gnadenentscheid_erfassen(
                gesuch=gesuch, entscheid="abgewiesen", am=date(2027, 3, 2), text="x", durch=leitung_a
            )
        for entscheid, am, feld, text in [
            (
                "abgewiesen",
                date(2027, 3, 1),
                "entscheid_am",
                "§ 51 JVG: Der Entscheid folgt der Weiterleitung (nicht vorher).",
            ),
            ("abgewiesen", date(2027, 3, 3), "entscheid_am", "Das Datum kann nicht in der Zukunft liegen."),
            ("abgewiesen", None, "entscheid_am", "Ungültiges Datum."),
            ("vertagt", date(2027, 3, 2), "entscheid", "Unbekannter Entscheid."),
        ]:
            with pytest.raises(ValidationError) as e:
                domain.gnadenentscheid_erfassen(
                    gesuch=gesuch, entscheid=entscheid, am=am, text="x", durch=sachbearbeitung
                )
            assert meldung(e, feld) == text
    g = Begnadigungsgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, g.entscheid, g.entscheid_am) == (recht.Gnadenstatus.WEITERGELEITET, "", None)


@pytest.mark.rule("R-51-1", grenze=True)
def test_begnadigung_im_browser_grenzen(client_als, gesuch, sachbearbeitung):
    url = reverse("vollzugsgestaltung:gnade_aktion", args=[gesuch.pk, "weiterleiten"])
    daten = {
        "weiterleiten-bericht": "Bericht.",
        "weiterleiten-vollzug_aussetzen": "0",
        "weiterleiten-aussetzung_begruendung": "Keine Gründe.",
    }
    with reise(2):
        client = client_als(sachbearbeitung)  # a session of "today": sessions expire
        vorher = client.post(url, {**daten, "weiterleiten-am": "28.02.2027"})
        unsinn = client.post(url, {**daten, "weiterleiten-am": "31.02.2027"})
        assert (vorher.status_code, unsinn.status_code) == (200, 200)
        assert (
            "§ 51 JVG: Das Gesuch wird nach seinem Eingang weitergeleitet (nicht vorher)."
            in vorher.content.decode()
        )
        assert "Ungültiges Datum: erwartet TT.MM.JJJJ" in unsinn.content.decode()
        assert Begnadigungsgesuch.objects.get(pk=gesuch.pk).status == recht.Gnadenstatus.EINGEREICHT
        ok = client.post(url, {**daten, "weiterleiten-am": "01.03.2027"})
    assert ok.status_code == 302
    g = Begnadigungsgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, g.weitergeleitet_am) == (recht.Gnadenstatus.WEITERGELEITET, date(2027, 3, 1))
