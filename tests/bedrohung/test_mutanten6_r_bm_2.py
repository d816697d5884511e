"""R-BM-2 (risk assessment, contact person, measures, case conference with follow-ups) – survivors of the
mutation run (issue 25, session 8):

- a measure may belong to a case conference of the same report only: the conference of another report is
  refused with the message of the rule and nothing is stored; the report's own conference is linked;
- the form of the assessment takes a reasoning of 20,000 characters, not one more (German message,
  nothing stored); the conference form likewise for its decisions;
- the API schema shows the current risk level of a report as read-only and empty until assessed, and the
  deadline of a measure as a read-only date;
- the contact person (confirmation) and the owner of a measure (Fristenkontrolle) appear with full name;
- the reporting person sees the own report but cannot open the team's forms (404, nothing stored).
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
import yaml
from django.core.exceptions import ValidationError
from django.urls import reverse

from bedrohung import domain
from bedrohung.domain.fristen import TYP
from bedrohung.models import Einschaetzung, Fallkonferenz, Massnahme
from bedrohung.recht import Massnahmenart, Meldungsstatus, Stelle
from fristenkontrolle.queries import alle_fristen
from kern.fristen import TZ
from kern.rollen import Rolle

from .test_bedrohung import benutzer
from .test_grenzen_b_bedrohung import _melden

pytestmark = pytest.mark.django_db

JETZT = datetime(2027, 3, 10, 14, 30, tzinfo=TZ)


@pytest.fixture
def team2(db):
    return benutzer("btm2", Rolle.BEDROHUNGSMANAGEMENT)


@pytest.fixture(autouse=True)
def _uhr():
    with time_machine.travel(JETZT, tick=False):
        yield


def _konferenz(m, team):
    return domain.konferenz_erfassen(
        meldung=m,
        datum=JETZT - timedelta(hours=1),
        stellen=[Stelle.POLIZEI],
        teilnehmende="Kapo, Team",
        beschluesse="Gefährderansprache",
        durch=team,
    )


def _massnahme(m, team, **kw):
    return domain.massnahme_erfassen(
        meldung=m,
        art=Massnahmenart.GESPRAECH,
        beschreibung="Gefährderansprache durch die Kapo",
        verantwortlich=team,
        frist=date(2027, 3, 17),
        durch=team,
        **kw,
    )


@pytest.mark.rule("R-BM-2")
def test_massnahme_nur_zur_fallkonferenz_derselben_meldung(personal_a, bedrohung):
    eine, andere = _melden(personal_a), _melden(personal_a, ort="Besucherraum")
    fremde = _konferenz(andere, bedrohung)
    with pytest.raises(ValidationError) as e:
        _massnahme(eine, bedrohung, konferenz=fremde)
    assert e.value.message_dict == {
        "konferenz": ["R-BM-2: Die Fallkonferenz gehört zu einer anderen Meldung."]
    }
    assert not Massnahme.objects.exists()

    eigene = _konferenz(eine, bedrohung)
    gespeichert = _massnahme(eine, bedrohung, konferenz=eigene)
    assert list(Massnahme.objects.values_list("pk", "meldung", "konferenz")) == [
        (gespeichert.pk, eine.pk, eigene.pk)
    ]
    assert list(eigene.folgeauftraege.all()) == [gespeichert]


@pytest.mark.rule("R-BM-2", "R-0-BAD-1", grenze=True)
def test_einschaetzung_im_formular_begruendung_bis_20000_zeichen(client_als, personal_a, bedrohung):
    m = _melden(personal_a)
    c = client_als(bedrohung)
    url = reverse("bedrohung:einschaetzung", args=[m.pk])
    antwort = c.post(url, {"risikostufe": "hoch", "begruendung": "x" * 20001})
    assert antwort.status_code == 200
    assert "höchstens 20000 Zeichen" in antwort.content.decode()
    assert not Einschaetzung.objects.exists()

    assert c.post(url, {"risikostufe": "hoch", "begruendung": "x" * 20000}).status_code == 302
    gespeichert = Einschaetzung.objects.get()
    assert (gespeichert.meldung, gespeichert.risikostufe, len(gespeichert.begruendung)) == (m, "hoch", 20000)


@pytest.mark.rule("R-BM-2", "R-0-BAD-1", grenze=True)
def test_fallkonferenz_im_formular_beschluesse_bis_20000_zeichen(client_als, personal_a, bedrohung):
    m = _melden(personal_a)
    c = client_als(bedrohung)
    url = reverse("bedrohung:konferenz_neu", args=[m.pk])

    def daten(beschluesse):
        return {
            "datum": "2027-03-10T14:00",
            "stellen": [Stelle.POLIZEI],
            "teilnehmende": "Kapo Luzern, Team BM",
            "beschluesse": beschluesse,
            "folge-TOTAL_FORMS": "3",
            "folge-INITIAL_FORMS": "0",
        }

    antwort = c.post(url, daten("x" * 20001))
    assert antwort.status_code == 200
    assert "höchstens 20000 Zeichen" in antwort.content.decode()
    assert not Fallkonferenz.objects.exists()

    assert c.post(url, daten("x" * 20000)).status_code == 302
    gespeichert = Fallkonferenz.objects.get()
    assert (gespeichert.meldung, gespeichert.stellen, len(gespeichert.beschluesse)) == (m, ["polizei"], 20000)
    assert gespeichert.datum == datetime(2027, 3, 10, 14, 0, tzinfo=TZ)


@pytest.mark.rule("R-BM-2")
def test_schema_risikostufe_und_frist_nur_lesbar(client, bedrohung):
    client.force_login(bedrohung)
    schema = yaml.safe_load(client.get("/api/schema/").content)
    feld = schema["components"]["schemas"]["Bedrohungsmeldung"]["properties"]["risikostufe"]
    assert feld.get("readOnly") is True
    assert {t.get("$ref") for t in feld["oneOf"]} == {
        "#/components/schemas/RisikostufeEnum",
        "#/components/schemas/BlankEnum",
    }
    frist = schema["components"]["schemas"]["BedrohungMassnahme"]["properties"]["frist"]
    assert (frist["type"], frist["format"], frist.get("readOnly")) == ("string", "date", True)


@pytest.mark.rule("R-BM-2")
def test_ansprechperson_und_verantwortliche_mit_vollem_namen(client_als, personal_a, bedrohung, team2):
    m = _melden(personal_a)
    c = client_als(bedrohung)
    antwort = c.post(
        reverse("bedrohung:ansprechperson_zuweisen", args=[m.pk]), {"ansprechperson": team2.pk}, follow=True
    )
    assert "Ansprechperson zugewiesen: btm2 Test." in antwort.content.decode()
    m.refresh_from_db()
    assert m.ansprechperson == team2

    _massnahme(m, team2)
    [eintrag] = alle_fristen(bedrohung, typ=TYP)
    assert eintrag.titel == (
        f"Massnahme {m.nummer}: Gespräch mit der drohenden Person (Gefährderansprache) bis 17.03.2027 (verantwortlich: btm2 Test)"
    )


@pytest.mark.rule("R-BM-2", "R-BM-3")
def test_meldende_person_kann_die_fallarbeit_des_teams_nicht_oeffnen(
    client_als, personal_a, bedrohung, team2
):
    m = _melden(personal_a)
    c = client_als(personal_a)
    assert c.get(reverse("bedrohung:meldung_detail", args=[m.pk])).status_code == 200  # sees the own report
    for name in ("einschaetzung", "massnahme_neu", "konferenz_neu", "abschliessen"):
        assert c.get(reverse(f"bedrohung:{name}", args=[m.pk])).status_code == 404, name
    antwort = c.post(reverse("bedrohung:ansprechperson_zuweisen", args=[m.pk]), {"ansprechperson": team2.pk})
    assert antwort.status_code == 404
    m.refresh_from_db()
    assert (m.ansprechperson, m.status) == (None, Meldungsstatus.NEU)
