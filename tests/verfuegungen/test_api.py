"""REST API of the shared Verfügung lifecycle: /api/v1/verfuegungen/ (verfuegungen/api.py).

Decisions are built through the domain functions (helpers of tests/verfuegungen/test_verfuegungen.py); every step
the browser page offers is then taken through the API, as a client of issue 5 would.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from kern.fristen import TZ
from kern.models import Aktion, Lesezugriff
from tests.factories import api_token, fall_anlegen
from verfuegungen import domain, recht
from verfuegungen.models import Beschwerde
from verfuegungen.recht import Anhoerungsart, EroeffnungArt, Verfuegungsstatus, Verfuegungstyp

from .test_verfuegungen import _behoerde_genehmigt, _disziplinar_genehmigt, _entwurf

pytestmark = pytest.mark.django_db

T = Verfuegungstyp
S = Verfuegungsstatus
LISTE = "/api/v1/verfuegungen/"


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def url(v, aktion: str = "") -> str:
    return f"{LISTE}{v.pk}/" + (f"{aktion}/" if aktion else "")


def reise(tag: date, stunde: int = 10):
    return time_machine.travel(datetime(tag.year, tag.month, tag.day, stunde, 0, tzinfo=TZ), tick=False)


def _ids(antwort) -> set[int]:
    return {e["id"] for e in antwort.json()["results"]}


def _stand(v) -> tuple:
    """Status and number of history rows: 'nothing changed' means both stay."""
    v.refresh_from_db()
    return v.status, v.history.count()


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def fall_b(sachbearbeitung, anstalt_b):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)


@pytest.fixture
def disziplinar_eroeffnet(personal_a, leitung_a, anstalt_a, fall_a):
    # Monday 30 March 2026: the five days of § 42 end on Tuesday 7 April (Easter in between).
    with reise(date(2026, 3, 30)):
        v = _disziplinar_genehmigt(personal_a, leitung_a, fall_a, anstalt_a)
        return domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)


@pytest.fixture
def versetzung_eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
    return domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)


# --- R-0-ROLE-1: who sees what ---------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1")
def test_liste_zeigt_nur_sichtbare_und_filtert(
    sachbearbeitung, personal_a, leitung_a, anstalt_a, fall_a, fall_b
):
    versetzung = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    disziplinar = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
    medikation = _entwurf(T.ZWANGSMEDIKATION_36, sachbearbeitung, fall_a)
    fremd = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_b)
    domain.zur_genehmigung_vorlegen(verfuegung=versetzung, durch=sachbearbeitung)

    sb = api_als(sachbearbeitung)
    assert _ids(sb.get(LISTE)) == {versetzung.pk, disziplinar.pk, medikation.pk, fremd.pk}
    assert _ids(sb.get(LISTE, {"typ": "versetzung_17"})) == {versetzung.pk, fremd.pk}
    assert _ids(sb.get(LISTE, {"status": "zur_genehmigung"})) == {versetzung.pk}
    assert _ids(sb.get(LISTE, {"person": fall_b.person_id})) == {fremd.pk}
    assert _ids(sb.get(LISTE, {"fall": fall_a.pk, "typ": "disziplinar"})) == {disziplinar.pk}
    # §36/§39 carry health data: facility roles never see them; other facilities see nothing of A.
    assert _ids(api_als(personal_a).get(LISTE)) == {versetzung.pk, disziplinar.pk}
    assert _ids(api_als(leitung_a).get(LISTE, {"typ": "zwangsmedikation_36"})) == set()
    eintrag = next(e for e in sb.get(LISTE).json()["results"] if e["id"] == versetzung.pk)
    assert (eintrag["status"], eintrag["person"]["id"], eintrag["fall"]) == (
        "zur_genehmigung",
        fall_a.person_id,
        fall_a.pk,
    )


@pytest.mark.rule("R-0-ROLE-1", "R-0-AUDIT-2")
def test_detail_404_ausserhalb_der_sicht_und_lesen_protokolliert(
    sachbearbeitung, personal_a, personal_b, admin_user, anstalt_a, fall_a
):
    disziplinar = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
    medikation = _entwurf(T.ZWANGSMEDIKATION_36, sachbearbeitung, fall_a)

    assert api_als(personal_b).get(url(disziplinar)).status_code == 404
    assert api_als(admin_user).get(url(disziplinar)).status_code == 404
    antwort = api_als(personal_a).get(url(medikation))
    assert antwort.status_code == 404
    assert antwort.json() == {"detail": "Nicht gefunden."}
    # Writes are 404 as well outside the view, before anything is checked.
    assert api_als(personal_b).post(url(disziplinar, "vorlegen"), {}, format="json").status_code == 404
    assert api_als(personal_a).get(url(medikation, "pdf")).status_code == 404
    assert not Lesezugriff.objects.exists()

    antwort = api_als(personal_a).get(url(disziplinar))
    assert antwort.status_code == 200
    assert antwort.json()["nummer"] == disziplinar.nummer
    zugriff = Lesezugriff.objects.get()
    assert (zugriff.benutzer, zugriff.person_id, zugriff.objekt_id, zugriff.aktion) == (
        personal_a,
        fall_a.person_id,
        disziplinar.pk,
        Aktion.API_LESEN,
    )
    assert api_als(sachbearbeitung).get(url(medikation)).status_code == 200


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["revision", "bedrohung"])
def test_lesende_rollen_bekommen_403_fuer_jede_aktion_auch_bei_kaputtem_koerper(
    request, persona, sachbearbeitung, fall_a
):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    vorher = _stand(v)
    client = api_als(request.getfixturevalue(persona))

    assert client.get(url(v)).status_code == 200
    antwort = client.post(url(v, "genehmigen"), {"kommentar": "ok"}, format="json")
    assert antwort.status_code == 403
    assert antwort.json()["detail"] == "Keine Berechtigung: Verfügung genehmigen."
    # 403 comes before the body is even read.
    antwort = client.post(url(v, "aufheben"), "{kaputt", content_type="application/json")
    assert antwort.status_code == 403
    assert antwort.json()["detail"] == "Keine Berechtigung: Verfügung aufheben."
    assert client.get(url(v))["Content-Type"] == "application/json"
    assert client.get(url(v)).json()["erlaubteAktionen"] == []
    assert _stand(v) == vorher


# --- R-0-4EYES-1 -------------------------------------------------------------------------------------


@pytest.mark.rule("R-0-4EYES-1", "R-0-AUDIT-1")
def test_verfasser_kann_nicht_selbst_genehmigen_zweite_person_schon(
    sachbearbeitung, sachbearbeitung2, fall_a
):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    sb, sb2 = api_als(sachbearbeitung), api_als(sachbearbeitung2)
    assert sb.get(url(v)).json()["erlaubteAktionen"] == [
        "vorlegen",
        "gehoer",
        "aufschiebende-wirkung-entziehen",
    ]

    antwort = sb.post(url(v, "vorlegen"), {"kommentar": "Bitte prüfen."}, format="json")
    assert antwort.status_code == 200
    assert antwort.json()["status"] == "zur_genehmigung"
    assert "genehmigen" not in antwort.json()["erlaubteAktionen"]
    vorher = _stand(v)

    antwort = sb.post(url(v, "genehmigen"), {"kommentar": "selbst"}, format="json")
    assert antwort.status_code == 400
    assert antwort.json() == {
        "non_field_errors": [
            "Wer die Verfügung entworfen oder vorgelegt hat, kann sie nicht selbst genehmigen "
            "(Vier-Augen-Prinzip)."
        ]
    }
    assert _stand(v) == vorher

    assert {"genehmigen", "zurueckweisen", "ablehnen"} <= set(sb2.get(url(v)).json()["erlaubteAktionen"])
    antwort = sb2.post(url(v, "genehmigen"), {"kommentar": "einverstanden"}, format="json")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert (daten["status"], daten["genehmigtDurch"], daten["entscheidDatum"]) == (
        "genehmigt",
        sachbearbeitung2.get_full_name(),
        timezone.localdate().isoformat(),
    )
    assert [(s["aktion"], s["durch"], s["kommentar"]) for s in daten["genehmigungsschritte"]] == [
        ("vorgelegt", sachbearbeitung.get_full_name(), "Bitte prüfen."),
        ("genehmigt", sachbearbeitung2.get_full_name(), "einverstanden"),
    ]
    v.refresh_from_db()
    assert v.history.first().history_user == sachbearbeitung2


@pytest.mark.rule("R-0-4EYES-1", "R-0-ROLE-1")
def test_anstaltsentscheid_genehmigt_nur_die_leitung(
    personal_a, leitung_a, sachbearbeitung, anstalt_a, fall_a
):
    v = _entwurf(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
    domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=personal_a)
    assert api_als(personal_a).post(url(v, "vorlegen"), {}, format="json").status_code == 200

    for user in (personal_a, sachbearbeitung):
        antwort = api_als(user).post(url(v, "genehmigen"), {"kommentar": "ok"}, format="json")
        assert antwort.status_code == 403
        assert "Keine Berechtigung: Verfügung genehmigen" in antwort.json()["detail"]
    antwort = api_als(leitung_a).post(url(v, "genehmigen"), {}, format="json")
    assert antwort.status_code == 200
    assert antwort.json()["status"] == "genehmigt"


@pytest.mark.rule("R-0-4EYES-1")
def test_zurueckweisen_und_ablehnen_brauchen_kommentar(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    sb2 = api_als(sachbearbeitung2)

    antwort = sb2.post(url(v, "zurueckweisen"), {"kommentar": "  "}, format="json")
    assert antwort.status_code == 400
    assert antwort.json() == {"kommentar": ["Für die Rückweisung ist eine Begründung im Kommentar nötig."]}
    antwort = sb2.post(url(v, "zurueckweisen"), {"kommentar": "Sachverhalt ergänzen."}, format="json")
    assert antwort.json()["status"] == "entwurf"

    domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    assert sb2.post(url(v, "ablehnen"), {}, format="json").status_code == 400
    antwort = sb2.post(url(v, "ablehnen"), {"kommentar": "Kein Platz frei."}, format="json")
    assert (antwort.json()["status"], antwort.json()["aufhebungGrund"]) == ("aufgehoben", "Kein Platz frei.")


# --- R-0-GEHOER-1 ------------------------------------------------------------------------------------


@pytest.mark.rule("R-0-GEHOER-1")
def test_belastende_verfuegung_ohne_gehoer_weder_genehmigt_noch_eroeffnet(
    sachbearbeitung, sachbearbeitung2, fall_a
):
    meldung = (
        "Art. 29 Abs. 2 BV: Vor einer belastenden Verfügung die Stellungnahme der Person oder ihren "
        "Verzicht erfassen – oder Gefahr im Verzug mit Begründung vermerken."
    )
    v = _entwurf(T.ZWANGSMEDIKATION_36, sachbearbeitung, fall_a)
    domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    antwort = api_als(sachbearbeitung2).post(url(v, "genehmigen"), {}, format="json")
    assert antwort.status_code == 400
    assert antwort.json() == {"anhoerung": [meldung]}

    # A decision that reached "genehmigt" without a hearing (e.g. migrated data) is still not notified.
    v.refresh_from_db()
    jetzt = timezone.now()
    domain.verfuegung_uebergang(
        verfuegung=v,
        nach=S.GENEHMIGT,
        durch=sachbearbeitung2,
        genehmigt_durch=sachbearbeitung2,
        genehmigt_am=jetzt,
        entscheid_datum=timezone.localdate(jetzt),
    )
    vorher = _stand(v)
    antwort = api_als(sachbearbeitung).post(
        url(v, "eroeffnen"), {"eroeffnungArt": "einschreiben"}, format="json"
    )
    assert antwort.status_code == 400
    assert antwort.json() == {"anhoerung": [meldung]}
    assert _stand(v) == vorher
    assert not v.pdf


@pytest.mark.rule("R-0-GEHOER-1")
def test_gehoer_erfassen_und_nach_gefahr_im_verzug_nachholen(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _entwurf(T.ZWANGSMEDIKATION_36, sachbearbeitung, fall_a)
    sb = api_als(sachbearbeitung)

    antwort = sb.post(url(v, "gehoer"), {"art": "stellungnahme", "text": " "}, format="json")
    assert antwort.json() == {"text": ["Die Stellungnahme der Person erfassen."]}
    antwort = sb.post(url(v, "gehoer"), {"art": "gefahr_im_verzug"}, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["begruendung"][0].startswith("Gefahr im Verzug muss begründet werden")
    antwort = sb.post(url(v, "gehoer-nachholen"), {"text": "Ich bin einverstanden."}, format="json")
    assert antwort.json() == {"anhoerung": ["Zu dieser Verfügung ist keine Anhörung nachzuholen."]}

    antwort = sb.post(
        url(v, "gehoer"),
        {"art": "gefahr_im_verzug", "begruendung": "Akute Selbstgefährdung in der Nacht."},
        format="json",
    )
    assert antwort.status_code == 200
    (anhoerung,) = antwort.json()["anhoerungen"]
    assert anhoerung["art"] == "gefahr_im_verzug"
    assert anhoerung["nachholenBis"] is not None
    assert "gehoer-nachholen" in antwort.json()["erlaubteAktionen"]
    # The decision may now be approved (R-0-GEHOER-1 allows it with Gefahr im Verzug).
    domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    assert api_als(sachbearbeitung2).post(url(v, "genehmigen"), {}, format="json").status_code == 200

    andere = _entwurf(T.ZWANGSMEDIKATION_36, sachbearbeitung, fall_a)
    fremde = domain.gehoer_erfassen(verfuegung=andere, art=Anhoerungsart.VERZICHT, durch=sachbearbeitung)
    antwort = sb.post(url(v, "gehoer-nachholen"), {"anhoerung": fremde.pk, "text": "x"}, format="json")
    assert antwort.json() == {"anhoerung": ["Diese Anhörung gehört nicht zu dieser Verfügung."]}
    antwort = sb.post(url(v, "gehoer-nachholen"), {"text": "Ich lehne die Medikation ab."}, format="json")
    assert antwort.status_code == 200
    (anhoerung,) = antwort.json()["anhoerungen"]
    assert anhoerung["nachgeholtText"] == "Ich lehne die Medikation ab."
    assert anhoerung["nachgeholtAm"] is not None
    assert "gehoer-nachholen" not in antwort.json()["erlaubteAktionen"]


# --- R-0-VFG-2: Eröffnung and deadline ---------------------------------------------------------------


@pytest.mark.rule("R-0-VFG-2", "R-0-FRIST-1")
def test_eroeffnung_berechnet_die_frist_ab_der_schriftlichen_eroeffnung(
    personal_a, leitung_a, anstalt_a, fall_a
):
    with reise(date(2026, 3, 27)):
        v = _disziplinar_genehmigt(personal_a, leitung_a, fall_a, anstalt_a)
    with reise(date(2026, 3, 30), 15):
        client = api_als(leitung_a)
        antwort = client.post(
            url(v, "eroeffnen"),
            {
                "eroeffnungArt": "einschreiben",
                "am": "2026-03-30T09:00:00+02:00",
                "muendlichAm": "2026-03-27T16:00:00+01:00",
            },
            format="json",
        )
    assert antwort.status_code == 200
    daten = antwort.json()
    # Oral on Friday 27 March; the five days run from the written notification on Monday 30 March.
    assert (daten["status"], daten["rechtsmittelfristEnde"], daten["rechtsmittelfristTage"]) == (
        "eroeffnet",
        "2026-04-07",
        5,
    )
    assert daten["eroeffnetAm"] == "2026-03-30T09:00:00+02:00"
    assert daten["muendlichEroeffnetAm"] == "2026-03-27T16:00:00+01:00"
    assert daten["rechtsmittelinstanz"] == recht.JSD
    assert daten["rechtsmittelfristMethode"]
    assert len(daten["pdfSha256"]) == 64
    assert daten["vollstreckbar"] is True  # § 44: no suspensive effect for disciplinary decisions


@pytest.mark.rule("R-0-VFG-2")
def test_eroeffnung_zukunft_falsche_reihenfolge_und_uebergabe_ohne_empfang_abgelehnt(
    sachbearbeitung, sachbearbeitung2, personal_a, fall_a
):
    with reise(timezone.localdate() - timedelta(days=1)):
        v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
    vorher = _stand(v)
    client = api_als(sachbearbeitung)
    morgen = (timezone.now() + timedelta(days=1)).isoformat()
    antwort = client.post(url(v, "eroeffnen"), {"eroeffnungArt": "einschreiben", "am": morgen}, format="json")
    assert antwort.json()["am"][0].startswith("Der Zeitpunkt kann nicht in der Zukunft liegen")
    jetzt = timezone.now()
    antwort = client.post(
        url(v, "eroeffnen"),
        {
            "eroeffnungArt": "einschreiben",
            "am": (jetzt - timedelta(minutes=1)).isoformat(),
            "muendlichAm": jetzt.isoformat(),
        },
        format="json",
    )
    assert antwort.json() == {
        "muendlichAm": ["Die mündliche Eröffnung geht der schriftlichen voraus oder fällt mit ihr zusammen."]
    }
    art = EroeffnungArt.UEBERGABE_ANSTALT.value
    antwort = api_als(personal_a).post(url(v, "eroeffnen"), {"eroeffnungArt": art}, format="json")
    assert antwort.json() == {
        "empfangsbestaetigung": [
            "Bei Übergabe in der Einrichtung die unterzeichnete Empfangsbestätigung beilegen."
        ]
    }
    assert _stand(v) == vorher

    # multipart/form-data with the signed receipt.
    quittung = SimpleUploadedFile("quittung.pdf", b"%PDF-1.4 unterschrieben", content_type="application/pdf")
    antwort = api_als(personal_a).post(
        url(v, "eroeffnen"), {"eroeffnungArt": art, "empfangsbestaetigung": quittung}, format="multipart"
    )
    assert antwort.status_code == 200
    assert (antwort.json()["eroeffnungArt"], antwort.json()["empfangsbestaetigung"]) == (art, True)
    v.refresh_from_db()
    assert v.empfangsbestaetigung.read() == b"%PDF-1.4 unterschrieben"
    assert v.history.first().history_user == personal_a


# --- R-0-VFG-4: suspensive effect and enforceability --------------------------------------------------


@pytest.mark.rule("R-0-VFG-4", "R-0-VFG-5", "R-42-1")
def test_beschwerde_und_aufschiebende_wirkung_durch_die_instanz(
    disziplinar_eroeffnet, sachbearbeitung, leitung_a
):
    v = disziplinar_eroeffnet
    client = api_als(sachbearbeitung)
    assert (
        client.get(url(v)).json()["aufschiebendeWirkung"],
        client.get(url(v)).json()["vollstreckbar"],
    ) == (
        False,
        True,
    )
    antwort = client.post(url(v, "beschwerde"), {"eingegangenAm": "2026-04-08"}, format="json")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert daten["status"] == "angefochten"
    assert daten["beschwerde"]["verspaetet"] is True  # five days ended on 7 April
    assert daten["beschwerde"]["instanz"] == recht.JSD
    assert daten["vollstreckbar"] is True  # an appeal alone does not stop execution (§ 44)
    assert "aufschiebende-wirkung" in daten["erlaubteAktionen"]

    antwort = client.post(url(v, "aufschiebende-wirkung"), {}, format="json")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert daten["aufschiebendeWirkungErteiltAm"] is not None
    assert daten["aufschiebendeWirkungErteiltDurch"] == recht.JSD
    assert daten["vollstreckbar"] is False
    assert "aufschiebende-wirkung" not in daten["erlaubteAktionen"]
    vorher = _stand(v)
    antwort = client.post(url(v, "aufschiebende-wirkung"), {}, format="json")
    assert antwort.json() == {"status": ["§ 44 JVG: Die Beschwerde hat bereits aufschiebende Wirkung."]}
    # The execution is recorded by the facility management that decides (issue 24), and refused now.
    antwort = api_als(leitung_a).post(url(v, "vollzogen"))
    assert antwort.status_code == 400
    assert antwort.json()["status"][0].startswith("§ 44 JVG: Die Verfügung ist noch nicht vollstreckbar")
    assert _stand(v) == vorher


@pytest.mark.rule("R-0-VFG-4")
def test_andere_verfuegung_erst_nach_entzug_vollstreckbar_dann_vollzogen(
    versetzung_eroeffnet, sachbearbeitung
):
    v = versetzung_eroeffnet
    client = api_als(sachbearbeitung)
    daten = client.get(url(v)).json()
    assert (daten["aufschiebendeWirkung"], daten["vollstreckbar"]) == (True, False)
    assert "vollzogen" not in daten["erlaubteAktionen"]
    assert client.post(url(v, "vollzogen")).status_code == 400

    antwort = client.post(url(v, "aufschiebende-wirkung-entziehen"), {"begruendung": " "}, format="json")
    assert antwort.json() == {"begruendung": ["Der Entzug der aufschiebenden Wirkung ist zu begründen."]}
    antwort = client.post(
        url(v, "aufschiebende-wirkung-entziehen"),
        {"begruendung": "Sicherheit der Mitgefangenen"},
        format="json",
    )
    daten = antwort.json()
    assert (daten["vollstreckbar"], daten["aufschiebendeWirkungEntzugBegruendung"]) == (
        True,
        "Sicherheit der Mitgefangenen",
    )
    assert (
        daten["aufschiebendeWirkungText"]
        == "Einer allfälligen Beschwerde wird die aufschiebende Wirkung entzogen."
    )
    assert "vollzogen" in daten["erlaubteAktionen"]
    antwort = client.post(url(v, "vollzogen"))
    assert antwort.status_code == 200
    assert antwort.json()["status"] == "vollzogen"


# --- R-0-VFG-6 / R-42-1: costs only for abusive disciplinary appeals ---------------------------------


@pytest.mark.rule("R-0-VFG-6", "R-42-1")
def test_mutwillige_beschwerde_kosten_nur_bei_disziplinarverfuegung(disziplinar_eroeffnet, sachbearbeitung):
    v = disziplinar_eroeffnet
    client = api_als(sachbearbeitung)
    client.post(url(v, "beschwerde"), {"eingegangenAm": "2026-04-02"}, format="json")
    vorher = _stand(v)

    antwort = client.post(
        url(v, "beschwerdeentscheid"),
        {"ergebnis": "gutgeheissen", "entschiedenAm": "2026-04-20", "mutwillig": True},
        format="json",
    )
    assert antwort.status_code == 400
    assert antwort.json()["mutwillig"][0].startswith("§ 45 Abs. 2 JVG")
    antwort = client.post(
        url(v, "beschwerdeentscheid"),
        {
            "ergebnis": "abgewiesen",
            "entschiedenAm": "2026-04-20",
            "mutwillig": True,
            "kostenAuferlegt": False,
        },
        format="json",
    )
    assert antwort.json()["kostenAuferlegt"][0].startswith("§ 45 Abs. 2 JVG")
    assert _stand(v) == vorher
    assert Beschwerde.objects.get(verfuegung=v).ergebnis == ""

    antwort = client.post(
        url(v, "beschwerdeentscheid"),
        {"ergebnis": "abgewiesen", "entschiedenAm": "2026-04-20", "mutwillig": True, "kostenAuferlegt": True},
        format="json",
    )
    assert antwort.status_code == 200
    daten = antwort.json()
    assert daten["status"] == "beschwerdeentscheid"
    assert {
        k: daten["beschwerde"][k] for k in ("ergebnis", "entschiedenAm", "mutwillig", "kostenAuferlegt")
    } == {
        "ergebnis": "abgewiesen",
        "entschiedenAm": "2026-04-20",
        "mutwillig": True,
        "kostenAuferlegt": True,
    }
    assert daten["kostenhinweis"].endswith("(§ 45 JVG).")
    assert daten["vollstreckbar"] is True


@pytest.mark.rule("R-0-VFG-6")
def test_mutwillige_beschwerde_gegen_andere_verfuegung_ohne_kosten_nach_paragraph_45(
    versetzung_eroeffnet, sachbearbeitung
):
    v = versetzung_eroeffnet
    client = api_als(sachbearbeitung)
    heute = timezone.localdate().isoformat()
    assert client.post(url(v, "beschwerde"), {"eingegangenAm": heute}, format="json").status_code == 200
    vorher = _stand(v)
    entscheid = {"ergebnis": "nichteintreten", "entschiedenAm": heute, "mutwillig": True}

    antwort = client.post(
        url(v, "beschwerdeentscheid"), {**entscheid, "kostenAuferlegt": True}, format="json"
    )
    assert antwort.status_code == 400
    assert antwort.json() == {
        "kostenAuferlegt": [
            "§ 45 Abs. 2 JVG: Kosten wegen Mutwilligkeit werden nur bei Beschwerden gegen "
            "Disziplinarverfügungen festgehalten; hier gilt das VRG."
        ]
    }
    assert _stand(v) == vorher
    antwort = client.post(url(v, "beschwerdeentscheid"), entscheid, format="json")
    assert antwort.status_code == 200
    beschwerde = antwort.json()["beschwerde"]
    assert (beschwerde["mutwillig"], beschwerde["kostenAuferlegt"]) == (True, False)
    assert antwort.json()["kostenhinweis"] == ""


# --- Lift ---------------------------------------------------------------------------------------------


def test_aufheben_braucht_grund_und_nur_wer_genehmigen_darf(personal_a, leitung_a, anstalt_a, fall_a):
    v = _disziplinar_genehmigt(personal_a, leitung_a, fall_a, anstalt_a)
    antwort = api_als(personal_a).post(url(v, "aufheben"), {"grund": "Irrtum"}, format="json")
    assert antwort.status_code == 403
    client = api_als(leitung_a)
    assert client.post(url(v, "aufheben"), {"grund": ""}, format="json").json() == {
        "grund": ["Die Aufhebung ist zu begründen."]
    }
    antwort = client.post(url(v, "aufheben"), {"grund": "Sachverhalt falsch erfasst"}, format="json")
    assert (antwort.json()["status"], antwort.json()["aufhebungGrund"]) == (
        "aufgehoben",
        "Sachverhalt falsch erfasst",
    )


# --- R-0-BAD-1: bad input is a 400 with German messages, nothing changes -------------------------------


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    "koerper, erwartet",
    [
        ('{"eroeffnungArt": "einschreiben",', {"detail": "Ungültiges JSON (Zeile 1, Spalte 34)."}),
        ("[]", {"non_field_errors": ["Erwartet wird ein JSON-Objekt."]}),
        ("null", {"non_field_errors": ["Erwartet wird ein JSON-Objekt."]}),
    ],
)
def test_kaputtes_json_gibt_400_und_aendert_nichts(
    sachbearbeitung, sachbearbeitung2, fall_a, koerper, erwartet
):
    v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
    vorher = _stand(v)
    antwort = api_als(sachbearbeitung).post(url(v, "eroeffnen"), koerper, content_type="application/json")
    assert antwort.status_code == 400
    assert antwort.json() == erwartet
    assert _stand(v) == vorher


@pytest.mark.rule("R-0-BAD-1")
def test_falsche_typen_geben_400_je_feld_und_aendern_nichts(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
    vorher = _stand(v)
    client = api_als(sachbearbeitung)

    antwort = client.post(
        url(v, "eroeffnen"),
        {"eroeffnungArt": 5, "am": "gestern", "muendlichAm": [], "empfangsbestaetigung": "datei.pdf"},
        format="json",
    )
    assert antwort.status_code == 400
    assert set(antwort.json()) == {"eroeffnungArt", "am", "muendlichAm", "empfangsbestaetigung"}
    assert antwort.json()["eroeffnungArt"] == ['"5" ist keine gültige Option.']
    # Year 1 would overflow on save: a field message naming the rule.
    antwort = client.post(
        url(v, "eroeffnen"), {"eroeffnungArt": "einschreiben", "am": "0001-01-01T00:00:00Z"}, format="json"
    )
    assert antwort.json() == {"am": ["Der Zeitpunkt liegt vor 1900."]}
    antwort = client.post(url(v, "aufheben"), {"grund": None}, format="json")
    assert antwort.json() == {"grund": ["Dieses Feld darf nicht null sein."]}
    antwort = client.post(url(v, "aufheben"), {"grund": "x" * 5001}, format="json")
    assert list(antwort.json()) == ["grund"]
    antwort = client.post(url(v, "gehoer-nachholen"), {"anhoerung": 10**20, "text": "x"}, format="json")
    assert list(antwort.json()) == ["anhoerung"]
    antwort = client.post(
        url(v, "beschwerdeentscheid"),
        {"ergebnis": "abgewiesen", "entschiedenAm": "31.02.2026"},
        format="json",
    )
    assert list(antwort.json()) == ["entschiedenAm"]
    antwort = client.post(url(v, "beschwerde"), {"eingegangenAm": "2026-13-01", "instanz": 7}, format="json")
    assert list(antwort.json()) == ["eingegangenAm"]
    # A step the state does not allow: the service's message naming the rule.
    antwort = client.post(
        url(v, "beschwerde"), {"eingegangenAm": timezone.localdate().isoformat()}, format="json"
    )
    assert antwort.json() == {"status": ["Übergang von «Genehmigt» nach «Angefochten» ist nicht zulässig."]}
    assert _stand(v) == vorher


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    "parameter, fehlerfeld",
    [
        ({"typ": "gibtsnicht"}, "typ"),
        ({"status": "<x>"}, "status"),
        ({"person": "abc"}, "person"),
        ({"fall": str(10**20)}, "fall"),
    ],
)
def test_falsche_filter_geben_400(sachbearbeitung, parameter, fehlerfeld):
    antwort = api_als(sachbearbeitung).get(LISTE, parameter)
    assert antwort.status_code == 400
    assert list(antwort.json()) == [fehlerfeld]


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize("pk", ["99999999999999999999", "0", "abc"])
def test_unsinnige_id_gibt_404(sachbearbeitung, pk):
    client = api_als(sachbearbeitung)
    assert client.get(f"{LISTE}{pk}/").status_code == 404
    assert client.post(f"{LISTE}{pk}/vorlegen/", {}, format="json").status_code == 404


# --- PDF (R-0-VFG-1) ----------------------------------------------------------------------------------


@pytest.mark.rule("R-0-VFG-1", "R-0-AUDIT-2", "R-0-ROLE-1")
def test_pdf_vorschau_und_eroeffnetes_pdf(
    sachbearbeitung, sachbearbeitung2, revision, personal_a, personal_b, fall_a
):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    antwort = api_als(sachbearbeitung).get(url(v, "pdf"))
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/pdf"
    assert antwort["Content-Disposition"] == f'inline; filename="{v.nummer}-vorschau.pdf"'
    assert antwort.content.startswith(b"%PDF")
    # The preview is only for those who decide; reading roles wait for the notified PDF.
    assert api_als(revision).get(url(v, "pdf")).status_code == 403
    assert Lesezugriff.objects.filter(aktion=Aktion.DOKUMENT).count() == 1

    v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
    v = domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
    for user in (personal_a, revision):
        antwort = api_als(user).get(url(v, "pdf"), HTTP_ACCEPT="application/pdf")
        assert antwort.status_code == 200
        inhalt = b"".join(antwort.streaming_content)
        assert inhalt.startswith(b"%PDF")
        assert antwort["Content-Disposition"] == f'attachment; filename="{v.nummer}.pdf"'
    v.refresh_from_db()
    assert v.pdf.open("rb").read() == inhalt
    zugriffe = Lesezugriff.objects.filter(aktion=Aktion.DOKUMENT, objekt_id=v.pk)
    assert {z.benutzer for z in zugriffe} == {personal_a, revision}
    antwort = api_als(personal_b).get(url(v, "pdf"), HTTP_ACCEPT="application/pdf")
    assert antwort.status_code == 404
    assert antwort.json() == {"detail": "Nicht gefunden."}


# --- Constant number of queries (N+1 guard) -----------------------------------------------------------


@pytest.mark.parametrize("anzahl", [1, 20])
def test_liste_mit_konstanter_anzahl_abfragen(
    anzahl, sachbearbeitung, sachbearbeitung2, personal_a, fall_a, django_assert_max_num_queries
):
    for i in range(anzahl):
        v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
        if i % 2 == 0:
            v = domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
            domain.beschwerde_erfassen(
                verfuegung=v, eingegangen_am=timezone.localdate(), durch=sachbearbeitung
            )

    for user in (sachbearbeitung, personal_a):
        client = api_als(user)
        # token (+ its last use, first call), count, page (person, facility, appeal joined), one bulk
        # insert of the read log
        with django_assert_max_num_queries(5):
            antwort = client.get(LISTE)
        assert antwort.json()["count"] == anzahl
        assert sum(e["status"] == "angefochten" for e in antwort.json()["results"]) == (anzahl + 1) // 2


# --- Schema -------------------------------------------------------------------------------------------


def test_schema_nennt_alle_aktionen(client, sachbearbeitung):
    client.force_login(sachbearbeitung)
    schema = yaml.safe_load(client.get("/api/schema/").content)
    aktionen = {
        p.removeprefix("/api/v1/verfuegungen/{id}/").strip("/")
        for p in schema["paths"]
        if p.startswith("/api/v1/verfuegungen/{id}/") and p != "/api/v1/verfuegungen/{id}/"
    }
    assert aktionen == {
        "vorlegen",
        "genehmigen",
        "zurueckweisen",
        "ablehnen",
        "gehoer",
        "gehoer-nachholen",
        "eroeffnen",
        "beschwerde",
        "aufschiebende-wirkung",
        "aufschiebende-wirkung-entziehen",
        "beschwerdeentscheid",
        "weiterzug",
        "rechtskraft",
        "aufheben",
        "vollzogen",
        "pdf",
    }
    pfad = schema["paths"]["/api/v1/verfuegungen/{id}/genehmigen/"]["post"]
    assert pfad["tags"] == ["Verfügungen"]
    assert sorted(pfad["responses"]) == ["200", "400", "401", "403", "404"]
    assert list(schema["paths"]["/api/v1/verfuegungen/{id}/pdf/"]["get"]["responses"]["200"]["content"]) == [
        "application/pdf"
    ]
