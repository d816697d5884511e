"""REST API of the disciplinary law (§§ 40–45 JVG): /api/v1/disziplinar/… (disziplinar/api.py).

Data are built through the domain functions (helpers of tests/disziplinar/test_disziplinar.py); clients authenticate
with DRF tokens like the case API's tests.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
import yaml
from django.utils import timezone
from rest_framework.test import APIClient

from disziplinar.domain import SanktionDaten
from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren, Rapport
from disziplinar.recht import Disziplinarsanktionsart as A
from disziplinar.recht import Sanktionsstatus, Verfahrensstatus
from kern.fristen import TZ
from kern.klartext import ohne_regel_ids
from kern.models import Aktion, Lesezugriff
from kern.rollen import Rolle
from tests.factories import api_token, fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus

from .test_disziplinar import benutzer, entwurf, eroeffnet, genehmigt, verfahren

RAPPORTE = "/api/v1/disziplinar/rapporte/"
VERFAHREN = "/api/v1/disziplinar/verfahren/"
SANKTIONEN = "/api/v1/disziplinar/sanktionen/"

BEURTEILUNG = {
    "verschulden": "Vorsätzlich, erheblich.",
    "schwere": "Störung des Arbeitsbetriebs einer ganzen Abteilung.",
    "persoenlicheVerhaeltnisse": "Belastende familiäre Situation.",
    "auswirkungResozialisierung": "Kurzer Einschluss gefährdet die Arbeitsstelle nicht.",
}


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def reise(tag: date, stunde: int = 9):
    return time_machine.travel(datetime(tag.year, tag.month, tag.day, stunde, 0, tzinfo=TZ), tick=False)


def rapport_daten(fall_id, **aenderungen) -> dict:
    daten = {
        "fall": fall_id,
        "tatzeit": (timezone.now() - timedelta(hours=3)).isoformat(),
        "sachverhalt": "Die Person verweigerte um 07:30 Uhr die Arbeit.",
        "zeugen": "Aufseher Meier",
        "delikte": [{"tatbestand": "k"}, {"tatbestand": "f", "teilnahmeform": "versuch"}],
    }
    daten.update(aenderungen)
    return daten


def entscheid_daten(*sanktionen, **aenderungen) -> dict:
    daten = {
        "sanktionen": list(sanktionen) or [{"art": "a"}],
        "beurteilung": dict(BEURTEILUNG),
        "begruendung": "Die Arbeitsverweigerung ist erstellt.",
    }
    daten.update(aenderungen)
    return daten


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def leitung_b(anstalt_b):
    return benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def verfahren_a(personal_a, leitung_a, fall_a):
    return verfahren(personal_a, leitung_a, fall_a)


# --- R-40-1: Rapport -----------------------------------------------------------------------------


@pytest.mark.rule("R-40-1", "R-0-AUDIT-1")
def test_rapport_per_api_erfasst_mit_delikten_und_teilnahmeform(personal_a, fall_a, anstalt_a):
    antwort = api_als(personal_a).post(RAPPORTE, rapport_daten(fall_a.pk), format="json")

    assert antwort.status_code == 201, antwort.json()
    daten = antwort.json()
    rapport = Rapport.objects.get()
    assert daten["id"] == rapport.pk
    assert antwort["Location"] == f"http://testserver{RAPPORTE}{rapport.pk}/"
    assert (daten["fall"], daten["person"]["id"], daten["anstalt"]["name"]) == (
        fall_a.pk,
        fall_a.person_id,
        "JVA Grosshof",
    )
    assert daten["delikte"] == [
        {"tatbestand": "k", "teilnahmeform": "taeterschaft"},
        {"tatbestand": "f", "teilnahmeform": "versuch"},
    ]
    assert (daten["zeugen"], daten["verfahren"], daten["beilagen"]) == ("Aufseher Meier", None, [])
    assert rapport.history.get().history_user == personal_a
    assert rapport.delikte.first().history.get().history_user == personal_a


@pytest.mark.rule("R-40-1", "R-0-BAD-1")
def test_rapport_ohne_delikt_gibt_400_mit_r_40_1(personal_a, fall_a):
    antwort = api_als(personal_a).post(RAPPORTE, rapport_daten(fall_a.pk, delikte=[]), format="json")

    assert antwort.status_code == 400
    assert antwort.json() == {
        "delikte": [
            "§ 40 JVG: Mindestens ein Disziplinarvergehen angeben (§ 40 Abs. 2 lit. a–l oder die "
            "Generalklausel von Abs. 1)."
        ]
    }
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-40-1", "R-0-BAD-1")
def test_rapport_tat_in_der_zukunft_und_doppelter_tatbestand_400_an_den_feldern(personal_a, fall_a):
    client = api_als(personal_a)
    zukunft = (timezone.now() + timedelta(hours=1)).isoformat()

    antwort = client.post(RAPPORTE, rapport_daten(fall_a.pk, tatzeit=zukunft), format="json")
    doppelt = client.post(
        RAPPORTE, rapport_daten(fall_a.pk, delikte=[{"tatbestand": "k"}, {"tatbestand": "k"}]), format="json"
    )

    assert antwort.status_code == 400
    assert antwort.json() == {
        "tatzeit": ["§ 40 JVG: Der Zeitpunkt der Tat kann nicht in der Zukunft liegen."]
    }
    assert doppelt.status_code == 400
    assert doppelt.json() == {"delikte[1].tatbestand": ["§ 40 JVG: Jeder Tatbestand nur einmal je Rapport."]}
    assert not Rapport.objects.exists()


# --- R-0-ROLE-1: who sees and who writes ---------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-40-1")
def test_rapport_schreiben_nur_anstaltsrollen_403_vor_der_eingabepruefung(
    sachbearbeitung, revision, bedrohung, medizin, fall_a
):
    for user in (sachbearbeitung, revision, bedrohung, medizin):
        # Even an empty body: the role is refused before the input is looked at.
        antwort = api_als(user).post(RAPPORTE, {}, format="json")
        assert antwort.status_code == 403
        assert antwort.json() == {"detail": "Keine Berechtigung: Rapport erfassen."}
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-0-ROLE-1")
def test_rapport_fremder_anstalt_404_und_nicht_in_der_liste(
    personal_a, personal_b, leitung_b, sachbearbeitung, revision, bedrohung, admin_user, fall_a
):
    eigener = api_als(personal_a).post(RAPPORTE, rapport_daten(fall_a.pk), format="json").json()

    for user in (personal_b, leitung_b, admin_user):
        client = api_als(user)
        assert client.get(f"{RAPPORTE}{eigener['id']}/").status_code == 404
        assert client.get(f"{RAPPORTE}{eigener['id']}/").json() == {"detail": "Nicht gefunden."}
        assert client.get(RAPPORTE).json()["results"] == []
    # Staff of B cannot report on a person of A: the case is "not found" (existence does not leak).
    antwort = api_als(personal_b).post(RAPPORTE, rapport_daten(fall_a.pk), format="json")
    assert (antwort.status_code, antwort.json()) == (400, {"fall": ["Vollzugsfall nicht gefunden."]})
    for user in (sachbearbeitung, revision, bedrohung):
        assert [r["id"] for r in api_als(user).get(RAPPORTE).json()["results"]] == [eigener["id"]]


@pytest.mark.rule("R-0-ROLE-1")
def test_verfahren_sicht_und_schreibrechte(
    verfahren_a, leitung_b, personal_a, revision, bedrohung, sachbearbeitung, leitung_a
):
    url = f"{VERFAHREN}{verfahren_a.pk}/"
    # Outside the scope: 404 for reading and for every action.
    assert api_als(leitung_b).get(url).status_code == 404
    assert api_als(leitung_b).post(f"{url}entscheid/", entscheid_daten(), format="json").status_code == 404
    assert api_als(leitung_b).get(VERFAHREN).json()["results"] == []
    # Issue 17: staff of the facility read the proceeding (the management leads it), and write nothing.
    assert api_als(personal_a).get(url).json()["nummer"] == verfahren_a.nummer
    assert api_als(personal_a).post(f"{url}einstellen/", {"grund": "x"}, format="json").status_code == 403
    # Read-only roles read everything and write nothing: 403 before the input check.
    for user in (revision, bedrohung, sachbearbeitung):
        client = api_als(user)
        assert client.get(url).json()["nummer"] == verfahren_a.nummer
        antwort = client.post(f"{url}entscheid/", {}, format="json")
        assert antwort.status_code == 403
        assert antwort.json() == {"detail": "Keine Berechtigung: Disziplinarverfügung entwerfen."}
        assert client.post(f"{url}strafanzeige/", {}, format="json").status_code == 403
        assert client.post(f"{url}einstellen/", {}, format="json").status_code == 403
    assert api_als(revision).post(f"{url}eroeffnen/", {}, format="json").status_code == 403
    assert not Verfuegung.objects.exists()
    # The management of the facility itself may.
    assert api_als(leitung_a).post(f"{url}entscheid/", entscheid_daten(), format="json").status_code == 201


@pytest.mark.rule("R-0-ROLE-1", "R-41-5a")
def test_verfahren_eroeffnen_auf_rapport(personal_a, leitung_a, leitung_b, revision, fall_a):
    rapport = api_als(personal_a).post(RAPPORTE, rapport_daten(fall_a.pk), format="json").json()
    url = f"{RAPPORTE}{rapport['id']}/verfahren/"

    assert api_als(personal_a).post(url).status_code == 403
    assert api_als(revision).post(url).status_code == 403
    assert api_als(leitung_b).post(url).status_code == 404
    antwort = api_als(leitung_a).post(url)
    doppelt = api_als(leitung_a).post(url)

    assert antwort.status_code == 201, antwort.json()
    daten = antwort.json()
    v = Disziplinarverfahren.objects.get()
    assert (daten["id"], daten["nummer"], daten["status"]) == (v.pk, v.nummer, "offen")
    assert daten["verjaehrungAm"] == v.verjaehrung_am.isoformat()
    assert daten["verjaehrungMethode"] == v.verjaehrung_methode != ""
    assert (daten["verfuegung"], daten["sanktionen"], daten["vorstrafen"]) == (None, [], [])
    assert antwort["Location"] == f"http://testserver{VERFAHREN}{v.pk}/"
    assert doppelt.status_code == 400
    assert doppelt.json() == {"rapport": [f"Zu diesem Rapport besteht bereits das Verfahren {v.nummer}."]}
    assert api_als(personal_a).get(f"{RAPPORTE}{rapport['id']}/").json()["verfahren"] == v.pk


# --- R-41-1 / R-41-2: limits through the API -----------------------------------------------------


@pytest.mark.rule("R-41-1")
@pytest.mark.parametrize(
    ("art", "tage", "code", "meldung"),
    [
        ("f", 10, 201, None),
        ("f", 11, 400, "§ 41 Abs. 1 lit. f JVG (R-41-1): Arrest höchstens 10 Tage."),
        ("e", 15, 201, None),
        ("e", 16, 400, "§ 41 Abs. 1 lit. e JVG (R-41-1): Zellen- oder Zimmereinschluss höchstens 15 Tage."),
    ],
)
def test_arrest_und_einschluss_grenzen(verfahren_a, leitung_a, art, tage, code, meldung):
    antwort = api_als(leitung_a).post(
        f"{VERFAHREN}{verfahren_a.pk}/entscheid/",
        entscheid_daten({"art": art, "dauerTage": tage}),
        format="json",
    )

    assert antwort.status_code == code, antwort.json()
    if code == 400:
        assert antwort.json() == {"sanktionen[0].dauerTage": [ohne_regel_ids(meldung)]}  # issue 17
        assert not Verfuegung.objects.exists()
    else:
        sanktion = antwort.json()["sanktionen"][0]
        assert (sanktion["art"], sanktion["dauerTage"], sanktion["status"]) == (art, tage, "angeordnet")
        assert Disziplinarsanktion.objects.get().dauer_tage == tage


@pytest.fixture
def privat(sachbearbeitung, privatanstalt):
    """Staff, management and a placed person of a private facility with delegated powers."""
    leitung = benutzer("leitung_p", Rolle.ANSTALTSLEITUNG, privatanstalt)
    personal = benutzer("personal_p", Rolle.ANSTALTSPERSONAL, privatanstalt)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=privatanstalt)
    return leitung, verfahren(personal, leitung, fall)


@pytest.mark.rule("R-41-2")
@pytest.mark.parametrize(
    ("sanktion", "code", "feld", "meldung"),
    [
        ({"art": "e", "dauerTage": 7}, 201, None, None),
        (
            {"art": "e", "dauerTage": 8},
            400,
            "sanktionen[0].dauerTage",
            "§ 41 Abs. 2 JVG (R-41-2): In privaten Einrichtungen Zellen- oder Zimmereinschluss höchstens 7 Tage.",
        ),
        (
            {"art": "f", "dauerTage": 1},
            400,
            "sanktionen[0].art",
            "§ 41 Abs. 2 JVG (R-41-2): Private Einrichtungen dürfen nur Sanktionen nach Abs. 1 lit. a–e "
            "aussprechen, keinen Arrest (lit. f).",
        ),
    ],
)
def test_private_einrichtung_grenzen(privat, sanktion, code, feld, meldung):
    leitung, vp = privat

    antwort = api_als(leitung).post(
        f"{VERFAHREN}{vp.pk}/entscheid/", entscheid_daten(sanktion), format="json"
    )

    assert antwort.status_code == code, antwort.json()
    if code == 400:
        assert antwort.json() == {feld: [ohne_regel_ids(meldung)]}  # issue 17
        assert not Verfuegung.objects.exists()
    else:
        assert antwort.json()["sanktionen"][0]["dauerTage"] == 7


@pytest.mark.rule("R-41-1", "R-0-BAD-1")
def test_vollzugszeitraum_vom_server_abweichendes_ende_abgelehnt(verfahren_a, leitung_a):
    url = f"{VERFAHREN}{verfahren_a.pk}/entscheid/"
    heute = timezone.localdate()
    beginn = heute + timedelta(days=2)
    client = api_als(leitung_a)

    falsch = client.post(
        url,
        entscheid_daten(
            {
                "art": "e",
                "dauerTage": 3,
                "vollzugBeginn": beginn.isoformat(),
                "vollzugEnde": (beginn + timedelta(days=3)).isoformat(),
            }
        ),
        format="json",
    )
    assert falsch.status_code == 400
    ende = beginn + timedelta(days=2)
    assert falsch.json() == {
        "sanktionen[0].vollzugEnde": [
            f"§ 41 Abs. 1 lit. e JVG: 3 Tage ab {beginn:%d.%m.%Y} enden am {ende:%d.%m.%Y} "
            "(das Ende berechnet das System)."
        ]
    }
    assert not Verfuegung.objects.exists()

    antwort = client.post(
        url,
        entscheid_daten(
            {"art": "e", "dauerTage": 3, "vollzugBeginn": beginn.isoformat()},
            {"art": "f", "dauerTage": 2},
            {"art": "d", "betragChf": "150.00"},
        ),
        format="json",
    )
    assert antwort.status_code == 201, antwort.json()
    daten = antwort.json()
    vf = Verfuegung.objects.get()
    assert (daten["verfuegung"]["id"], daten["verfuegung"]["nummer"], daten["verfuegung"]["status"]) == (
        vf.pk,
        vf.nummer,
        "entwurf",
    )
    assert daten["verfuegung"]["url"] == f"http://testserver/verfuegungen/{vf.pk}/"
    assert [
        (s["art"], s["vollzugBeginn"], s["vollzugEnde"], s["betragChf"]) for s in daten["sanktionen"]
    ] == [
        ("e", beginn.isoformat(), ende.isoformat(), None),
        ("f", None, None, None),  # starts the day after notification: computed then
        ("d", None, None, "150.00"),
    ]
    assert daten["beurteilung"] == BEURTEILUNG


# --- R-41-4: assessment and prior sanctions ------------------------------------------------------


@pytest.mark.rule("R-41-4", "R-0-BAD-1")
def test_entscheid_ohne_zumessungskriterien_400(verfahren_a, leitung_a):
    antwort = api_als(leitung_a).post(
        f"{VERFAHREN}{verfahren_a.pk}/entscheid/",
        entscheid_daten(beurteilung={"verschulden": "Erheblich."}, begruendung=" "),
        format="json",
    )

    assert antwort.status_code == 400
    fehler = antwort.json()
    assert sorted(fehler) == [
        "begruendung",
        "beurteilung.auswirkungResozialisierung",
        "beurteilung.persoenlicheVerhaeltnisse",
        "beurteilung.schwere",
    ]
    assert fehler["beurteilung.schwere"] == [
        "§ 41 Abs. 4 JVG: Für die Zumessung ist «Schwere der Verletzung oder Gefährdung von "
        "Sicherheit, Ordnung und Zusammenleben» zu würdigen."
    ]
    assert fehler["begruendung"] == ["§ 41 Abs. 4 JVG: Die Verfügung ist zu begründen."]
    assert not Verfuegung.objects.exists()


@pytest.mark.rule("R-41-4")
def test_vorstrafen_im_verfahren(personal_a, leitung_a, leitung_a2, fall_a):
    frueher = verfahren(personal_a, leitung_a, fall_a)
    vf = eroeffnet(frueher, leitung_a, leitung_a2, [SanktionDaten(A.EINSCHLUSS, dauer_tage=3)])
    neu = verfahren(personal_a, leitung_a, fall_a)

    daten = api_als(leitung_a).get(f"{VERFAHREN}{neu.pk}/").json()
    alt = api_als(leitung_a).get(f"{VERFAHREN}{frueher.pk}/").json()

    assert [
        (v["verfahren"], v["verfuegung"], v["sanktion"]["art"], v["sanktion"]["dauerTage"])
        for v in daten["vorstrafen"]
    ] == [(frueher.nummer, vf.nummer, "e", 3)]
    assert alt["vorstrafen"] == []  # a proceeding is not its own record


# --- R-41-5a: limitation at decision and notification --------------------------------------------

TAT = datetime(2026, 8, 31, 10, 0, tzinfo=TZ)


@pytest.fixture
def verfahren_aug(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    with reise(date(2026, 8, 20)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with reise(date(2026, 8, 31), 12):
        return verfahren(personal_a, leitung_a, fall, tatzeit=TAT)


@pytest.mark.rule("R-41-5a", "R-0-BAD-1")
def test_entscheid_nach_verjaehrung_400(verfahren_aug, leitung_a):
    url = f"{VERFAHREN}{verfahren_aug.pk}/entscheid/"
    assert verfahren_aug.verjaehrung_am == date(2027, 2, 28)

    with reise(date(2027, 3, 1)):
        zu_spaet = api_als(leitung_a).post(url, entscheid_daten(), format="json")
    assert zu_spaet.status_code == 400
    assert zu_spaet.json() == {
        "verjaehrungAm": [
            "§ 41 Abs. 5 JVG: Die disziplinarische Verfolgung ist verjährt (Tat vom 31.08.2026): "
            "spätestens am 28.02.2027 musste die Verfügung eröffnet sein, heute ist der 01.03.2027."
        ]
    }
    assert not Verfuegung.objects.exists()

    with reise(date(2027, 2, 28), 23):
        rechtzeitig = api_als(leitung_a).post(url, entscheid_daten(), format="json")
    assert rechtzeitig.status_code == 201, rechtzeitig.json()


@pytest.mark.rule("R-41-5a", "R-0-4EYES-1")
@pytest.mark.parametrize(("tag", "code"), [(date(2027, 2, 28), 200), (date(2027, 3, 1), 400)])
def test_eroeffnung_per_api_am_letzten_tag_ja_am_naechsten_nein(
    verfahren_aug, leitung_a, leitung_a2, tag, code
):
    with reise(date(2027, 2, 20)):
        genehmigt(entwurf(verfahren_aug, leitung_a), leitung_a, leitung_a2)
    with reise(tag, 10):
        antwort = api_als(leitung_a).post(
            f"{VERFAHREN}{verfahren_aug.pk}/eroeffnen/", {"eroeffnungArt": "einschreiben"}, format="json"
        )

    assert antwort.status_code == code, antwort.json()
    verfahren_aug.refresh_from_db()
    if code == 200:
        assert antwort.json()["status"] == "entschieden"
        assert antwort.json()["verfuegung"]["status"] == "eroeffnet"
        assert antwort.json()["verfuegung"]["rechtsmittelfristEnde"] == "2027-03-05"
    else:
        assert list(antwort.json()) == ["verjaehrungAm"]
        assert "§ 41 Abs. 5 JVG" in antwort.json()["verjaehrungAm"][0]
        assert verfahren_aug.status == Verfahrensstatus.OFFEN
        assert Verfuegung.objects.get().status == Verfuegungsstatus.GENEHMIGT


# --- R-40-4, Einstellung --------------------------------------------------------------------------


@pytest.mark.rule("R-40-4")
def test_strafanzeige_vormerken(verfahren_a, leitung_a):
    url = f"{VERFAHREN}{verfahren_a.pk}/strafanzeige/"
    heute = timezone.localdate()
    client = api_als(leitung_a)

    zukunft = client.post(url, {"strafanzeigeAm": (heute + timedelta(days=1)).isoformat()}, format="json")
    antwort = client.post(url, {"strafanzeigeAm": heute.isoformat(), "referenz": "ST 26 1234"}, format="json")

    assert zukunft.status_code == 400
    assert zukunft.json() == {
        "strafanzeigeAm": ["§ 40 Abs. 4 JVG: Das Datum der Strafanzeige kann nicht in der Zukunft liegen."]
    }
    assert antwort.status_code == 200, antwort.json()
    daten = antwort.json()
    assert (daten["strafanzeige"], daten["strafanzeigeAm"], daten["strafanzeigeReferenz"]) == (
        True,
        heute.isoformat(),
        "ST 26 1234",
    )
    verfahren_a.refresh_from_db()
    assert verfahren_a.history.first().history_user == leitung_a


def test_verfahren_einstellen_mit_begruendung(verfahren_a, leitung_a):
    url = f"{VERFAHREN}{verfahren_a.pk}/einstellen/"
    client = api_als(leitung_a)

    ohne = client.post(url, {"grund": "  "}, format="json")
    antwort = client.post(url, {"grund": "Tat nicht erstellt."}, format="json")

    assert (ohne.status_code, ohne.json()) == (400, {"grund": ["Die Einstellung ist zu begründen."]})
    assert antwort.status_code == 200
    assert (antwort.json()["status"], antwort.json()["einstellungGrund"]) == (
        "eingestellt",
        "Tat nicht erstellt.",
    )
    assert client.get(VERFAHREN, {"status": "eingestellt"}).json()["count"] == 1
    assert client.get(VERFAHREN, {"status": "offen"}).json()["count"] == 0


# --- The notified decision: appeal data and execution ---------------------------------------------


@pytest.mark.rule("R-42-1", "R-0-ROLE-1")
def test_verfuegung_mit_beschwerde_und_sanktion_vollziehen(
    verfahren_a, leitung_a, leitung_a2, sachbearbeitung, personal_a, revision
):
    vf = eroeffnet(
        verfahren_a, leitung_a, leitung_a2, [SanktionDaten(A.VERWEIS), SanktionDaten(A.ARREST, dauer_tage=2)]
    )
    vfg.beschwerde_erfassen(verfuegung=vf, eingegangen_am=timezone.localdate(), durch=sachbearbeitung)

    daten = api_als(sachbearbeitung).get(f"{VERFAHREN}{verfahren_a.pk}/").json()
    assert daten["status"] == "entschieden"
    assert daten["verfuegung"]["status"] == "angefochten"
    assert daten["verfuegung"]["aufschiebendeWirkung"] is False  # § 44
    assert daten["verfuegung"]["beschwerde"] == {
        "eingegangenAm": timezone.localdate().isoformat(),
        "instanz": "Justiz- und Sicherheitsdepartement des Kantons Luzern",
        "verspaetet": False,
        "ergebnis": "",
        "entschiedenAm": None,
        "mutwillig": False,
        "kostenAuferlegt": False,
    }
    arrest = next(s for s in daten["sanktionen"] if s["art"] == "f")
    morgen = timezone.localdate() + timedelta(days=1)
    assert (arrest["vollzugBeginn"], arrest["vollzugEnde"]) == (
        morgen.isoformat(),
        (morgen + timedelta(days=1)).isoformat(),
    )

    client = api_als(leitung_a)
    assert [s["art"] for s in client.get(SANKTIONEN, {"art": "a"}).json()["results"]] == ["a"]
    verweis = Disziplinarsanktion.objects.get(art=A.VERWEIS)
    url = f"{SANKTIONEN}{verweis.pk}/vollziehen/"
    assert api_als(personal_a).post(url).status_code == 403
    assert api_als(revision).post(url).status_code == 403
    antwort = client.post(url)
    nochmals = client.post(url)

    assert antwort.status_code == 200, antwort.json()
    assert (antwort.json()["status"], antwort.json()["vollzogenAm"] is not None) == ("vollzogen", True)
    assert (nochmals.status_code, nochmals.json()) == (
        400,
        {"status": ["Diese Sanktion ist bereits vollzogen."]},
    )
    assert [s["id"] for s in client.get(SANKTIONEN, {"status": "vollzogen"}).json()["results"]] == [
        verweis.pk
    ]
    assert [s["art"] for s in client.get(SANKTIONEN, {"status": "angeordnet"}).json()["results"]] == ["f"]
    verweis.refresh_from_db()
    assert (verweis.status, verweis.history.first().history_user) == (Sanktionsstatus.VOLLZOGEN, leitung_a)


@pytest.mark.rule("R-0-ROLE-1")
def test_sanktionen_fremder_anstalt_404(verfahren_a, leitung_a, leitung_b):
    entwurf(verfahren_a, leitung_a)
    sanktion = Disziplinarsanktion.objects.get()

    assert api_als(leitung_b).get(f"{SANKTIONEN}{sanktion.pk}/").status_code == 404
    assert api_als(leitung_b).post(f"{SANKTIONEN}{sanktion.pk}/vollziehen/").status_code == 404
    assert api_als(leitung_b).get(SANKTIONEN).json()["results"] == []
    assert [s["id"] for s in api_als(leitung_a).get(SANKTIONEN).json()["results"]] == [sanktion.pk]


# --- R-0-AUDIT-2: reads are logged ---------------------------------------------------------------


@pytest.mark.rule("R-0-AUDIT-2")
def test_lesen_wird_protokolliert(verfahren_a, sachbearbeitung):
    client = api_als(sachbearbeitung)

    client.get(f"{VERFAHREN}{verfahren_a.pk}/", HTTP_X_ZWECK="Beschwerdeverfahren")
    client.get(RAPPORTE)

    detail = Lesezugriff.objects.get(aktion=Aktion.API_LESEN)
    assert (detail.benutzer, detail.person_id, detail.objekt_id, detail.zweck) == (
        sachbearbeitung,
        verfahren_a.person_id,
        verfahren_a.pk,
        "Beschwerdeverfahren",
    )
    liste = Lesezugriff.objects.get(aktion=Aktion.API_LISTE)
    assert (liste.objekt_typ, liste.objekt_id) == ("disziplinar.rapport", verfahren_a.rapport_id)


# --- R-0-BAD-1: bad input is a 400, never a 500, and nothing is saved ----------------------------


@pytest.mark.rule("R-0-BAD-1")
def test_kaputtes_json_gibt_400_auf_deutsch(personal_a, verfahren_a, leitung_a):
    antwort = api_als(personal_a).post(RAPPORTE, '{"fall": 1,', content_type="application/json")
    entscheid = api_als(leitung_a).post(
        f"{VERFAHREN}{verfahren_a.pk}/entscheid/", "nicht json", content_type="application/json"
    )

    assert antwort.status_code == 400
    assert antwort.json()["detail"].startswith("Ungültiges JSON (Zeile 1")
    assert entscheid.status_code == 400
    assert entscheid.json()["detail"].startswith("Ungültiges JSON")
    assert Rapport.objects.count() == 1  # the fixture's
    assert not Verfuegung.objects.exists()


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    ("aenderung", "feld"),
    [
        ({"fall": "abc"}, "fall"),
        ({"fall": 10**30}, "fall"),
        ({"tatzeit": "gestern"}, "tatzeit"),
        ({"delikte": "k"}, "delikte"),
        ({"delikte": [{"tatbestand": "m"}]}, "delikte[0].tatbestand"),
        ({"delikte": [{"tatbestand": "k", "teilnahmeform": "mittaeterschaft"}]}, "delikte[0].teilnahmeform"),
        ({"sachverhalt": None}, "sachverhalt"),
    ],
)
def test_rapport_falsche_typen_400(personal_a, fall_a, aenderung, feld):
    antwort = api_als(personal_a).post(RAPPORTE, rapport_daten(fall_a.pk, **aenderung), format="json")

    assert antwort.status_code == 400
    assert feld in antwort.json()
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-0-BAD-1", "R-41-1")
@pytest.mark.parametrize(
    ("daten", "feld"),
    [
        (entscheid_daten({"art": "f", "dauerTage": "zehn"}), "sanktionen[0].dauerTage"),
        (entscheid_daten({"art": "f", "dauerTage": 10**9}), "sanktionen[0].dauerTage"),
        (entscheid_daten({"art": "d", "betragChf": "1e400"}), "sanktionen[0].betragChf"),
        (entscheid_daten({"art": "d", "betragChf": "12.345"}), "sanktionen[0].betragChf"),
        (entscheid_daten({"art": "z"}), "sanktionen[0].art"),
        (entscheid_daten(sanktionen={"art": "a"}), "sanktionen"),
        (entscheid_daten(beurteilung="gut"), "beurteilung"),
        (["keine", "map"], "non_field_errors"),
    ],
)
def test_entscheid_falsche_typen_400(verfahren_a, leitung_a, daten, feld):
    antwort = api_als(leitung_a).post(f"{VERFAHREN}{verfahren_a.pk}/entscheid/", daten, format="json")

    assert antwort.status_code == 400
    assert feld in antwort.json()
    assert not Verfuegung.objects.exists()
    assert not Disziplinarsanktion.objects.exists()


@pytest.mark.rule("R-0-BAD-1")
def test_listenfilter_falsche_typen_400(sachbearbeitung):
    client = api_als(sachbearbeitung)

    assert client.get(VERFAHREN, {"status": "quatsch"}).status_code == 400
    assert client.get(VERFAHREN, {"person": "x"}).status_code == 400
    assert client.get(SANKTIONEN, {"art": "z"}).status_code == 400
    assert client.get(RAPPORTE, {"fall": str(10**30)}).status_code == 400


@pytest.mark.rule("R-0-BAD-1")
def test_eroeffnen_ohne_genehmigte_verfuegung_400(verfahren_a, leitung_a):
    antwort = api_als(leitung_a).post(
        f"{VERFAHREN}{verfahren_a.pk}/eroeffnen/", {"eroeffnungArt": "einschreiben"}, format="json"
    )
    falsche_art = api_als(leitung_a).post(
        f"{VERFAHREN}{verfahren_a.pk}/eroeffnen/", {"eroeffnungArt": "brieftaube"}, format="json"
    )

    assert antwort.status_code == 400
    assert antwort.json() == {
        "status": ["Zu eröffnen ist eine genehmigte Disziplinarverfügung dieses Verfahrens."]
    }
    assert (falsche_art.status_code, list(falsche_art.json())) == (400, ["eroeffnungArt"])


# --- Constant queries per page -----------------------------------------------------------------


@pytest.mark.parametrize("anzahl", [1, 20])
def test_listen_mit_konstanter_anzahl_abfragen(
    personal_a, leitung_a, leitung_a2, sachbearbeitung, fall_a, anzahl, django_assert_max_num_queries
):
    for i in range(anzahl):
        v = verfahren(personal_a, leitung_a, fall_a)
        if i % 2 == 0:
            entwurf(v, leitung_a, [SanktionDaten(A.VERWEIS), SanktionDaten(A.EINSCHLUSS, dauer_tage=2)])
    # One notified decision with an appeal, so the page has prior sanctions and appeal data.
    vf = eroeffnet(verfahren(personal_a, leitung_a, fall_a), leitung_a, leitung_a2)
    vfg.beschwerde_erfassen(verfuegung=vf, eingegangen_am=timezone.localdate(), durch=sachbearbeitung)

    for user in (sachbearbeitung, leitung_a):
        client = api_als(user)
        # token (+ its last use, first call), count, page, delikte, beilagen, read log
        with django_assert_max_num_queries(7):
            antwort = client.get(RAPPORTE)
        assert antwort.json()["count"] == anzahl + 1
        # token, count, page, delikte, sanktionen, Verfügungen+Beschwerde, prior sanctions, read log
        with django_assert_max_num_queries(8):
            antwort = client.get(VERFAHREN)
        assert antwort.json()["count"] == anzahl + 1
        assert all(len(v["vorstrafen"]) == 1 for v in antwort.json()["results"][1:])
        # token, count, page, read log
        with django_assert_max_num_queries(4):
            antwort = client.get(SANKTIONEN)
        assert antwort.json()["count"] == 2 * ((anzahl + 1) // 2) + 1


# --- Schema --------------------------------------------------------------------------------------


def test_schema_dokumentiert_die_disziplinar_pfade(client, sachbearbeitung):
    client.force_login(sachbearbeitung)

    schema = yaml.safe_load(client.get("/api/schema/").content)

    pfade = {p for p in schema["paths"] if p.startswith("/api/v1/disziplinar/")}
    assert pfade == {
        "/api/v1/disziplinar/rapporte/",
        "/api/v1/disziplinar/rapporte/{id}/",
        "/api/v1/disziplinar/rapporte/{id}/verfahren/",
        "/api/v1/disziplinar/verfahren/",
        "/api/v1/disziplinar/verfahren/{id}/",
        "/api/v1/disziplinar/verfahren/{id}/einstellen/",
        "/api/v1/disziplinar/verfahren/{id}/entscheid/",
        "/api/v1/disziplinar/verfahren/{id}/eroeffnen/",
        "/api/v1/disziplinar/verfahren/{id}/strafanzeige/",
        "/api/v1/disziplinar/sanktionen/",
        "/api/v1/disziplinar/sanktionen/{id}/",
        "/api/v1/disziplinar/sanktionen/{id}/vollziehen/",
    }
    entscheid = schema["paths"]["/api/v1/disziplinar/verfahren/{id}/entscheid/"]["post"]
    assert sorted(entscheid["responses"]) == ["201", "400", "401", "403", "404"]
    # Issue 17 item 5: API users read the § (kern.web.openapi), not the rule ID.
    assert "§ 41 JVG" in entscheid["description"] and "R-41-1" not in entscheid["description"]
    assert {tuple(op["tags"]) for p in pfade for op in schema["paths"][p].values()} == {
        ("Disziplinarrecht (§§ 40–45)",)
    }


@pytest.mark.rule("R-0-4EYES-1", "R-0-ROLE-1")
def test_personal_entwirft_die_verfuegung_auch_ueber_die_api(verfahren_a, personal_a, personal_b, leitung_a):
    """Issue 17: staff of the facility draft the Disziplinarverfügung through the API as on the report
    page; the answer is the proceeding with its draft (staff read it, issue 17); the management approves."""
    url = f"{VERFAHREN}{verfahren_a.pk}/"
    # Another facility's staff: the proceeding does not exist for them.
    assert api_als(personal_b).post(f"{url}entscheid/", entscheid_daten(), format="json").status_code == 404
    assert not Verfuegung.objects.exists()
    antwort = api_als(personal_a).post(f"{url}entscheid/", entscheid_daten(), format="json")
    assert antwort.status_code == 201, antwort.content
    v = Verfuegung.objects.get()
    assert antwort.json()["id"] == verfahren_a.pk and isinstance(antwort["Location"], str)
    assert antwort.json()["verfuegung"]["nummer"] == v.nummer
    assert v.entworfen_durch == personal_a and v.history.first().history_user == personal_a
    # The proceeding and the draft's own page are theirs to read.
    assert api_als(personal_a).get(url).status_code == 200
    assert api_als(personal_a).get(f"/api/v1/verfuegungen/{v.pk}/").status_code == 200
    # A second draft of the same proceeding is refused with a German message, not a 500.
    zweite = api_als(leitung_a).post(f"{url}entscheid/", entscheid_daten(), format="json")
    assert zweite.status_code == 400
