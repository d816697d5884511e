"""Browser pages of § 31 JVG: proposal, decision, review, lifting, list with filters (constant queries),
visibility (404 outside, 403 without the right) and the case block."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from kern.fristen import TZ
from kern.models import Lesezugriff
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import Massnahmenart, Massnahmenstatus
from tests.factories import fall_anlegen
from verfuegungen.recht import Verfuegungsstatus

from .hilfen import (  # noqa: F401  (fixtures: fall_a, leitung_a2)
    aktiv,
    beantragen,
    fixture_fall_a,
    fixture_leitung_a2,
)

LISTE = reverse("sicherheitsmassnahmen:liste")
NEU = reverse("sicherheitsmassnahmen:neu")


def url(name, m):
    return reverse(f"sicherheitsmassnahmen:{name}", args=[m.pk])


def antrag(fall, **kw):
    return {
        "fall": fall.pk,
        "art": Massnahmenart.ABSONDERUNG,
        "risiken": ["fremdgefaehrdung"],
        "sachverhalt": "Bedrohte Mitgefangene mit dem Tod.",
        "begruendung": "Verwarnung ohne Wirkung.",
        "ausgestaltung": "",
        "gehoer_art": "",
        **kw,
    }


@pytest.mark.rule("R-31-1", "R-0-4EYES-1")
def test_personal_beantragt_im_browser(client_als, personal_a, fall_a):
    client = client_als(personal_a)
    seite = client.get(f"{NEU}?fall={fall_a.pk}")
    assert seite.status_code == 200
    antwort = client.post(NEU, antrag(fall_a))
    m = Sicherheitsmassnahme.objects.get()
    assert antwort.status_code == 302 and antwort["Location"] == url("detail", m)
    assert m.verfuegung.status == Verfuegungsstatus.ZUR_GENEHMIGUNG
    detail = client.get(url("detail", m)).content.decode()
    assert "Beantragt – Entscheid der Anstaltsleitung ausstehend" in detail
    assert 'id="genehmigen-form"' not in detail  # staff cannot decide


@pytest.mark.rule("R-31-1", "R-0-BAD-1")
def test_antrag_ohne_risiko_zeigt_die_meldung_am_feld_und_speichert_nichts(client_als, personal_a, fall_a):
    antwort = client_als(personal_a).post(NEU, antrag(fall_a, risiken=[], sachverhalt=""))
    assert antwort.status_code == 200
    form = antwort.context["form"]
    assert form.errors["risiken"][0].startswith("§ 31 Abs. 1 JVG (R-31-1): Mindestens ein Risiko")
    assert form.errors["sachverhalt"][0].startswith("§ 31 Abs. 1 JVG (R-31-1)")
    assert Sicherheitsmassnahme.objects.count() == 0


@pytest.mark.rule("R-31-5", "R-1-JUV-1", "R-0-BAD-1")
def test_fesselung_eines_jugendlichen_wird_im_formular_verweigert(
    client_als, personal_a, sachbearbeitung, anstalt_a
):
    from tests.factories import person_anlegen

    with time_machine.travel(datetime(2026, 6, 1, 10, 0, tzinfo=TZ), tick=False):
        person = person_anlegen(durch=sachbearbeitung, geburtsdatum=datetime(2010, 1, 1).date())
        fall = fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)
        antwort = client_als(personal_a).post(NEU, antrag(fall, art=Massnahmenart.FESSELUNG))
    assert antwort.status_code == 200
    assert antwort.context["form"].errors["art"][0].startswith("§ 31 Abs. 5 Satz 2 JVG (R-31-5)")
    assert Sicherheitsmassnahme.objects.count() == 0


@pytest.mark.rule("R-0-ROLE-1")
def test_fremde_einrichtung_sieht_nichts_404_und_ohne_recht_403(
    client_als, personal_a, personal_b, fall_a, partner, admin_user
):
    m = beantragen(fall_a, personal_a)
    client = client_als(personal_b)
    assert client.get(url("detail", m)).status_code == 404
    assert client.post(url("genehmigen", m), {"kommentar": "x"}).status_code == 404
    assert m.nummer not in client.get(LISTE).content.decode()
    # Wrong facility in the proposal form: not a choice.
    assert client.post(NEU, antrag(fall_a)).context["form"].errors["fall"]
    for user in (partner, admin_user):
        assert client_als(user).get(url("detail", m)).status_code == 404
        assert client_als(user).get(NEU).status_code == 403
    # Staff of A sees it but may not decide: 403.
    assert client_als(personal_a).post(url("genehmigen", m), {"kommentar": "x"}).status_code == 403


@pytest.mark.rule("R-0-4EYES-1", "R-0-GEHOER-1")
def test_leitung_ordnet_im_browser_an_mit_gehoer_und_vier_augen(client_als, leitung_a, leitung_a2, fall_a):
    m = beantragen(fall_a, leitung_a)  # the management proposes directly
    client = client_als(leitung_a)
    antwort = client.post(url("genehmigen", m), {"gehoer_art": "verzicht", "gehoer_text": "Verzichtet."})
    assert antwort.status_code == 400
    assert "R-0-4EYES-1" in " ".join(antwort.context["genehmigen_form"].non_field_errors())

    client = client_als(leitung_a2)
    antwort = client.post(url("genehmigen", m), {"kommentar": "ok"})
    assert antwort.status_code == 400
    assert "R-0-GEHOER-1" in antwort.context["genehmigen_form"].errors["gehoer_art"][0]

    antwort = client.post(
        url("genehmigen", m), {"gehoer_art": "verzicht", "gehoer_text": "Verzichtet.", "kommentar": "ok"}
    )
    assert antwort.status_code == 302
    m.refresh_from_db()
    assert (m.verfuegung.status, m.verfuegung.genehmigt_durch) == (Verfuegungsstatus.GENEHMIGT, leitung_a2)
    assert "Angeordnet – Eröffnung ausstehend" in client.get(url("detail", m)).content.decode()


@pytest.mark.rule("R-0-4EYES-1")
def test_ablehnung_im_browser_braucht_begruendung(client_als, personal_a, leitung_a, fall_a):
    m = beantragen(fall_a, personal_a)
    client = client_als(leitung_a)
    antwort = client.post(url("ablehnen", m), {"kommentar": ""})
    assert antwort.status_code == 400
    assert "R-0-4EYES-1" in antwort.context["ablehnen_form"].errors["kommentar"][0]
    assert client.post(url("ablehnen", m), {"kommentar": "Nicht nötig."}).status_code == 302
    m.refresh_from_db()
    assert m.verfuegung.status == Verfuegungsstatus.AUFGEHOBEN


@pytest.mark.rule("R-31-5")
def test_ueberpruefen_und_aufheben_im_browser(client_als, personal_a, leitung_a, fall_a):
    m = aktiv(fall_a, personal_a, leitung_a)
    client = client_als(leitung_a)
    assert 'id="ueberpruefung-form"' in client.get(url("detail", m)).content.decode()
    antwort = client.post(url("ueberpruefen", m), {"ergebnis": "fortsetzen", "begruendung": ""})
    assert antwort.status_code == 400
    assert (
        antwort.context["ueberpruefung_form"].errors["begruendung"][0].startswith("§ 31 Abs. 5 JVG (R-31-5)")
    )
    assert (
        client.post(
            url("ueberpruefen", m), {"ergebnis": "fortsetzen", "begruendung": "Weiter nötig."}
        ).status_code
        == 302
    )
    assert m.ueberpruefungen.count() == 1
    # Issue 17 item 7: lifting asks first; without the confirmation nothing changes.
    frage = client.post(url("aufheben", m), {"grund": "Beruhigt."})
    assert frage.status_code == 200
    assert "Besondere Sicherheitsmassnahme wirklich aufheben?" in frage.content.decode()
    m.refresh_from_db()
    assert m.status != Massnahmenstatus.BEENDET
    assert client.post(url("aufheben", m), {"grund": "Beruhigt.", "bestaetigt": "1"}).status_code == 302
    m.refresh_from_db()
    assert (m.status, m.beendigungsgrund, m.beendet_durch) == (
        Massnahmenstatus.BEENDET,
        "Beruhigt.",
        leitung_a,
    )
    assert client_als(personal_a).post(url("aufheben", m), {"grund": "x"}).status_code == 403


@pytest.mark.rule("R-0-AUDIT-2")
def test_ansicht_wird_protokolliert(client_als, personal_a, revision, fall_a):
    m = beantragen(fall_a, personal_a)
    assert client_als(revision).get(url("detail", m)).status_code == 200
    zugriff = Lesezugriff.objects.get(benutzer=revision)
    assert (zugriff.person_id, zugriff.objekt_id) == (m.person_id, m.pk)


@pytest.mark.rule("R-31-5", "R-0-ROLE-1")
def test_liste_filtert_nach_einrichtung_art_und_ueberfaellig(
    client_als, sachbearbeitung, personal_a, leitung_a, anstalt_a
):
    with time_machine.travel(datetime(2026, 6, 10, 10, 0, tzinfo=TZ), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        fesselung = aktiv(fall, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
        beobachtung = aktiv(fall, personal_a, leitung_a, art=Massnahmenart.BEOBACHTUNG)
        antrag_ = beantragen(fall, personal_a, art=Massnahmenart.ENTZUG_GEGENSTAENDE)
    client = client_als(sachbearbeitung)

    def nummern(**filter_):
        with time_machine.travel(datetime(2026, 6, 12, 10, 0, tzinfo=TZ), tick=False):
            antwort = client.get(LISTE, filter_)
        return {m.nummer for m in antwort.context["seite"].object_list}

    assert nummern() == {fesselung.nummer, beobachtung.nummer, antrag_.nummer}
    assert nummern(zustand="ueberfaellig") == {fesselung.nummer}
    assert nummern(zustand="aktiv") == {fesselung.nummer, beobachtung.nummer}
    assert nummern(zustand="zu_entscheiden") == {antrag_.nummer}
    assert nummern(art=Massnahmenart.BEOBACHTUNG) == {beobachtung.nummer}
    assert nummern(anstalt=anstalt_a.pk, zustand="beendet") == set()


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 20])
def test_liste_mit_konstant_vielen_abfragen(
    anzahl, client_als, personal_a, leitung_a, fall_a, django_assert_max_num_queries
):
    for _ in range(anzahl):
        beantragen(fall_a, personal_a)
    client = client_als(leitung_a)
    client.get(LISTE)  # warm up the session
    with django_assert_max_num_queries(9):
        antwort = client.get(LISTE)
    assert len(antwort.context["seite"].object_list) == anzahl


@pytest.mark.rule("R-31-1")
def test_fallseite_zeigt_den_block_mit_antragslink(client_als, personal_a, fall_a):
    m = beantragen(fall_a, personal_a)
    inhalt = client_als(personal_a).get(reverse("vollzug:fall_detail", args=[fall_a.pk])).content.decode()
    assert 'id="sicherheitsmassnahmen"' in inhalt
    assert m.nummer in inhalt
    assert f"{NEU}?fall={fall_a.pk}" in inhalt
