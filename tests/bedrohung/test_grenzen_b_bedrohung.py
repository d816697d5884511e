"""Boundary tests (issue 25) of the threat management: R-BM-1 (the report: time not in the future and
not before 1900, any staff member), R-BM-2 (measure deadline today, conference not before the threat,
closing only with an assessment and no open measure) and R-BM-3 (visible to the team and the reporter
only). Just inside: accepted and read back; just outside: refused, nothing stored; bad input: refused."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from bedrohung import domain, queries
from bedrohung.models import Bedrohungsmeldung, Fallkonferenz, Massnahme
from bedrohung.recht import Kanal, Massnahmenart, Meldungsstatus, Risikostufe, Stelle, Urheberart
from kern.fristen import TZ
from kern.rollen import Rolle
from tests.factories import api_token

from .test_bedrohung import benutzer

pytestmark = pytest.mark.django_db

JETZT = datetime(2027, 3, 10, 14, 30, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _uhr():
    with time_machine.travel(JETZT, tick=False):
        yield


def _melden(durch, **kw) -> Bedrohungsmeldung:
    daten = {
        "vorfall_am": JETZT - timedelta(hours=2),
        "ort": "Pforte",
        "kanal": Kanal.TELEFON,
        "wortlaut": "Ich weiss, wo Sie wohnen.",
        "urheber_art": Urheberart.EXTERN,
        "urheber_beschreibung": "Mann, etwa 40",
        "betroffene": "Aufseherin Meier",
        **kw,
    }
    return domain.meldung_erfassen(durch=durch, **daten)


def _fehler(e, feld) -> str:
    return e.value.message_dict[feld][0]


# --- R-BM-1 ----------------------------------------------------------------------------------------


@pytest.mark.rule("R-BM-1", grenze=True)
@pytest.mark.parametrize(
    "vorfall_am",
    [JETZT, datetime(1900, 1, 1, 12, 0, tzinfo=TZ)],
    ids=["jetzt", "erster_januar_1900"],
)
def test_meldung_zeitpunkt_jetzt_und_1900_gespeichert(personal_a, vorfall_am):
    m = _melden(personal_a, vorfall_am=vorfall_am, ort="x" * 200)
    m = Bedrohungsmeldung.objects.get(pk=m.pk)
    assert (m.vorfall_am, m.ort, m.gemeldet_durch, m.anstalt_id, m.status) == (
        vorfall_am,
        "x" * 200,
        personal_a,
        personal_a.anstalt_id,
        Meldungsstatus.NEU,
    )
    assert m.nummer == "BM-2027-00001"
    assert m.history.get().history_user == personal_a


@pytest.mark.rule("R-BM-1", grenze=True)
@pytest.mark.parametrize(
    ("vorfall_am", "text"),
    [
        (JETZT + timedelta(seconds=1), "R-BM-1: Der Zeitpunkt der Drohung kann nicht in der Zukunft liegen."),
        (datetime(1899, 12, 31, 23, 59, tzinfo=TZ), "R-0-BAD-1: Der Zeitpunkt liegt vor 1900."),
        (datetime(2027, 3, 10, 12, 0), "R-BM-1: Der Zeitpunkt der Drohung mit Datum und Uhrzeit angeben."),
        (date(2027, 3, 10), "R-BM-1: Der Zeitpunkt der Drohung mit Datum und Uhrzeit angeben."),
        ("10.03.2027 12:00", "R-BM-1: Der Zeitpunkt der Drohung mit Datum und Uhrzeit angeben."),
        (None, "R-BM-1: Der Zeitpunkt der Drohung mit Datum und Uhrzeit angeben."),
    ],
    ids=["eine_sekunde_zukunft", "1899", "ohne_zeitzone", "nur_datum", "text", "leer"],
)
def test_meldung_zeitpunkt_ausserhalb_und_fehleingaben(personal_a, vorfall_am, text):
    with pytest.raises(ValidationError) as e:
        _melden(personal_a, vorfall_am=vorfall_am)
    assert _fehler(e, "vorfall_am") == text
    assert not Bedrohungsmeldung.objects.exists()


@pytest.mark.rule("R-BM-1", grenze=True)
def test_meldung_jede_mitarbeiterrolle_nicht_die_partnerbehoerde(personal_a, partner):
    with pytest.raises(PermissionDenied):
        _melden(partner)
    with pytest.raises(ValidationError) as e:
        _melden(personal_a, kanal="fax", ort="  ", betroffene="")
    assert set(e.value.message_dict) == {"kanal", "ort", "betroffene"}
    assert not Bedrohungsmeldung.objects.exists()
    m = _melden(personal_a)
    assert Bedrohungsmeldung.objects.get().gemeldet_durch == personal_a == m.gemeldet_durch


@pytest.mark.rule("R-BM-1", grenze=True)
def test_meldung_im_browser_grenzen(client_als, personal_a):
    url = reverse("bedrohung:melden")
    daten = {
        "urheber_art": Urheberart.EXTERN,
        "urheber_beschreibung": "Mann, etwa 40",
        "betroffene": "Aufseherin Meier",
        "ort": "Pforte",
        "kanal": Kanal.PERSOENLICH,
        "wortlaut": "Dich erwische ich noch.",
        "zeugen": "",
        "sofortbedarf": "",
    }
    c = client_als(personal_a)
    zukunft = c.post(url, {**daten, "vorfall_am": "2027-03-10T14:31"})
    zu_lang = c.post(url, {**daten, "vorfall_am": "2027-03-10T14:30", "ort": "x" * 201})
    unsinn = c.post(url, {**daten, "vorfall_am": "2027-02-30T10:00"})
    assert [zukunft.status_code, zu_lang.status_code, unsinn.status_code] == [200, 200, 200]
    assert "Der Zeitpunkt der Drohung kann nicht in der Zukunft liegen." in zukunft.content.decode()
    assert "ort" in zu_lang.context["form"].errors
    assert "vorfall_am" in unsinn.context["form"].errors
    assert not Bedrohungsmeldung.objects.exists()
    ok = c.post(url, {**daten, "vorfall_am": "2027-03-10T14:30"})
    assert ok.status_code == 302
    assert Bedrohungsmeldung.objects.get().vorfall_am == JETZT


# --- R-BM-2 ----------------------------------------------------------------------------------------


@pytest.fixture
def offen(personal_a):
    return _melden(personal_a)


def _massnahme(m, team, frist, **kw):
    daten = {"art": Massnahmenart.GESPRAECH, "beschreibung": "Ansprache", "verantwortlich": team, **kw}
    return domain.massnahme_erfassen(meldung=m, frist=frist, durch=team, **daten)


@pytest.mark.rule("R-BM-2", grenze=True)
def test_massnahme_frist_heute_gespeichert_gestern_abgelehnt(offen, bedrohung, sachbearbeitung):
    for frist, text in [
        (date(2027, 3, 9), "R-BM-2: Die Frist (09.03.2027) liegt in der Vergangenheit."),
        ("11.03.2027", "R-BM-2: Die Frist als Datum angeben."),
        (datetime(2027, 3, 11, 9, 0, tzinfo=TZ), "R-BM-2: Die Frist als Datum angeben."),
    ]:
        with pytest.raises(ValidationError) as e:
            _massnahme(offen, bedrohung, frist)
        assert _fehler(e, "frist") == text
    with pytest.raises(ValidationError) as e:  # the owner is a team member, not any staff
        _massnahme(offen, bedrohung, date(2027, 3, 10), verantwortlich=sachbearbeitung)
    assert _fehler(e, "verantwortlich").startswith("R-BM-2: Verantwortlich muss ein aktives Mitglied")
    with pytest.raises(PermissionDenied):
        _massnahme(offen, sachbearbeitung, date(2027, 3, 10))
    assert not Massnahme.objects.exists()

    _massnahme(offen, bedrohung, date(2027, 3, 10))
    gespeichert = Massnahme.objects.get()
    assert (gespeichert.frist, gespeichert.verantwortlich, gespeichert.erledigt_am) == (
        date(2027, 3, 10),
        bedrohung,
        None,
    )
    offen.refresh_from_db()
    assert offen.status == Meldungsstatus.IN_BEARBEITUNG


def _konferenz(m, team, datum):
    return domain.konferenz_erfassen(
        meldung=m,
        datum=datum,
        stellen=[Stelle.POLIZEI],
        teilnehmende="Kapo, Team",
        beschluesse="Gefährderansprache",
        durch=team,
    )


@pytest.mark.rule("R-BM-2", grenze=True)
def test_konferenz_ab_dem_zeitpunkt_der_drohung(offen, bedrohung):
    vorfall = JETZT - timedelta(hours=2)
    for datum, text in [
        (vorfall - timedelta(minutes=1), "R-BM-2: Die Fallkonferenz liegt vor der Drohung."),
        (
            JETZT + timedelta(minutes=1),
            "R-BM-2: Das Datum der Fallkonferenz kann nicht in der Zukunft liegen.",
        ),
        (date(2027, 3, 10), "R-BM-2: Das Datum der Fallkonferenz mit Datum und Uhrzeit angeben."),
    ]:
        with pytest.raises(ValidationError) as e:
            _konferenz(offen, bedrohung, datum)
        assert _fehler(e, "datum") == text
    assert not Fallkonferenz.objects.exists()
    _konferenz(offen, bedrohung, vorfall)
    assert Fallkonferenz.objects.get().datum == vorfall


@pytest.mark.rule("R-BM-2", grenze=True)
def test_abschluss_erst_mit_einschaetzung_und_ohne_offene_massnahme(offen, bedrohung):
    with pytest.raises(ValidationError) as e:
        domain.meldung_abschliessen(meldung=offen, bemerkung="Erledigt.", durch=bedrohung)
    assert e.value.messages == [
        "R-BM-2: Vor dem Abschluss ist mindestens eine Risikoeinschätzung zu erfassen."
    ]
    domain.einschaetzung_erfassen(
        meldung=offen, risikostufe=Risikostufe.GERING, begruendung="x", durch=bedrohung
    )
    m = _massnahme(offen, bedrohung, date(2027, 3, 10))
    with pytest.raises(ValidationError) as e:
        domain.meldung_abschliessen(meldung=offen, bemerkung="Erledigt.", durch=bedrohung)
    assert e.value.messages == ["R-BM-2: 1 Massnahme noch offen; zuerst erledigen."]
    domain.massnahme_erledigen(massnahme=m, durch=bedrohung)
    with pytest.raises(ValidationError) as e:
        domain.meldung_abschliessen(meldung=offen, bemerkung="  ", durch=bedrohung)
    assert _fehler(e, "bemerkung") == "R-BM-2: Den Abschluss kurz begründen."
    assert Bedrohungsmeldung.objects.get(pk=offen.pk).status == Meldungsstatus.IN_BEARBEITUNG

    domain.meldung_abschliessen(meldung=offen, bemerkung="x", durch=bedrohung)
    gespeichert = Bedrohungsmeldung.objects.get(pk=offen.pk)
    assert (gespeichert.status, gespeichert.abgeschlossen_am) == (Meldungsstatus.ABGESCHLOSSEN, JETZT)


# --- R-BM-3 ----------------------------------------------------------------------------------------


@pytest.mark.rule("R-BM-3", grenze=True)
def test_sichtbar_fuer_team_und_meldende_person_nicht_fuer_die_leitung_daneben(
    offen, personal_a, leitung_a, bedrohung, sachbearbeitung
):
    inaktiv = benutzer("btm_alt", Rolle.BEDROHUNGSMANAGEMENT)
    inaktiv.is_active = False
    inaktiv.save()
    assert list(queries.meldungen_fuer_user(bedrohung)) == [offen]
    assert list(queries.meldungen_fuer_user(personal_a)) == [offen]
    for user in (leitung_a, sachbearbeitung, inaktiv):
        assert not queries.meldungen_fuer_user(user).exists(), user


@pytest.mark.rule("R-BM-3", grenze=True)
def test_api_nur_team_sonst_404_und_fehleingabe(offen, personal_a, leitung_a, bedrohung):
    def api(user):
        c = APIClient()
        c.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
        return c

    url = f"/api/v1/bedrohung/meldungen/{offen.pk}/"
    team = api(bedrohung).get(url)
    assert team.status_code == 200 and team.json()["nummer"] == offen.nummer
    for user in (personal_a, leitung_a):
        assert api(user).get(url).status_code == 404
        assert api(user).get("/api/v1/bedrohung/meldungen/").status_code == 403
    assert api(bedrohung).get("/api/v1/bedrohung/meldungen/999999999/").status_code == 404
    assert api(bedrohung).get("/api/v1/bedrohung/meldungen/abc/").status_code == 404


@pytest.mark.rule("R-BM-3", grenze=True)
def test_detailseite_meldende_person_ja_leitung_daneben_404(client_als, offen, personal_a, leitung_a):
    url = reverse("bedrohung:meldung_detail", args=[offen.pk])
    assert client_als(personal_a).get(url).status_code == 200
    assert client_als(leitung_a).get(url).status_code == 404
    assert client_als(leitung_a).post(
        reverse("bedrohung:einschaetzung", args=[offen.pk]), {}
    ).status_code in (
        403,
        404,
    )
    assert Bedrohungsmeldung.objects.get(pk=offen.pk).risikostufe == ""
