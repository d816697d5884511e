"""§§ 34–39: who sees what (health data only for medizin and the authority), read logging, constant
queries, the browser pages, the API, the case-page block, the start page and the Fristenkontrolle."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.erweiterungen import QUELLEN
from kern.models import Aktion, Lesezugriff
from vollzug.recht import Sanktionsart
from zwangsmedizin.domain import ernaehrung, medikation
from zwangsmedizin.models import Zwangsmedikation

from .hilfen import daten, daten_38, fall_mit, fall_zugeteilt, neuer_arzt, pdf, zuteilen


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a, medizin):
    return fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)


@pytest.fixture
def antrag(fall_a, medizin):
    return medikation.antrag_stellen(fall=fall_a, daten=daten(medikament="Olanzapin"), durch=medizin)


def _leselog(user, obj, aktion=Aktion.ANSICHT):
    return Lesezugriff.objects.filter(benutzer=user, objekt_id=obj.pk, aktion=aktion).count()


# --- Browser: visibility and read logging ---------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-20-1", "R-0-AUDIT-2")
def test_detailseite_inhalt_nur_fuer_zugeteilte_aerztin_und_behoerde(
    client_als, antrag, medizin, sachbearbeitung
):
    url = reverse("zwangsmedizin:medikation_detail", args=[antrag.pk])
    for user in (medizin, sachbearbeitung):
        antwort = client_als(user).get(url)
        assert antwort.status_code == 200
        assert "Olanzapin" in antwort.content.decode()
        assert _leselog(user, antrag) == 1


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
def test_detailseite_fuer_leitung_und_revision_ohne_gesundheitsdaten(client_als, antrag, leitung_a, revision):
    url = reverse("zwangsmedizin:medikation_detail", args=[antrag.pk])
    for user in (leitung_a, revision):
        antwort = client_als(user).get(url)
        assert antwort.status_code == 200
        inhalt = antwort.content.decode()
        assert "Beantragt" in inhalt
        assert "Olanzapin" not in inhalt and "Fremdaggression" not in inhalt


@pytest.mark.rule("R-0-ROLE-1", "R-22-1")
def test_detailseite_404_fuer_nicht_zugeteilte_und_personal(
    client_als, antrag, personal_a, personal_b, partner
):
    url = reverse("zwangsmedizin:medikation_detail", args=[antrag.pk])
    andere = neuer_arzt()
    for user in (andere, personal_a, personal_b, partner):
        assert client_als(user).get(url).status_code == 404


@pytest.mark.rule("R-38-1", "R-0-AUDIT-2", "R-0-ROLE-1")
def test_empfehlung_nur_fuer_berechtigte_und_download_protokolliert(
    client_als, sachbearbeitung, anstalt_a, medizin, revision, leitung_a
):
    fall = fall_mit(durch=sachbearbeitung, anstalt=anstalt_a, art=Sanktionsart.STATIONAERE_MASSNAHME)
    zuteilen(medizin, fall.person)
    m = medikation.antrag_stellen(fall=fall, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf())
    url = reverse("zwangsmedizin:empfehlung_download", args=[m.pk])
    for user in (revision, leitung_a):
        assert client_als(user).get(url).status_code == 404
    antwort = client_als(medizin).get(url)
    assert antwort.status_code == 200
    assert b"".join(antwort.streaming_content) == b"%PDF-1.4 test"
    assert _leselog(medizin, m, Aktion.DOKUMENT) == 1


@pytest.mark.rule("R-39-1", "R-0-ROLE-1", "R-0-AUDIT-2")
def test_aufklaerungsprotokoll_nur_fuer_medizin_und_behoerde(
    client_als, fall_a, medizin, leitung_a, revision
):
    h = ernaehrung.hungerstreik_erfassen(
        fall=fall_a, beginn=timezone.now() - timedelta(days=2), durch=leitung_a
    )
    ernaehrung.gespraech_erfassen(
        hungerstreik=h,
        am=timezone.now(),
        inhalt="Risiko Herzrhythmusstörung.",
        reaktion="Einsichtig.",
        durch=medizin,
    )
    url = reverse("zwangsmedizin:hungerstreik_detail", args=[h.pk])
    assert "Herzrhythmusstörung" in client_als(medizin).get(url).content.decode()
    assert _leselog(medizin, h) == 1
    for user in (leitung_a, revision):
        antwort = client_als(user).get(url)
        assert antwort.status_code == 200
        assert "Herzrhythmusstörung" not in antwort.content.decode()


@pytest.mark.rule("R-36-1", "R-0-BAD-1")
def test_formular_zeigt_regel_am_feld(client_als, fall_a, medizin):
    antwort = client_als(medizin).post(
        reverse("zwangsmedizin:medikation_neu", args=[fall_a.pk]),
        {
            "weg": "antrag",
            "art": "ordentlich",
            "bericht": "B",
            "medikament": "M",
            "dosierung": "D",
            "geplante_dauer": "1 Woche",
        },
    )
    assert antwort.status_code == 200
    form = antwort.context["form"]
    assert "§ 35 Abs. 2 JVG (R-35-1)" in form.errors["grund"][0]
    assert "§ 35 Abs. 2 JVG (R-35-1)" in form.errors["freiwillige_massnahmen"][0]
    assert not Zwangsmedikation.objects.exists()


@pytest.mark.rule("R-36-1")
def test_formular_antrag_und_behoerde_entscheidet_im_browser(client_als, fall_a, medizin, sachbearbeitung):
    antwort = client_als(medizin).post(
        reverse("zwangsmedizin:medikation_neu", args=[fall_a.pk]),
        {
            "weg": "antrag",
            "art": "ordentlich",
            "bericht": "B",
            "medikament": "M",
            "dosierung": "D",
            "geplante_dauer": "1 Woche",
            "freiwillige_massnahmen": "F",
            "grund": "a",
        },
    )
    m = Zwangsmedikation.objects.get()
    assert antwort.status_code == 302
    url = reverse("zwangsmedizin:medikation_detail", args=[m.pk])
    client_als(medizin).post(url, {"aktion": "aufklaerung"})
    antwort = client_als(sachbearbeitung).post(
        url, {"aktion": "verfuegen", "verfuegen-begruendung": "Erfüllt."}
    )
    m.refresh_from_db()
    assert antwort.status_code == 302 and antwort["Location"] == reverse(
        "verfuegungen:detail", args=[m.verfuegung_id]
    )
    # the physician sees the page but may not decide (403, R-36-1)
    assert (
        client_als(medizin).post(url, {"aktion": "verfuegen", "verfuegen-begruendung": "x"}).status_code
        == 403
    )


# --- Constant queries ----------------------------------------------------------------------------


def _viele(fall, medizin, n):
    for _ in range(n):
        medikation.antrag_stellen(fall=fall, daten=daten(), durch=medizin)


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 20])
def test_liste_konstante_abfragen(
    client_als, fall_a, medizin, sachbearbeitung, django_assert_max_num_queries, anzahl
):
    _viele(fall_a, medizin, anzahl)
    client = client_als(sachbearbeitung)
    with django_assert_max_num_queries(8):
        antwort = client.get(reverse("zwangsmedizin:medikation_liste"))
    assert antwort.context["seite"].paginator.count == anzahl


@pytest.mark.rule("R-0-AUDIT-2")
@pytest.mark.parametrize("anzahl", [1, 20])
def test_api_liste_konstante_abfragen(client_als, fall_a, medizin, django_assert_max_num_queries, anzahl):
    _viele(fall_a, medizin, anzahl)
    client = client_als(medizin)
    with django_assert_max_num_queries(8):
        antwort = client.get("/api/v1/zwangsmedikationen/")
    assert antwort.json()["count"] == anzahl
    assert Lesezugriff.objects.filter(benutzer=medizin, aktion=Aktion.API_LISTE).count() == anzahl


# --- API -------------------------------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
def test_api_gesundheitsdaten_nur_fuer_berechtigte(
    client_als, antrag, medizin, sachbearbeitung, leitung_a, revision, personal_a
):
    url = f"/api/v1/zwangsmedikationen/{antrag.pk}/"
    for user in (medizin, sachbearbeitung):
        assert client_als(user).get(url).json()["medikament"] == "Olanzapin"
    for user in (leitung_a, revision):
        daten_ = client_als(user).get(url).json()
        assert daten_["medikationsstatus"] == "beantragt"
        assert daten_["medikament"] is None and daten_["bericht"] is None
    assert client_als(personal_a).get(url).status_code == 404


@pytest.mark.rule("R-35-1", "R-0-BAD-1")
def test_api_antrag_ohne_grund_400_mit_regel(client_als, fall_a, medizin, sachbearbeitung):
    eingabe = {
        "fall": fall_a.pk,
        "weg": "antrag",
        "medikationsart": "ordentlich",
        "bericht": "B",
        "medikament": "M",
        "dosierung": "D",
        "geplanteDauer": "7 Tage",
        "freiwilligeMassnahmen": "",
    }
    antwort = client_als(medizin).post(
        "/api/v1/zwangsmedikationen/", eingabe, content_type="application/json"
    )
    assert antwort.status_code == 400
    fehler = antwort.json()
    assert "§ 35 Abs. 2 JVG" in " ".join(fehler["grund"]) and "§ 35" in " ".join(
        fehler["freiwilligeMassnahmen"]
    )
    antwort = client_als(sachbearbeitung).post(
        "/api/v1/zwangsmedikationen/",
        {**eingabe, "grund": "a", "freiwilligeMassnahmen": "F"},
        content_type="application/json",
    )
    assert antwort.status_code == 403
    antwort = client_als(medizin).post(
        "/api/v1/zwangsmedikationen/",
        {**eingabe, "grund": "a", "freiwilligeMassnahmen": "F"},
        content_type="application/json",
    )
    assert antwort.status_code == 201 and antwort.json()["medikationsstatus"] == "beantragt"


@pytest.mark.rule("R-36-1", "R-37-1")
def test_api_dringlich_und_nachpruefung(client_als, fall_a, medizin, sachbearbeitung):
    antwort = client_als(medizin).post(
        "/api/v1/zwangsmedikationen/",
        {
            "fall": fall_a.pk,
            "weg": "dringlich",
            "medikationsart": "ordentlich",
            "bericht": "B",
            "medikament": "M",
            "dosierung": "D",
            "geplanteDauer": "1 Tag",
            "freiwilligeMassnahmen": "F",
            "grund": "b",
            "dringlichBegruendung": "Akut.",
            "gefahrImVerzug": "Tobend.",
        },
        content_type="application/json",
    )
    assert antwort.status_code == 201, antwort.json()
    pk = antwort.json()["id"]
    antwort = client_als(sachbearbeitung).post(
        f"/api/v1/zwangsmedikationen/{pk}/nachpruefung/",
        {"nachpruefungErgebnis": "bestaetigt", "kommentar": ""},
        content_type="application/json",
    )
    assert antwort.status_code == 400 and "§ 36 Abs." in " ".join(antwort.json()["kommentar"])
    antwort = client_als(sachbearbeitung).post(
        f"/api/v1/zwangsmedikationen/{pk}/nachpruefung/",
        {"nachpruefungErgebnis": "bestaetigt", "kommentar": "Gerechtfertigt."},
        content_type="application/json",
    )
    assert antwort.json()["medikationsstatus"] == "angeordnet"


@pytest.mark.rule("R-39-1", "R-0-ROLE-1")
def test_api_patientenverfuegung_sperrt_und_gespraeche_404(
    client_als, fall_a, medizin, sachbearbeitung, revision
):
    h = ernaehrung.hungerstreik_erfassen(
        fall=fall_a, beginn=timezone.now() - timedelta(days=3), durch=medizin
    )
    g = ernaehrung.gespraech_erfassen(
        hungerstreik=h, am=timezone.now(), inhalt="I", reaktion="R", durch=medizin
    )
    assert client_als(revision).get(f"/api/v1/zwangsmedizin-gespraeche/{g.pk}/").status_code == 404
    assert client_als(medizin).get(f"/api/v1/zwangsmedizin-gespraeche/{g.pk}/").json()["inhalt"] == "I"
    antwort = client_als(medizin).post(
        f"/api/v1/hungerstreiks/{h.pk}/patientenverfuegung/",
        {"datum": "2025-03-01", "dokument": pdf("pv.pdf"), "lehntZwangsernaehrungAb": "true"},
    )
    assert antwort.status_code == 201
    client_als(medizin).post(
        f"/api/v1/hungerstreiks/{h.pk}/zustand/",
        {"zustand": "bewusstlos", "beurteilung": "GCS 5."},
        content_type="application/json",
    )
    antwort = client_als(sachbearbeitung).post(
        f"/api/v1/hungerstreiks/{h.pk}/verfuegung/",
        {"begruendung": "Lebensgefahr."},
        content_type="application/json",
    )
    assert antwort.status_code == 400
    assert "§ 39 Abs. 2 JVG" in " ".join(antwort.json()["patientenverfuegung"])


# --- Shared pages ----------------------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
def test_fallblock_ohne_gesundheitsdaten_fuer_leitung(client_als, antrag, fall_a, medizin, leitung_a):
    url = reverse("vollzug:fall_detail", args=[fall_a.pk])
    seite_arzt = client_als(medizin).get(url).content.decode()
    assert (
        "Olanzapin" in seite_arzt
        and reverse("zwangsmedizin:medikation_detail", args=[antrag.pk]) in seite_arzt
    )
    seite_leitung = client_als(leitung_a).get(url).content.decode()
    assert (
        reverse("zwangsmedizin:medikation_detail", args=[antrag.pk]) in seite_leitung
        and "Olanzapin" not in seite_leitung
    )


@pytest.mark.rule("R-36-1")
def test_startkarte_offene_antraege_fuer_behoerde(client_als, antrag, sachbearbeitung, medizin):
    karten = client_als(sachbearbeitung).get(reverse("start")).context["modulkarten"]
    texte = {k.text: k.zahl for k in karten}
    assert texte["Zwangsmedikation: Antrag entscheiden (§ 36 Abs. 1 JVG)"] == 1
    assert not any("§ 36" in k.text for k in client_als(medizin).get(reverse("start")).context["modulkarten"])


@pytest.mark.rule("R-38-1", "R-0-FRIST-4")
def test_fristenkontrolle_zeigt_neuanordnung(fall_a, medizin, sachbearbeitung, personal_a):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    Zwangsmedikation.objects.filter(pk=m.pk).update(
        art="massnahmenindiziert",
        status="angeordnet",
        langfristig=True,
        naechste_ueberpruefung_am=date(2027, 3, 1),
        empfehlung_arzt="X",
        empfehlung_datum=date(2026, 1, 1),
        fachaerztliche_leitung="Y",
        aufgeklaert_am=timezone.now(),
    )
    quelle = QUELLEN["zwangsmedikation_38"][1]
    eintraege = list(quelle(medizin, timezone.localdate()))
    assert [(e.regel, timezone.localtime(e.faellig).date()) for e in eintraege] == [
        ("R-38-1", date(2027, 3, 1))
    ]
    assert list(quelle(personal_a, timezone.localdate())) == []


@pytest.mark.rule("R-0-ROLE-1")
def test_startseite_des_moduls_fuer_alle_rollen_ohne_fehler(client_als, sachbearbeitung, personal_a, medizin):
    for user in (sachbearbeitung, personal_a, medizin):
        assert client_als(user).get(reverse("zwangsmedizin:start")).status_code == 200
    assert "keinen Zugriff" in client_als(personal_a).get(reverse("zwangsmedizin:start")).content.decode()


@pytest.mark.rule("R-36-1", "R-39-1")
def test_demo_daten_ueber_domaenenfunktionen(sachbearbeitung, anstalt_a, medizin):
    from zwangsmedizin.contributions import demo_anlegen
    from zwangsmedizin.models import Hungerstreik

    fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)
    demo_anlegen({"medizin": medizin, "sachbearbeitung": sachbearbeitung}, timezone.localdate())
    m = Zwangsmedikation.objects.get()
    assert m.status == "beantragt" and m.aufgeklaert_am is not None
    assert Hungerstreik.objects.get().gespraeche.count() == 1


@pytest.mark.rule("R-0-ROLE-1")
def test_erfassen_berechtigung_vor_validierung(
    client_als, fall_a, medizin, sachbearbeitung, leitung_a, personal_a, revision
):
    """Issue 24: the create pages and API endpoints refuse (403) before they read the input, so a role
    without the right never learns from field errors; who may gets the errors (400 / the form again)."""
    leer_und_ungueltig = ({}, {"fall": "x", "beginn": "kein Datum", "bericht": "x" * 100_000})
    for user in (sachbearbeitung, leitung_a, personal_a, revision):
        for eingabe in leer_und_ungueltig:
            antwort = client_als(user).post(
                "/api/v1/zwangsmedikationen/", eingabe, content_type="application/json"
            )
            assert antwort.status_code == 403, (user.username, eingabe)
    for user in (personal_a, revision):
        for eingabe in leer_und_ungueltig:
            antwort = client_als(user).post(
                "/api/v1/hungerstreiks/", eingabe, content_type="application/json"
            )
            assert antwort.status_code == 403, (user.username, eingabe)
    # The browser form of a hunger strike: staff of the facility see the case, but may not record.
    url = reverse("zwangsmedizin:hungerstreik_neu", args=[fall_a.pk])
    for eingabe in ({}, {"beginn": "kein Datum"}):
        assert client_als(personal_a).post(url, eingabe).status_code == 403
    # Those who may: the input's errors.
    assert (
        client_als(medizin)
        .post("/api/v1/zwangsmedikationen/", {}, content_type="application/json")
        .status_code
        == 400
    )
    for user in (medizin, leitung_a, sachbearbeitung):
        assert (
            client_als(user).post("/api/v1/hungerstreiks/", {}, content_type="application/json").status_code
            == 400
        )
    antwort = client_als(leitung_a).post(url, {"beginn": "kein Datum"})
    assert antwort.status_code == 200 and antwort.context["form"].errors
    assert not Zwangsmedikation.objects.exists()
