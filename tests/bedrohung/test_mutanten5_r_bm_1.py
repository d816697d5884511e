"""Mutation tests (issue 25, session 7) of the threat report (R-BM-1, programme «Sicherheit im sozialen
Nahraum», points 14–15; § 40 Abs. 2 lit. c JVG).

They prove the checks the marked tests left open: an attachment needs a file (none, or a file without a
name), its title is cut at 150 characters, and a disciplinary report needs an inmate named as a person
(a report «eingewiesene Person» without the person is refused with the § 40 message, not looked up);
the browser form takes a place of 200 characters, not 201; the API takes `urheberPerson: null` and
describes the linked disciplinary report as read-only and nullable in its schema; the browser marks a
form shown again and offers the disciplinary report only for an inmate named as a person.
Messages compared in full; limits as literals.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from bedrohung import domain
from bedrohung.forms import MeldungForm
from bedrohung.models import Bedrohungsmeldung
from bedrohung.recht import Kanal, Urheberart
from disziplinar.models import Rapport
from vollzug.models import Person

from .test_api import MELDUNGEN, api_als, meldung_daten
from .test_bedrohung import meldung

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-BM-1")
def test_beilage_verlangt_eine_datei_mit_namen(personal_a):
    m = meldung(personal_a)
    for datei in (None, ContentFile(b"%PDF-1.4")):  # the second without a name
        with pytest.raises(ValidationError) as e:
            domain.beilage_hinzufuegen(meldung=m, titel="Drohbrief", datei=datei, durch=personal_a)
        assert e.value.message_dict == {"datei": ["R-BM-1: Eine Datei auswählen."]}
    assert not m.beilagen.exists()


@pytest.mark.rule("R-BM-1", grenze=True)
def test_titel_der_beilage_auf_150_zeichen_gekuerzt(personal_a):
    m = meldung(personal_a)
    domain.beilage_hinzufuegen(
        meldung=m, titel="T" * 150, datei=SimpleUploadedFile("a.pdf", b"a"), durch=personal_a
    )
    domain.beilage_hinzufuegen(
        meldung=m, titel="U" * 151, datei=SimpleUploadedFile("b.pdf", b"b"), durch=personal_a
    )
    assert list(m.beilagen.order_by("pk").values_list("titel", flat=True)) == ["T" * 150, "U" * 150]


@pytest.mark.rule("R-BM-1")
def test_rapport_nur_mit_namentlich_bekannter_eingewiesener_person(personal_a):
    m = meldung(
        personal_a,
        urheber_art=Urheberart.INSASSE,
        urheber_beschreibung="Eingewiesener aus Trakt B, Name unbekannt",
    )
    assert (m.urheber_art, m.urheber_person_id) == (Urheberart.INSASSE, None)
    with pytest.raises(ValidationError) as e:
        domain.disziplinarrapport_anlegen(meldung=m, durch=personal_a)
    assert e.value.message_dict == {
        "urheber_person": [
            "R-BM-1 (§ 40 Abs. 2 lit. c JVG): Ein Disziplinarrapport ist nur bei einer Drohung durch eine "
            "namentlich bekannte eingewiesene Person möglich."
        ]
    }
    assert Bedrohungsmeldung.objects.get().disziplinar_rapport_id is None
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-BM-1", grenze=True)
def test_formular_ort_200_zeichen_ja_201_nein(personal_a):
    daten = {
        "urheber_art": Urheberart.EXTERN,
        "urheber_beschreibung": "Mann, etwa 40",
        "betroffene": "Aufseherin Meier",
        "vorfall_am": "05.01.2026 10:00",
        "kanal": Kanal.TELEFON,
        "wortlaut": "Ich weiss, wo Sie wohnen.",
    }
    ok = MeldungForm(data={**daten, "ort": "x" * 200}, personen=Person.objects.none(), user=personal_a)
    assert ok.is_valid(), ok.errors
    assert ok.cleaned_data["ort"] == "x" * 200
    zu_lang = MeldungForm(data={**daten, "ort": "x" * 201}, personen=Person.objects.none(), user=personal_a)
    assert not zu_lang.is_valid()
    assert list(zu_lang.errors) == ["ort"]
    assert "200" in zu_lang.errors["ort"][0]


@pytest.mark.rule("R-BM-1")
def test_api_urheber_person_null_erlaubt(bedrohung):
    antwort = api_als(bedrohung).post(MELDUNGEN, meldung_daten(urheberPerson=None), format="json")
    assert antwort.status_code == 201, antwort.json()
    m = Bedrohungsmeldung.objects.get()
    assert (m.urheber_art, m.urheber_person_id, m.urheber_beschreibung) == (
        Urheberart.EXTERN,
        None,
        "Anrufer, Stimme männlich",
    )
    assert antwort.json()["disziplinarRapport"] is None


@pytest.mark.rule("R-BM-1")
def test_browser_erneut_angezeigt_und_rapport_knopf_nur_mit_person(client_als, personal_a):
    c = client_als(personal_a)
    url = reverse("bedrohung:melden")
    assert c.get(url).context["erneut_angezeigt"] is False
    antwort = c.post(url, {"urheber_art": Urheberart.EXTERN, "ort": ""})
    assert (antwort.status_code, antwort.context["erneut_angezeigt"]) == (200, True)
    assert not Bedrohungsmeldung.objects.exists()

    m = meldung(
        personal_a,
        urheber_art=Urheberart.INSASSE,
        urheber_beschreibung="Eingewiesener aus Trakt B, Name unbekannt",
    )
    seite = c.get(reverse("bedrohung:meldung_detail", args=[m.pk]))
    assert seite.status_code == 200
    assert (seite.context["disziplinar_moeglich"], seite.context["kann_disziplinar"]) == (False, False)


@pytest.mark.rule("R-BM-1")
def test_api_schema_disziplinarrapport_nur_lesbar_und_leer_moeglich():
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    feld = schemas["Bedrohungsmeldung"]["properties"]["disziplinarRapport"]
    assert (feld.get("readOnly"), feld.get("nullable"), feld["type"]) == (True, True, "integer")
