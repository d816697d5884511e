"""Issue 23 point 4: the texts of §§ 36/39 decisions never reach Revision through the change log (page,
person filter, type filter, CSV); the health roles still read them where they may (the decision's page,
the subject access made by the Vollzugsbehörde for the person). A § 31 decision is the control: its
texts stay in the log, so the check is not vacuous."""

import pytest
from django.urls import reverse

from sicherheitsmassnahmen.recht import Massnahmenart
from tests.sicherheitsmassnahmen.hilfen import aktiv
from tests.zwangsmedizin.hilfen import daten, durchziehen, fall_zugeteilt
from verfuegungen import domain as vfg
from zwangsmedizin.domain import entscheid, information, medikation

MARKER = "Zqgesundheitstext"
KONTROLLE = "Zqkontrolltext"


def _inhalt(antwort) -> str:
    if antwort.streaming:
        return b"".join(antwort.streaming_content).decode("utf-8-sig")
    return antwort.content.decode()


@pytest.fixture
def verfuegung_36(sachbearbeitung, sachbearbeitung2, medizin, anstalt_a):
    fall = fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)
    m = medikation.antrag_stellen(fall=fall, daten=daten(), durch=medizin)
    information.aufklaerung_erfassen(medikation=m, durch=medizin)
    v = entscheid.verfuegung_entwerfen(
        medikation=m, begruendung="Voraussetzungen erfüllt.", durch=sachbearbeitung
    )
    v = vfg.entwurf_bearbeiten(
        verfuegung=v,
        daten=vfg.Entwurfsdaten(
            titel=f"{v.titel} {MARKER}",
            rechtsgrundlage=v.rechtsgrundlage,
            sachverhalt=f"{v.sachverhalt} Diagnose {MARKER}",
            begruendung=f"{v.begruendung} {MARKER}",
            dispositiv=v.dispositiv,
        ),
        durch=sachbearbeitung,
    )
    durchziehen(v, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2)
    v.refresh_from_db()
    return vfg.aufheben(verfuegung=v, grund=f"Neue Diagnose {MARKER}", durch=sachbearbeitung2)


@pytest.fixture
def verfuegung_31(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    from tests.factories import fall_anlegen

    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    m = aktiv(fall, personal_a, leitung_a, art=Massnahmenart.ABSONDERUNG)
    return vfg.aufheben(verfuegung=m.verfuegung, grund=f"Gefahr gebannt {KONTROLLE}", durch=leitung_a)


@pytest.mark.rule("R-0-AUDIT-1")
def test_revision_sieht_keinen_gesundheitstext_im_aenderungsprotokoll(
    client_als, revision, verfuegung_36, verfuegung_31
):
    c = client_als(revision)
    person = verfuegung_36.person.personennummer
    abfragen = [{}, {"typ": "verfuegungen.verfuegung"}, {"person": person}, {"typ": "verfuegungen.anhoerung"}]
    for name in ("protokoll:aenderungen", "protokoll:aenderungen_csv"):
        for abfrage in abfragen:
            antwort = c.get(reverse(name), abfrage)
            assert antwort.status_code == 200
            assert MARKER not in _inhalt(antwort), (name, abfrage)
        # The log still shows the § 36 decision's events (who, when, what) …
        inhalt = _inhalt(c.get(reverse(name), {"person": person, "typ": "verfuegungen.verfuegung"}))
        assert verfuegung_36.nummer in inhalt and "Aufgehoben" in inhalt
        # … and the texts of other decisions (control: the check is not vacuous).
        assert KONTROLLE in _inhalt(c.get(reverse(name), {"typ": "verfuegungen.verfuegung"}))


@pytest.mark.rule("R-0-AUDIT-1")
def test_gesundheitsrollen_lesen_den_text_wo_sie_duerfen(
    client_als, revision, medizin, sachbearbeitung, verfuegung_36
):
    detail = reverse("verfuegungen:detail", args=[verfuegung_36.pk])
    auskunft = reverse("datenschutz:auskunft_json", args=[verfuegung_36.person.pk])
    assert MARKER in _inhalt(client_als(sachbearbeitung).get(detail))
    assert MARKER in _inhalt(client_als(sachbearbeitung).get(auskunft))  # the person's own data
    # Revision reaches neither the decision nor the subject access; Medizin does not read the auditors' log.
    assert client_als(revision).get(detail).status_code == 404
    assert client_als(revision).get(auskunft).status_code == 403
    assert client_als(medizin).get(reverse("protokoll:aenderungen")).status_code == 403
