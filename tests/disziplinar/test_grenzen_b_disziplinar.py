"""Boundary tests (issue 25) of the disciplinary rules R-40-4, R-41-4 and R-42-1: just inside
(accepted and stored), just outside (refused with the §, nothing stored) and bad input.

Limits are literals: the criminal report on the day of the act and today (not the day before, not
tomorrow), an assessment criterion of one character (not only blanks), the appeal on day 5 after the
notification (day 6 is late)."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from disziplinar import domain
from disziplinar.domain import SanktionDaten
from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren
from disziplinar.recht import Disziplinarsanktionsart as A
from kern.fristen import TZ
from kern.rollen import Rolle
from tests.factories import api_token, fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.models import Beschwerde, Verfuegung
from verfuegungen.recht import Verfuegungsstatus

from .test_disziplinar import benutzer, beurteilung, entwurf, eroeffnet, meldungen, verfahren

pytestmark = pytest.mark.django_db

VERFAHREN = "/api/v1/disziplinar/verfahren/"
VERFUEGUNGEN = "/api/v1/verfuegungen/"

# The act on Wednesday 10.03.2027 at 08:00; "today" is Friday 12.03.2027.
TAT = datetime(2027, 3, 10, 8, 0, tzinfo=TZ)
HEUTE = datetime(2027, 3, 12, 9, 0, tzinfo=TZ)


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def verfahren_a(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    return verfahren(personal_a, leitung_a, fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a))


@pytest.fixture
def verfahren_tat(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    with time_machine.travel(HEUTE, tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        return verfahren(personal_a, leitung_a, fall, tatzeit=TAT)


def _ohne_anzeige(v: Disziplinarverfahren) -> bool:
    v.refresh_from_db()
    return (v.strafanzeige, v.strafanzeige_am, v.strafanzeige_referenz) == (False, None, "")


# --- R-40-4: the date of the criminal report lies between the act and today ------------------------


@pytest.mark.rule("R-40-4", grenze=True)
@pytest.mark.parametrize("tag", [date(2027, 3, 10), date(2027, 3, 12)], ids=["tag_der_tat", "heute"])
def test_strafanzeige_am_tag_der_tat_und_heute_gespeichert(verfahren_tat, leitung_a, tag):
    with time_machine.travel(HEUTE, tick=False):
        domain.strafanzeige_vormerken(
            verfahren=verfahren_tat, datum=tag, referenz=" ST 26 77 ", durch=leitung_a
        )
    gespeichert = Disziplinarverfahren.objects.get(pk=verfahren_tat.pk)
    assert (gespeichert.strafanzeige, gespeichert.strafanzeige_am, gespeichert.strafanzeige_referenz) == (
        True,
        tag,
        "ST 26 77",
    )
    assert gespeichert.history.first().history_user == leitung_a


@pytest.mark.rule("R-40-4", grenze=True)
@pytest.mark.parametrize(
    ("tag", "meldung"),
    [
        (date(2027, 3, 9), "§ 40 Abs. 4 JVG (R-40-4): Die Strafanzeige kann nicht vor der Tat liegen."),
        (
            date(2027, 3, 13),
            "§ 40 Abs. 4 JVG (R-40-4): Das Datum der Strafanzeige kann nicht in der Zukunft liegen.",
        ),
        (None, "§ 40 Abs. 4 JVG (R-40-4): Datum der Strafanzeige angeben."),
        ("12.03.2027", "§ 40 Abs. 4 JVG (R-40-4): Datum der Strafanzeige angeben."),
        (datetime(2027, 3, 12, 8, 0, tzinfo=TZ), "§ 40 Abs. 4 JVG (R-40-4): Datum der Strafanzeige angeben."),
    ],
    ids=["tag_vor_der_tat", "morgen", "leer", "text", "zeitpunkt_statt_datum"],
)
def test_strafanzeige_ausserhalb_und_fehleingabe_abgelehnt(verfahren_tat, leitung_a, tag, meldung):
    historie = verfahren_tat.history.count()
    with time_machine.travel(HEUTE, tick=False), pytest.raises(ValidationError) as e:
        domain.strafanzeige_vormerken(
            verfahren=verfahren_tat, datum=tag, referenz="ST 26 77", durch=leitung_a
        )
    assert meldungen(e, "strafanzeige_am") == [meldung]
    assert _ohne_anzeige(verfahren_tat)
    assert verfahren_tat.history.count() == historie


@pytest.mark.rule("R-40-4", grenze=True)
def test_strafanzeige_per_api_grenzen(verfahren_tat, leitung_a):
    url = f"{VERFAHREN}{verfahren_tat.pk}/strafanzeige/"
    with time_machine.travel(HEUTE, tick=False):
        client = api_als(leitung_a)  # a token of "today": tokens expire
        vor_tat = client.post(url, {"strafanzeigeAm": "2027-03-09"}, format="json")
        morgen = client.post(url, {"strafanzeigeAm": "2027-03-13"}, format="json")
        unsinn = client.post(url, {"strafanzeigeAm": "2027-02-30"}, format="json")
        zu_lang = client.post(url, {"strafanzeigeAm": "2027-03-10", "referenz": "x" * 61}, format="json")
        assert (vor_tat.status_code, morgen.status_code, unsinn.status_code, zu_lang.status_code) == (
            400,
            400,
            400,
            400,
        )
        assert vor_tat.json() == {
            "strafanzeigeAm": ["§ 40 Abs. 4 JVG: Die Strafanzeige kann nicht vor der Tat liegen."]
        }
        assert morgen.json() == {
            "strafanzeigeAm": [
                "§ 40 Abs. 4 JVG: Das Datum der Strafanzeige kann nicht in der Zukunft liegen."
            ]
        }
        assert list(unsinn.json()) == ["strafanzeigeAm"]
        assert list(zu_lang.json()) == ["referenz"]
        assert _ohne_anzeige(verfahren_tat)

        am_tattag = client.post(url, {"strafanzeigeAm": "2027-03-10", "referenz": "x" * 60}, format="json")
    assert am_tattag.status_code == 200, am_tattag.json()
    verfahren_tat.refresh_from_db()
    assert (
        verfahren_tat.strafanzeige,
        verfahren_tat.strafanzeige_am,
        verfahren_tat.strafanzeige_referenz,
    ) == (
        True,
        date(2027, 3, 10),
        "x" * 60,
    )


# --- R-41-4: each of the four criteria (and the reasons) must say something ------------------------

KRITERIEN = ["verschulden", "schwere", "persoenliche_verhaeltnisse", "auswirkung_resozialisierung"]


@pytest.mark.rule("R-41-4", grenze=True)
def test_beurteilung_ein_zeichen_je_kriterium_gespeichert(verfahren_a, leitung_a):
    v = entwurf(
        verfahren_a, leitung_a, beurteilung=beurteilung(**dict.fromkeys(KRITERIEN, "x")), begruendung="y"
    )
    gespeichert = Disziplinarverfahren.objects.get(pk=verfahren_a.pk)
    assert [getattr(gespeichert, k) for k in KRITERIEN] == ["x", "x", "x", "x"]
    assert Verfuegung.objects.get(pk=v.pk).begruendung.startswith("y\n\nZumessung (§ 41 Abs. 4 JVG):\n")
    assert Disziplinarsanktion.objects.filter(verfahren=gespeichert).count() == 1


@pytest.mark.rule("R-41-4", grenze=True)
@pytest.mark.parametrize("kriterium", KRITERIEN)
@pytest.mark.parametrize("wert", [" \n\t ", "", None], ids=["nur_leerzeichen", "leer", "fehlt"])
def test_beurteilung_kriterium_leer_abgelehnt_nichts_gespeichert(verfahren_a, leitung_a, kriterium, wert):
    with pytest.raises(ValidationError) as e:
        entwurf(verfahren_a, leitung_a, beurteilung=beurteilung(**{kriterium: wert}))
    assert list(e.value.message_dict) == [kriterium]
    assert meldungen(e, kriterium)[0].startswith("§ 41 Abs. 4 JVG (R-41-4): Für die Zumessung ist «")
    assert not Verfuegung.objects.exists()
    assert not Disziplinarsanktion.objects.exists()
    gespeichert = Disziplinarverfahren.objects.get(pk=verfahren_a.pk)
    assert [getattr(gespeichert, k) for k in KRITERIEN] == ["", "", "", ""]


@pytest.mark.rule("R-41-4", grenze=True)
def test_begruendung_nur_leerzeichen_abgelehnt(verfahren_a, leitung_a):
    with pytest.raises(ValidationError) as e:
        entwurf(verfahren_a, leitung_a, begruendung="   ")
    assert meldungen(e, "begruendung") == ["§ 41 Abs. 4 JVG (R-41-4): Die Verfügung ist zu begründen."]
    assert not Verfuegung.objects.exists()


@pytest.mark.rule("R-41-4", grenze=True)
def test_beurteilung_per_api_grenzen(verfahren_a, leitung_a):
    url = f"{VERFAHREN}{verfahren_a.pk}/entscheid/"
    client = api_als(leitung_a)
    kriterien = {
        "verschulden": "x",
        "schwere": "x",
        "persoenlicheVerhaeltnisse": "x",
        "auswirkungResozialisierung": "x",
    }
    daten = {"sanktionen": [{"art": "a"}], "begruendung": "y"}

    leer = client.post(url, {**daten, "beurteilung": {**kriterien, "schwere": "  "}}, format="json")
    falsch = client.post(url, {**daten, "beurteilung": "vorsätzlich"}, format="json")
    assert leer.status_code == 400
    assert leer.json() == {
        "beurteilung.schwere": [
            "§ 41 Abs. 4 JVG: Für die Zumessung ist «Schwere der Verletzung oder Gefährdung von Sicherheit, "
            "Ordnung und Zusammenleben» zu würdigen."
        ]
    }
    assert falsch.status_code == 400
    assert "beurteilung" in falsch.json()
    assert not Verfuegung.objects.exists()

    ok = client.post(url, {**daten, "beurteilung": kriterien}, format="json")
    assert ok.status_code in (200, 201), ok.json()
    gespeichert = Disziplinarverfahren.objects.get(pk=verfahren_a.pk)
    assert [getattr(gespeichert, k) for k in KRITERIEN] == ["x", "x", "x", "x"]


# --- R-42-1: five days from the notification ---------------------------------------------------------


def _eroeffnet_am_donnerstag(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a) -> Verfuegung:
    # Notified on Thursday 04.03.2027: days 4, 5 and 6 after it are weekdays, so five days end on
    # Tuesday 09.03.2027 (no weekend shift; four or six days would end on another date).
    with time_machine.travel(datetime(2027, 3, 4, 10, 0, tzinfo=TZ), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        vf = verfahren(personal_a, leitung_a, fall)
        return eroeffnet(vf, leitung_a, leitung_a2, [SanktionDaten(A.VERWEIS)])


@pytest.mark.rule("R-42-1", grenze=True)
@pytest.mark.parametrize(
    ("eingang", "verspaetet"),
    [(date(2027, 3, 9), False), (date(2027, 3, 10), True)],
    ids=["tag_5_rechtzeitig", "tag_6_verspaetet"],
)
def test_beschwerde_tag_5_rechtzeitig_tag_6_verspaetet(
    personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a, eingang, verspaetet
):
    vf = _eroeffnet_am_donnerstag(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a)
    assert Verfuegung.objects.get(pk=vf.pk).rechtsmittelfrist_ende == date(2027, 3, 9)
    with time_machine.travel(datetime(2027, 3, 11, 9, 0, tzinfo=TZ), tick=False):
        vfg.beschwerde_erfassen(verfuegung=vf, eingegangen_am=eingang, durch=sachbearbeitung)
    b = Beschwerde.objects.get(verfuegung=vf)
    assert (b.eingegangen_am, b.verspaetet, b.instanz) == (
        eingang,
        verspaetet,
        "Justiz- und Sicherheitsdepartement des Kantons Luzern",
    )
    assert Verfuegung.objects.get(pk=vf.pk).status == Verfuegungsstatus.ANGEFOCHTEN
    assert b.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-42-1", grenze=True)
def test_beschwerde_fehleingaben_abgelehnt_nichts_gespeichert(
    personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a
):
    vf = _eroeffnet_am_donnerstag(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a)
    url = f"{VERFUEGUNGEN}{vf.pk}/beschwerde/"
    with time_machine.travel(datetime(2027, 3, 11, 9, 0, tzinfo=TZ), tick=False):
        client = api_als(sachbearbeitung)  # a token of "today": tokens expire
        for eingang in ("09.03.2027", None, datetime(2027, 3, 9, 8, 0, tzinfo=TZ)):
            with pytest.raises(ValidationError) as e:
                vfg.beschwerde_erfassen(verfuegung=vf, eingegangen_am=eingang, durch=sachbearbeitung)
            assert meldungen(e, "eingegangen_am") == ["Ungültiges Datum."]
        vor_eroeffnung = client.post(url, {"eingegangenAm": "2027-03-03"}, format="json")
        morgen = client.post(url, {"eingegangenAm": "2027-03-12"}, format="json")
        unsinn = client.post(url, {"eingegangenAm": "2027-02-30"}, format="json")
        assert [vor_eroeffnung.status_code, morgen.status_code, unsinn.status_code] == [400, 400, 400]
        assert vor_eroeffnung.json() == {
            "eingegangenAm": [
                "Die Beschwerde kann nicht vor der Eröffnung (04.03.2027) eingereicht worden sein."
            ]
        }
        assert morgen.json() == {"eingegangenAm": ["Der Eingang kann nicht in der Zukunft liegen."]}
        assert list(unsinn.json()) == ["eingegangenAm"]
        assert not Beschwerde.objects.exists()
        assert Verfuegung.objects.get(pk=vf.pk).status == Verfuegungsstatus.EROEFFNET

        tag_6 = client.post(url, {"eingegangenAm": "2027-03-10"}, format="json")
    assert tag_6.status_code in (200, 201), tag_6.json()
    assert Beschwerde.objects.get(verfuegung=vf).verspaetet is True
