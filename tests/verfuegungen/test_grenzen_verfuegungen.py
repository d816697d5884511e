"""Boundary tests (issue 25) of the cross-cutting Verfügung rules: four-eyes, rechtliches Gehör, the PDF,
Rechtskraft and the day deadlines. Each test takes the value just inside (accepted, read back from the
database), the nearest one just outside (refused with the German message, nothing stored) and a bad input.
Limits are literals on purpose: 5 days of § 42, 20 days of § 43, Monday 30.03.2026 → Tuesday 07.04.2026.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from kern.fristen import TZ
from kern.rollen import Rolle
from tests.conftest import _benutzer
from tests.factories import api_token, fall_anlegen
from verfuegungen import domain
from verfuegungen.domain.rechtskraft import rechtskraft_eintragen
from verfuegungen.models import Anhoerung, Beschwerde, Genehmigungsschritt, Verfuegung
from verfuegungen.recht import (
    Anhoerungsart,
    Beschwerdeergebnis,
    EroeffnungArt,
    Genehmigungsaktion,
    Verfuegungsstatus,
    Verfuegungstyp,
)

pytestmark = pytest.mark.django_db

T = Verfuegungstyp
S = Verfuegungsstatus


def _daten():
    return domain.Entwurfsdaten(
        titel="Verfügung",
        rechtsgrundlage="§ 41 Abs. 1 lit. f JVG",
        sachverhalt="Am 20.03.2026 verweigerte die Person die Rückkehr in die Zelle.",
        begruendung="Die Verweigerung stört die Ordnung der Einrichtung erheblich.",
        dispositiv="1. Arrest von 3 Tagen.",
    )


def _entwurf(typ, durch, fall, anstalt=None, **kw):
    return domain.verfuegung_entwerfen(
        typ=typ, person=fall.person, fall=fall, anstalt=anstalt, daten=_daten(), durch=durch, **kw
    )


def _meldung(exc_info, feld):
    return exc_info.value.message_dict[feld][0]


def _aus_db(v) -> Verfuegung:
    return Verfuegung.objects.get(pk=v.pk)


def _schritte(v) -> list[tuple[str, int, str]]:
    return list(
        Genehmigungsschritt.objects.filter(verfuegung_id=v.pk)
        .order_by("pk")
        .values_list("aktion", "durch_id", "kommentar")
    )


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def reise(tag: date, stunde: int = 10):
    return time_machine.travel(datetime(tag.year, tag.month, tag.day, stunde, 0, tzinfo=TZ), tick=False)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def leitung_b(anstalt_b):
    return _benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)


@pytest.fixture
def personal_a2(anstalt_a):
    return _benutzer("personal_a2", Rolle.ANSTALTSPERSONAL, anstalt_a)


# --- R-0-4EYES-1: never approved by the drafter -------------------------------------------------


@pytest.mark.rule("R-0-4EYES-1", grenze=True)
def test_vier_augen_zweite_person_genehmigt_verfasser_nicht(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung, kommentar="Bitte prüfen")

    # Just outside: the drafter, who has the approving role, approves his own draft.
    with pytest.raises(ValidationError) as e:
        domain.genehmigen(verfuegung=v, durch=sachbearbeitung, kommentar="selbst")
    assert "kann sie nicht selbst genehmigen (Vier-Augen-Prinzip)" in _meldung(e, "durch")
    gespeichert = _aus_db(v)
    assert (gespeichert.status, gespeichert.genehmigt_durch_id, gespeichert.entscheid_datum) == (
        S.ZUR_GENEHMIGUNG,
        None,
        None,
    )
    assert _schritte(v) == [(Genehmigungsaktion.VORGELEGT, sachbearbeitung.pk, "Bitte prüfen")]

    # Just inside: a second person of the same role.
    domain.genehmigen(verfuegung=v, durch=sachbearbeitung2, kommentar="In Ordnung")
    gespeichert = _aus_db(v)
    assert gespeichert.status == S.GENEHMIGT
    assert gespeichert.genehmigt_durch_id == sachbearbeitung2.pk
    assert gespeichert.entscheid_datum == timezone.localdate(gespeichert.genehmigt_am)
    assert _schritte(v) == [
        (Genehmigungsaktion.VORGELEGT, sachbearbeitung.pk, "Bitte prüfen"),
        (Genehmigungsaktion.GENEHMIGT, sachbearbeitung2.pk, "In Ordnung"),
    ]
    assert gespeichert.history.latest("history_id").history_user_id == sachbearbeitung2.pk


@pytest.mark.rule("R-0-4EYES-1", grenze=True)
def test_vier_augen_vorlegende_person_genehmigt_nicht(sachbearbeitung, sachbearbeitung2, fall_a):
    # Drafted by one, submitted by another: the submitter is just as much outside as the drafter.
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung2)
    with pytest.raises(ValidationError) as e:
        domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    assert "Vier-Augen-Prinzip" in _meldung(e, "durch")
    assert _aus_db(v).status == S.ZUR_GENEHMIGUNG
    assert [s[0] for s in _schritte(v)] == [Genehmigungsaktion.VORGELEGT]


@pytest.mark.rule("R-0-4EYES-1", grenze=True)
def test_vier_augen_anstalt_nur_deren_leitung(
    personal_a, personal_a2, leitung_a, leitung_b, anstalt_a, fall_a
):
    """A proposal of facility staff: approved by the facility's management; neither by other staff of the
    same facility nor by the management of another facility."""
    v = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
    domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=personal_a)
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=personal_a)

    for aussen in (personal_a2, leitung_b):
        with pytest.raises(PermissionDenied) as e:
            domain.genehmigen(verfuegung=v, durch=aussen)
        assert str(e.value).startswith("Keine Berechtigung: Verfügung genehmigen")
        assert _aus_db(v).status == S.ZUR_GENEHMIGUNG
        assert [s[0] for s in _schritte(v)] == [Genehmigungsaktion.VORGELEGT]

    domain.genehmigen(verfuegung=v, durch=leitung_a, kommentar="einverstanden")
    gespeichert = _aus_db(v)
    assert (gespeichert.status, gespeichert.genehmigt_durch_id) == (S.GENEHMIGT, leitung_a.pk)
    assert _schritte(v)[-1] == (Genehmigungsaktion.GENEHMIGT, leitung_a.pk, "einverstanden")


@pytest.mark.rule("R-0-4EYES-1", grenze=True)
def test_vier_augen_fehleingaben(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    # Not yet submitted: nothing to approve.
    with pytest.raises(ValidationError) as e:
        domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    assert "ist nicht (mehr) zur Genehmigung vorgelegt" in _meldung(e, "status")
    assert (_aus_db(v).status, _schritte(v)) == (S.ENTWURF, [])

    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    # A return or a refusal with a blank comment.
    for aktion in (domain.zurueckweisen, domain.ablehnen):
        with pytest.raises(ValidationError) as e:
            aktion(verfuegung=v, durch=sachbearbeitung2, kommentar="   ")
        assert "ist eine Begründung im Kommentar nötig" in _meldung(e, "kommentar")
        assert _aus_db(v).status == S.ZUR_GENEHMIGUNG
        assert [s[0] for s in _schritte(v)] == [Genehmigungsaktion.VORGELEGT]

    domain.zurueckweisen(verfuegung=v, durch=sachbearbeitung2, kommentar="Begründung ergänzen")
    assert _aus_db(v).status == S.ENTWURF
    assert _schritte(v)[-1] == (
        Genehmigungsaktion.ZURUECKGEWIESEN,
        sachbearbeitung2.pk,
        "Begründung ergänzen",
    )


@pytest.mark.rule("R-0-4EYES-1", grenze=True)
def test_vier_augen_api_verfasser_400_zweite_person_200(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    pfad = f"/api/v1/verfuegungen/{v.pk}/genehmigen/"
    historie = v.history.count()

    antwort = api_als(sachbearbeitung).post(pfad, {"kommentar": "selbst"}, format="json")
    assert antwort.status_code == 400
    meldung = antwort.json()["non_field_errors"][0]
    assert meldung == (
        "Wer die Verfügung entworfen oder vorgelegt hat, kann sie nicht selbst genehmigen (Vier-Augen-Prinzip)."
    )
    # Bad input: a comment that is no text, and one far too long.
    zweite = api_als(sachbearbeitung2)
    for eingabe in ({"kommentar": ["a", "b"]}, {"kommentar": "x" * 5001}):
        antwort = zweite.post(pfad, eingabe, format="json")
        assert antwort.status_code == 400
        assert "kommentar" in antwort.json()
    assert (_aus_db(v).status, v.history.count(), len(_schritte(v))) == (S.ZUR_GENEHMIGUNG, historie, 1)

    antwort = zweite.post(pfad, {"kommentar": "x" * 5000}, format="json")
    assert antwort.status_code == 200
    assert antwort.json()["status"] == "genehmigt"
    gespeichert = _aus_db(v)
    assert (gespeichert.status, gespeichert.genehmigt_durch_id) == (S.GENEHMIGT, sachbearbeitung2.pk)
    assert _schritte(v)[-1] == (Genehmigungsaktion.GENEHMIGT, sachbearbeitung2.pk, "x" * 5000)


# --- R-0-GEHOER-1: hearing before a burdening decision -------------------------------------------


@pytest.mark.rule("R-0-GEHOER-1", grenze=True)
def test_gehoer_ohne_anhoerung_abgelehnt_mit_verzicht_genehmigt(personal_a, leitung_a, anstalt_a, fall_a):
    v = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=personal_a)

    # Just outside: a burdening decision without any hearing.
    with pytest.raises(ValidationError) as e:
        domain.genehmigen(verfuegung=v, durch=leitung_a)
    assert _meldung(e, "anhoerung").startswith("R-0-GEHOER-1 (Art. 29 Abs. 2 BV): Vor einer belastenden")
    assert _aus_db(v).status == S.ZUR_GENEHMIGUNG
    assert [s[0] for s in _schritte(v)] == [Genehmigungsaktion.VORGELEGT]

    # Just inside: the waiver is enough.
    a = domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=leitung_a)
    assert Anhoerung.objects.filter(verfuegung_id=v.pk).values_list("art", "erfasst_durch_id").get() == (
        Anhoerungsart.VERZICHT,
        leitung_a.pk,
    )
    assert a.nachholen_bis is None
    domain.genehmigen(verfuegung=v, durch=leitung_a)
    assert _aus_db(v).status == S.GENEHMIGT


@pytest.mark.rule("R-0-GEHOER-1", grenze=True)
def test_gehoer_gefahr_im_verzug_mit_begruendung_ohne_nicht(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _entwurf(T.ZWANGSERNAEHRUNG_39, sachbearbeitung, fall_a)
    # Just outside: Gefahr im Verzug without reasons; then blank statements (bad input).
    with pytest.raises(ValidationError) as e:
        domain.gehoer_erfassen(
            verfuegung=v, art=Anhoerungsart.GEFAHR_IM_VERZUG, begruendung="  ", durch=sachbearbeitung
        )
    assert "Gefahr im Verzug muss begründet werden" in _meldung(e, "begruendung")
    with pytest.raises(ValidationError) as e:
        domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.STELLUNGNAHME, text="", durch=sachbearbeitung)
    assert "Die Stellungnahme der Person erfassen." in _meldung(e, "text")
    with pytest.raises(ValidationError) as e:
        domain.gehoer_erfassen(verfuegung=v, art="telefonisch", durch=sachbearbeitung)
    assert "Unbekannte Art der Anhörung" in _meldung(e, "art")
    assert not Anhoerung.objects.filter(verfuegung_id=v.pk).exists()
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    with pytest.raises(ValidationError):
        domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    assert _aus_db(v).status == S.ZUR_GENEHMIGUNG

    # Just inside: reasons given; the hearing follows the decision with a deadline.
    with reise(date(2026, 3, 30)):
        a = domain.gehoer_erfassen(
            verfuegung=v,
            art=Anhoerungsart.GEFAHR_IM_VERZUG,
            begruendung="Lebensgefahr",
            durch=sachbearbeitung,
        )
        domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    a = Anhoerung.objects.get(pk=a.pk)
    assert (a.art, a.begruendung) == (Anhoerungsart.GEFAHR_IM_VERZUG, "Lebensgefahr")
    assert a.nachholen_bis is not None and a.nachholen_bis > date(2026, 3, 30)
    assert _aus_db(v).status == S.GENEHMIGT


@pytest.mark.rule("R-0-GEHOER-1", grenze=True)
def test_gehoer_api_ohne_anhoerung_400(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _entwurf(T.ZWANGSMEDIKATION_36, sachbearbeitung, fall_a)
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    historie = v.history.count()
    antwort = api_als(sachbearbeitung2).post(f"/api/v1/verfuegungen/{v.pk}/genehmigen/", {}, format="json")
    assert antwort.status_code == 400
    text = str(antwort.json())
    assert "Art. 29 Abs. 2 BV" in text and "R-0-" not in text
    assert (_aus_db(v).status, v.history.count()) == (S.ZUR_GENEHMIGUNG, historie)


# --- R-0-VFG-2: Eröffnung at a real moment, never before approval or in the future ---------------


@pytest.fixture
def versetzung_genehmigt(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    return domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)


def _eroeffnung_gespeichert(v) -> tuple:
    g = _aus_db(v)
    return g.status, g.eroeffnet_am, g.rechtsmittelfrist_ende, bool(g.pdf), g.history.count()


@pytest.mark.rule("R-0-VFG-2", grenze=True)
def test_eroeffnung_zeitpunkt_grenzen(sachbearbeitung, sachbearbeitung2, fall_a):
    jetzt = datetime(2026, 3, 30, 10, 0, tzinfo=TZ)
    with time_machine.travel(jetzt, tick=False):
        v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
        v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
        v = domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
        vorher = _eroeffnung_gespeichert(v)
        assert vorher[:4] == (S.GENEHMIGT, None, None, False)

        falsch = [
            (jetzt - timedelta(seconds=1), "am", "kann nicht vor der Genehmigung (30.03.2026 10:00) liegen"),
            (jetzt + timedelta(seconds=1), "am", "kann nicht in der Zukunft liegen"),
            (datetime(2026, 3, 30, 10, 0), "am", "Zeitpunkt ohne Zeitzone."),
            (datetime(1, 1, 2, tzinfo=TZ), "am", "Der Zeitpunkt liegt vor 1900."),
            ("30.03.2026", "am", "Zeitpunkt ohne Zeitzone."),
        ]
        for am, feld, text in falsch:
            with pytest.raises(ValidationError) as e:
                domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, am=am, durch=sachbearbeitung)
            assert text in _meldung(e, feld), am
            assert _eroeffnung_gespeichert(v) == vorher
        with pytest.raises(ValidationError) as e:
            domain.eroeffnen(verfuegung=v, art="fax", durch=sachbearbeitung)
        assert "Unbekannte Art der Eröffnung" in _meldung(e, "art")
        assert _eroeffnung_gespeichert(v) == vorher

        # Just inside: the moment of approval itself, which is also now.
        domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, am=jetzt, durch=sachbearbeitung)
    g = _aus_db(v)
    assert (g.status, g.eroeffnet_am, g.eroeffnung_art) == (S.EROEFFNET, jetzt, EroeffnungArt.EINSCHREIBEN)
    assert g.entscheid_datum == date(2026, 3, 30)
    assert g.pdf and len(g.pdf_sha256) == 64
    assert g.history.latest("history_id").history_user_id == sachbearbeitung.pk


@pytest.mark.rule("R-0-VFG-2", grenze=True)
def test_eroeffnung_muendlich_vor_oder_mit_schriftlicher(sachbearbeitung, sachbearbeitung2, fall_a):
    beginn = datetime(2026, 3, 30, 10, 0, tzinfo=TZ)
    with time_machine.travel(beginn, tick=False):
        v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
        v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
        v = domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    with time_machine.travel(beginn + timedelta(days=2), tick=False):
        schriftlich = beginn + timedelta(days=1)
        with pytest.raises(ValidationError) as e:
            domain.eroeffnen(
                verfuegung=v,
                art=EroeffnungArt.EINSCHREIBEN,
                am=schriftlich,
                muendlich_am=schriftlich + timedelta(minutes=1),
                durch=sachbearbeitung,
            )
        assert "Die mündliche Eröffnung geht der schriftlichen voraus" in _meldung(e, "muendlich_am")
        assert _aus_db(v).status == S.GENEHMIGT
        domain.eroeffnen(
            verfuegung=v,
            art=EroeffnungArt.EINSCHREIBEN,
            am=schriftlich,
            muendlich_am=schriftlich,
            durch=sachbearbeitung,
        )
    g = _aus_db(v)
    assert (g.status, g.muendlich_eroeffnet_am, g.eroeffnet_am) == (S.EROEFFNET, schriftlich, schriftlich)
    # The deadline runs from the written notification: Tue 31.03.2026 + 20 days = Mon 20.04.2026.
    assert g.rechtsmittelfrist_ende == date(2026, 4, 20)


# --- R-0-VFG-5 and R-0-FRIST-1: 5 or 20 days from the day after the written notification ----------


@pytest.mark.rule("R-0-VFG-5", grenze=True)
@pytest.mark.rule("R-0-FRIST-1", grenze=True)
def test_frist_fuenf_tage_disziplinar_gespeichert(personal_a, leitung_a, anstalt_a, fall_a):
    """Notified Sun 22.03.2026: day 5 is Fri 27.03 (a working day, stays). Notified Mon 23.03.: day 5 is
    Sat 28.03 → Mon 30.03."""
    ergebnisse = {}
    for tag in (date(2026, 3, 22), date(2026, 3, 23)):
        with reise(tag):
            v = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
            domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=personal_a)
            v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=personal_a)
            v = domain.genehmigen(verfuegung=v, durch=leitung_a)
            v = domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
        g = _aus_db(v)
        ergebnisse[tag] = (g.rechtsmittelfrist_ende, g.rechtsmittelfrist_methode)
    assert ergebnisse == {
        date(2026, 3, 22): (date(2026, 3, 27), "tage_vrg_lu_v1"),
        date(2026, 3, 23): (date(2026, 3, 30), "tage_vrg_lu_v1"),
    }


@pytest.mark.rule("R-0-VFG-5", grenze=True)
def test_beschwerde_am_letzten_tag_rechtzeitig_am_folgetag_verspaetet_20_tage(
    sachbearbeitung, sachbearbeitung2, fall_a
):
    # Versetzung (§ 43 Abs. 1: 20 days), notified Mon 30.03.2026 → day 20 is Sun 19.04 → Mon 20.04.2026.
    with reise(date(2026, 3, 30)):
        v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
        v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
        v = domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
        v = domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
        w = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
        w = domain.zur_genehmigung_vorlegen(verfuegung=w, durch=sachbearbeitung)
        w = domain.genehmigen(verfuegung=w, durch=sachbearbeitung2)
        w = domain.eroeffnen(verfuegung=w, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
    assert _aus_db(v).rechtsmittelfrist_ende == date(2026, 4, 20)

    with reise(date(2026, 5, 4)):
        # Bad input: no date, a date in the future, a date before the notification.
        for eingabe, text in (
            ("20.04.2026", "Ungültiges Datum."),
            (datetime(2026, 4, 20, 9, 0, tzinfo=TZ), "Ungültiges Datum."),
            (date(2026, 5, 5), "Der Eingang kann nicht in der Zukunft liegen."),
            (date(2026, 3, 29), "kann nicht vor der Eröffnung (30.03.2026) eingereicht worden sein"),
        ):
            with pytest.raises(ValidationError) as e:
                domain.beschwerde_erfassen(verfuegung=v, eingegangen_am=eingabe, durch=sachbearbeitung)
            assert text in _meldung(e, "eingegangen_am")
        assert _aus_db(v).status == S.EROEFFNET
        assert not hasattr(_aus_db(v), "beschwerde")

        innen = domain.beschwerde_erfassen(
            verfuegung=v, eingegangen_am=date(2026, 4, 20), durch=sachbearbeitung
        )
        aussen = domain.beschwerde_erfassen(
            verfuegung=w, eingegangen_am=date(2026, 4, 21), durch=sachbearbeitung
        )
    innen.refresh_from_db()
    aussen.refresh_from_db()
    assert (innen.verspaetet, innen.instanz, _aus_db(v).status) == (
        False,
        "Justiz- und Sicherheitsdepartement des Kantons Luzern",
        S.ANGEFOCHTEN,
    )
    assert (aussen.verspaetet, _aus_db(w).status) == (True, S.ANGEFOCHTEN)


# --- R-0-VFG-3: Rechtskraft the day after the unused deadline, by the job ------------------------


@pytest.mark.rule("R-0-VFG-3", grenze=True)
def test_rechtskraft_erst_nach_dem_letzten_fristtag(
    personal_a, leitung_a, anstalt_a, fall_a, sachbearbeitung
):
    # Notified Mon 30.03.2026, five days of § 42 → Tue 07.04.2026 (Easter Monday in between).
    with reise(date(2026, 3, 30)):
        v = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
        domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=personal_a)
        v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=personal_a)
        v = domain.genehmigen(verfuegung=v, durch=leitung_a)
        v = domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    assert _aus_db(v).rechtsmittelfrist_ende == date(2026, 4, 7)

    # The last day of the deadline: the appeal is still open.
    assert rechtskraft_eintragen(heute=date(2026, 4, 7)) == 0
    assert (_aus_db(v).status, _aus_db(v).rechtskraeftig_am) == (S.EROEFFNET, None)

    # Bad input: Rechtskraft set by hand without a further appeal is refused; nothing changes.
    with reise(date(2026, 4, 8)), pytest.raises(ValidationError) as e:
        domain.rechtskraft_feststellen(verfuegung=v, am=date(2026, 4, 8), durch=sachbearbeitung)
    assert _meldung(e, "am").startswith("§ 43 Abs. 2 JVG (R-0-VFG-5): Nur nach einer abgewiesenen Beschwerde")
    assert _aus_db(v).status == S.EROEFFNET

    # The day after: rechtskräftig, by the job, once.
    assert rechtskraft_eintragen(heute=date(2026, 4, 8)) == 1
    assert rechtskraft_eintragen(heute=date(2026, 4, 8)) == 0
    g = _aus_db(v)
    assert (g.status, g.rechtskraeftig_am) == (S.RECHTSKRAEFTIG, date(2026, 4, 8))
    letzter = g.history.latest("history_id")
    assert letzter.history_user is not None and letzter.history_user.username == "job:rechtskraft"


@pytest.mark.rule("R-0-VFG-3", grenze=True)
def test_rechtskraft_nicht_bei_beschwerde_am_letzten_tag(
    personal_a, leitung_a, anstalt_a, fall_a, sachbearbeitung
):
    with reise(date(2026, 3, 30)):
        v = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
        domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=personal_a)
        v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=personal_a)
        v = domain.genehmigen(verfuegung=v, durch=leitung_a)
        v = domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    with reise(date(2026, 4, 7)):
        domain.beschwerde_erfassen(verfuegung=v, eingegangen_am=date(2026, 4, 7), durch=sachbearbeitung)
    assert rechtskraft_eintragen(heute=date(2026, 4, 8)) == 0
    assert (_aus_db(v).status, _aus_db(v).rechtskraeftig_am) == (S.ANGEFOCHTEN, None)


# --- R-0-VFG-4: § 44 — executable from Eröffnung, or only from Rechtskraft -------------------------


def _disziplinar_eroeffnet(personal_a, leitung_a, anstalt_a, fall_a, tag=date(2026, 3, 30)):
    with reise(tag):
        v = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
        domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=personal_a)
        v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=personal_a)
        v = domain.genehmigen(verfuegung=v, durch=leitung_a)
        return domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)


@pytest.mark.rule("R-0-VFG-4", grenze=True)
def test_disziplinar_vollzug_ab_dem_moment_der_eroeffnung(personal_a, leitung_a, anstalt_a, fall_a):
    v = _disziplinar_eroeffnet(personal_a, leitung_a, anstalt_a, fall_a)
    eroeffnet = _aus_db(v).eroeffnet_am
    assert eroeffnet == datetime(2026, 3, 30, 10, 0, tzinfo=TZ)
    with pytest.raises(ValidationError) as e:
        domain.als_vollzogen_markieren(verfuegung=v, durch=leitung_a, jetzt=eroeffnet - timedelta(seconds=1))
    assert _meldung(e, "status").startswith(
        "§ 44 JVG (R-0-VFG-4): Die Verfügung ist noch nicht vollstreckbar"
    )
    assert _aus_db(v).status == S.EROEFFNET

    domain.als_vollzogen_markieren(verfuegung=v, durch=leitung_a, jetzt=eroeffnet)
    g = _aus_db(v)
    assert g.status == S.VOLLZOGEN
    assert g.history.latest("history_id").history_user_id == leitung_a.pk


@pytest.mark.rule("R-0-VFG-4", grenze=True)
def test_versetzung_vollzug_erst_nach_rechtskraft_oder_entzug(sachbearbeitung, sachbearbeitung2, fall_a):
    with reise(date(2026, 3, 30)):
        v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
        v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
        v = domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
        v = domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
    # Day 20 is Sun 19.04 → Mon 20.04.2026: on that last day the decision is not yet executable.
    with reise(date(2026, 4, 20)):
        with pytest.raises(ValidationError) as e:
            domain.als_vollzogen_markieren(verfuegung=v, durch=sachbearbeitung)
        assert "noch nicht vollstreckbar" in _meldung(e, "status")
        # Bad input: a withdrawal of the suspensive effect without reasons.
        with pytest.raises(ValidationError) as e:
            domain.aufschiebende_wirkung_entziehen(verfuegung=v, begruendung="  ", durch=sachbearbeitung)
        assert "ist zu begründen" in _meldung(e, "begruendung")
    g = _aus_db(v)
    assert (g.status, g.aufschiebende_wirkung_entzogen_am) == (S.EROEFFNET, None)

    assert rechtskraft_eintragen(heute=date(2026, 4, 21)) == 1
    with reise(date(2026, 4, 21)):
        domain.als_vollzogen_markieren(verfuegung=v, durch=sachbearbeitung)
    assert _aus_db(v).status == S.VOLLZOGEN


# --- R-0-VFG-6: § 45 — disciplinary appeals free unless abusive -----------------------------------


@pytest.mark.rule("R-0-VFG-6", grenze=True)
def test_kosten_nur_bei_mutwilliger_abgewiesener_disziplinarbeschwerde(
    personal_a, leitung_a, anstalt_a, fall_a, sachbearbeitung
):
    v = _disziplinar_eroeffnet(personal_a, leitung_a, anstalt_a, fall_a)
    with reise(date(2026, 4, 2)):
        domain.beschwerde_erfassen(verfuegung=v, eingegangen_am=date(2026, 4, 2), durch=sachbearbeitung)
    with reise(date(2026, 4, 20)):
        # Just outside: partly upheld cannot be abusive; bad input: unknown outcome, no date.
        falsch = [
            (
                {"ergebnis": Beschwerdeergebnis.TEILWEISE_GUTGEHEISSEN, "mutwillig": True},
                "mutwillig",
                "§ 45 Abs. 2 JVG",
            ),
            ({"ergebnis": "verworfen"}, "ergebnis", "Unbekanntes Ergebnis der Beschwerde."),
            ({"ergebnis": Beschwerdeergebnis.ABGEWIESEN, "am": "20.04.2026"}, "am", "Ungültiges Datum."),
        ]
        for eingabe, feld, text in falsch:
            with pytest.raises(ValidationError) as e:
                domain.beschwerdeentscheid_erfassen(
                    verfuegung=v, **{"am": date(2026, 4, 20), **eingabe}, durch=sachbearbeitung
                )
            assert text in _meldung(e, feld)
            b = Beschwerde.objects.get(verfuegung_id=v.pk)
            assert (b.ergebnis, b.kosten_auferlegt, _aus_db(v).status) == ("", False, S.ANGEFOCHTEN)

        # Just inside: rejected and abusive → costs.
        domain.beschwerdeentscheid_erfassen(
            verfuegung=v,
            ergebnis=Beschwerdeergebnis.ABGEWIESEN,
            am=date(2026, 4, 20),
            mutwillig=True,
            durch=sachbearbeitung,
        )
    b = Beschwerde.objects.get(verfuegung_id=v.pk)
    assert (b.ergebnis, b.mutwillig, b.kosten_auferlegt) == (Beschwerdeergebnis.ABGEWIESEN, True, True)
    assert _aus_db(v).status == S.BESCHWERDEENTSCHEID


@pytest.mark.rule("R-0-VFG-6", grenze=True)
def test_kosten_abgewiesen_nicht_mutwillig_kostenlos(
    personal_a, leitung_a, anstalt_a, fall_a, sachbearbeitung
):
    v = _disziplinar_eroeffnet(personal_a, leitung_a, anstalt_a, fall_a)
    with reise(date(2026, 4, 20)):
        domain.beschwerde_erfassen(verfuegung=v, eingegangen_am=date(2026, 4, 2), durch=sachbearbeitung)
        domain.beschwerdeentscheid_erfassen(
            verfuegung=v, ergebnis=Beschwerdeergebnis.ABGEWIESEN, am=date(2026, 4, 20), durch=sachbearbeitung
        )
    b = Beschwerde.objects.get(verfuegung_id=v.pk)
    assert (b.mutwillig, b.kosten_auferlegt) == (False, False)


# --- R-0-VFG-1: the stored PDF holds every part; a draft without one is refused ---------------------------


def _pdf_text(v) -> str:
    import io

    from pypdf import PdfReader

    inhalt = Verfuegung.objects.get(pk=v.pk).pdf.open("rb").read()
    return " ".join(" ".join((s.extract_text() or "").split()) for s in PdfReader(io.BytesIO(inhalt)).pages)


@pytest.mark.rule("R-0-VFG-1", grenze=True)
def test_pdf_fuenf_tage_ohne_aufschiebende_wirkung_zwanzig_tage_mit(
    personal_a, leitung_a, anstalt_a, fall_a, sachbearbeitung, sachbearbeitung2
):
    # Bad input: a draft without reasons (or without operative part) is refused; nothing is stored.
    for feld in ("begruendung", "dispositiv"):
        daten = domain.Entwurfsdaten(**{**_daten().__dict__, feld: "   "})
        with pytest.raises(ValidationError) as e:
            domain.verfuegung_entwerfen(
                typ=T.VERSETZUNG_17, person=fall_a.person, fall=fall_a, daten=daten, durch=sachbearbeitung
            )
        assert feld in e.value.message_dict
    assert not Verfuegung.objects.exists()

    disziplinar = _disziplinar_eroeffnet(personal_a, leitung_a, anstalt_a, fall_a)
    with reise(date(2026, 3, 30)):
        v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
        v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
        v = domain.genehmigen(verfuegung=v, durch=sachbearbeitung2)
        versetzung = domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)

    for verfuegung, frist, wirkung in (
        (disziplinar, "innert fünf Tagen", "keine aufschiebende Wirkung zu (§ 44 JVG"),
        (versetzung, "innert 20 Tagen", "Einer allfälligen Beschwerde kommt aufschiebende Wirkung zu."),
    ):
        text = _pdf_text(verfuegung)
        for teil in (
            verfuegung.nummer,
            fall_a.person.amtlicher_name,
            "§ 41 Abs. 1 lit. f JVG",  # Rechtsgrundlage of the test draft
            "Am 20.03.2026 verweigerte die Person die Rückkehr in die Zelle.",  # Sachverhalt
            "Die Verweigerung stört die Ordnung der Einrichtung erheblich.",  # Begründung
            "Arrest von 3 Tagen.",  # Dispositiv
            "Justiz- und Sicherheitsdepartement des Kantons Luzern",  # instance
            frist,
            "schriftlich einzureichen und zu unterzeichnen",
            wirkung,
        ):
            assert teil in text, (verfuegung.typ, teil)
