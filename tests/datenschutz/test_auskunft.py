"""Subject access export (issue 9 item 7): everything the system holds about one person as JSON with a
data dictionary and as PDF; sachbearbeitung only; the export is logged as a read (R-0-AUDIT-2); other
persons' data never appear; threat-management data are left out (police law, R-BM-3)."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from datenschutz import domain
from kern.models import Aktion, Lesezugriff
from tests.factories import fall_anlegen

from .hilfen import OHNE_ENTBINDUNG, entbindung, kontakt, mandat


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _json(response) -> dict:
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.rule("R-0-AUDIT-2", "R-23-1", "R-22-1")
def test_auskunft_json_vollstaendig_mit_datenkatalog_und_protokolliert(
    client_als, sachbearbeitung, personal_a, medizin, fall, anstalt_a
):
    andere = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    e = entbindung(
        personal_a,
        fall.person,
        dokument=SimpleUploadedFile("entbindung.pdf", b"%PDF-1.4 x", "application/pdf"),
    )
    kontakt(personal_a, fall.person, **OHNE_ENTBINDUNG)
    mandat(sachbearbeitung, fall.person, medizin)
    client = client_als(sachbearbeitung)
    client.get(reverse("vollzug:person_detail", args=[fall.person.pk]))  # an earlier read of the file
    antwort = client.get(reverse("datenschutz:auskunft_json", args=[fall.person.pk]))
    assert antwort.status_code == 200
    assert antwort["Content-Disposition"].startswith("attachment;")
    daten = _json(antwort)
    assert daten["person"]["personennummer"] == fall.person.personennummer
    # Case data, placements, the § 22/§ 23 records: each with its current rows.
    assert daten["daten"]["vollzug.person"]["eintraege"][0]["amtlicher_name"] == fall.person.amtlicher_name
    assert [f["fallnummer"] for f in daten["daten"]["vollzug.vollzugsfall"]["eintraege"]] == [fall.fallnummer]
    assert len(daten["daten"]["vollzug.platzierung"]["eintraege"]) == 1
    ent = daten["daten"]["datenschutz.schweigepflichtentbindung"]["eintraege"]
    assert ent[0]["dokument"]["sha256"] == e.dokument_sha256
    assert ent[0]["dokument"]["name"].startswith("entbindung")
    assert ent[0]["erfasst_durch"]["text"].startswith("personal_a")
    assert len(daten["daten"]["datenschutz.drittkontakt"]["eintraege"]) == 1
    assert len(daten["daten"]["datenschutz.fachpersonmandat"]["eintraege"]) == 1
    # Earlier versions (history) with actor.
    versionen = daten["daten"]["vollzug.vollzugsfall"]["versionen"]
    assert versionen[0]["aktion"] == "erstellt" and versionen[0]["durch"].startswith("sb")
    # Data dictionary: verbose names, help texts and choices.
    katalog = {k["modell"]: k for k in daten["datenkatalog"]}
    felder = {f["name"]: f for f in katalog["datenschutz.drittkontakt"]["felder"]}
    assert felder["zweck"]["bezeichnung"] == "Zweck ohne Entbindung (§ 23 Abs. 2)"
    assert felder["zweck"]["auswahl"]["resozialisierung"] == "Resozialisierung"
    assert "wesentlich beiträgt" in felder["rechtfertigung"]["hilfe"]
    # No other person's data anywhere.
    text = json.dumps(daten, ensure_ascii=False)
    assert andere.person.personennummer not in text and andere.fallnummer not in text
    # Read log: the earlier read and the export itself, with who and why.
    aktionen = [z["aktion"] for z in daten["lesezugriffe"]]
    assert aktionen == ["Ansicht (Akte geöffnet)", "Export"]
    assert any("Bedrohungsmanagement" in h for h in daten["hinweise"])
    assert not any(k.startswith("bedrohung.") for k in daten["daten"])
    export = Lesezugriff.objects.get(aktion=Aktion.EXPORT)
    assert (export.person, export.benutzer, export.zweck) == (
        fall.person,
        sachbearbeitung,
        "Auskunftsrecht der betroffenen Person (JSON)",
    )


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("rolle", ["revision", "personal_a", "medizin", "admin_user", "partner"])
def test_auskunft_nur_sachbearbeitung(request, client_als, rolle, fall):
    user = request.getfixturevalue(rolle)
    for name in ("auskunft_json", "auskunft_pdf", "auskunft"):
        assert client_als(user).get(reverse(f"datenschutz:{name}", args=[fall.person.pk])).status_code == 403
    assert not Lesezugriff.objects.filter(aktion=Aktion.EXPORT).exists()


def test_auskunft_unbekannte_person_404(client_als, sachbearbeitung):
    assert (
        client_als(sachbearbeitung).get(reverse("datenschutz:auskunft_json", args=[999999])).status_code
        == 404
    )


def test_auskunft_pdf_mit_uebersicht_und_daten(client_als, sachbearbeitung, personal_a, fall):
    kontakt(personal_a, fall.person, **OHNE_ENTBINDUNG)
    antwort = client_als(sachbearbeitung).get(reverse("datenschutz:auskunft_pdf", args=[fall.person.pk]))
    assert antwort.status_code == 200 and antwort["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(antwort.content)).pages)
    assert "Auskunft über die bearbeiteten Personendaten" in text
    assert fall.person.personennummer in text
    assert "Kontakte mit Dritten (§ 23)" in text
    assert "Anschlussstelle nach der Entlassung" in text
    assert (
        Lesezugriff.objects.get(aktion=Aktion.EXPORT).zweck == "Auskunftsrecht der betroffenen Person (PDF)"
    )


def test_auskunft_konstante_abfragen(sachbearbeitung, personal_a, fall, django_assert_max_num_queries):
    def zaehlen():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            "".join(domain.auskunft_json(person=fall.person, durch=sachbearbeitung))
        return len(ctx.captured_queries)

    kontakt(personal_a, fall.person, **OHNE_ENTBINDUNG)
    eins = zaehlen()
    for _ in range(19):
        kontakt(personal_a, fall.person, **OHNE_ENTBINDUNG)
    with django_assert_max_num_queries(eins):
        "".join(domain.auskunft_json(person=fall.person, durch=sachbearbeitung))
