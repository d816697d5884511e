"""Browser pages and API of Inkasso: the desk's list, the claim page with its actions, the camt.054
upload, Revision's report with CSV, the person block (§ 23 access), permissions, bad input, constant
queries."""

import html
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from inkasso import domain
from inkasso.models import Forderung, Mahnung, Zahlung
from tests.factories import person_anlegen
from tests.inkasso.hilfen import camt, forderung

pytestmark = pytest.mark.django_db


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 3])
def test_liste_konstante_queries_und_no_store(
    client_als, sachbearbeitung, django_assert_max_num_queries, anzahl
):
    for _ in range(anzahl):
        forderung(sachbearbeitung)
    c = client_als(sachbearbeitung)
    with django_assert_max_num_queries(8):
        antwort = c.get(reverse("inkasso:liste"))
    assert antwort.status_code == 200 and "no-store" in antwort["Cache-Control"].split(", ")
    assert antwort.content.decode().count("IK-") == anzahl


@pytest.mark.rule("R-0-ROLE-1")
def test_rechte(client_als, sachbearbeitung, revision, leitung_a, medizin):
    f = forderung(sachbearbeitung)
    r = client_als(revision)
    assert r.get(reverse("inkasso:liste")).status_code == 200
    assert r.get(reverse("inkasso:detail", args=[f.pk])).status_code == 200
    assert r.get(reverse("inkasso:bericht")).status_code == 200
    antwort = r.post(
        reverse("inkasso:aktion", args=[f.pk, "zahlung"]), {"betrag": "10.00", "valuta": "01.01.2026"}
    )
    assert antwort.status_code == 403 and not Zahlung.objects.exists()
    assert r.get(reverse("inkasso:neu")).status_code == 403
    for user in (leitung_a, medizin):
        c = client_als(user)
        assert c.get(reverse("inkasso:liste")).status_code == 403
        assert c.get(reverse("inkasso:detail", args=[f.pk])).status_code == 403


@pytest.mark.rule("R-2D-1", "R-0-BAD-1")
def test_forderung_erfassen_im_browser_mit_feldfehler(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    c = client_als(sachbearbeitung)
    heute = timezone.localdate()
    daten = {
        "person": person.pk,
        "art": "geldstrafe",
        "behoerde": "Staatsanwaltschaft Luzern",
        "referenz": "ST 1",
        "entscheid_datum": f"{heute - timedelta(days=30):%d.%m.%Y}",
        "rechtskraft_am": f"{heute:%d.%m.%Y}",
        "tagessaetze": "181",
        "tagessatz": "100.00",
        "frist_monate": "1",
    }
    antwort = c.post(reverse("inkasso:neu"), daten)
    assert antwort.status_code == 400
    assert "Art. 34 Abs. 1 StGB: Eine Geldstrafe beträgt 3 bis 180 Tagessätze." in antwort.content.decode()
    antwort = c.post(reverse("inkasso:neu"), {**daten, "tagessaetze": "180", "tagessatz": "1e400"})
    assert antwort.status_code == 400
    antwort = c.post(reverse("inkasso:neu"), {**daten, "tagessaetze": "180"})
    f = Forderung.objects.get()
    assert antwort.status_code == 302 and antwort["Location"] == reverse("inkasso:detail", args=[f.pk])
    assert f.betrag == Decimal("18000.00")


@pytest.mark.rule("R-2D-CAMT-1", "R-2D-QR-1")
def test_detail_pdf_import_klaerung_bericht(client_als, sachbearbeitung, revision):
    f = forderung(sachbearbeitung)
    c = client_als(sachbearbeitung)
    seite = html.unescape(c.get(reverse("inkasso:detail", args=[f.pk])).content.decode())
    assert f.nummer in seite and "CHF 1'000.00" in seite
    pdf = c.get(reverse("inkasso:pdf", args=[f.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    datei = camt([("W1", "400.00", f.qr_referenz), ("W2", "9.00", "")])
    antwort = c.post(reverse("inkasso:import"), {"datei": datei})
    assert antwort.status_code == 302
    kaputt = io.BytesIO(b"<Document>")
    kaputt.name = "kaputt.xml"
    antwort = c.post(reverse("inkasso:import"), {"datei": kaputt})
    assert antwort.status_code == 400 and "camt.054, Zeile 1" in antwort.content.decode()
    klaerung = c.get(reverse("inkasso:klaerung")).content.decode()
    assert "ohne Referenz" in klaerung
    bericht = client_als(revision).get(reverse("inkasso:bericht"))
    assert "0–30 Tage" in bericht.content.decode()
    csv = client_als(revision).get(reverse("inkasso:bericht_csv")).content.decode("utf-8-sig").splitlines()
    assert csv[0] == "Stichtag;Altersband;Anzahl;Offen CHF"
    assert csv[1].endswith(";0–30 Tage;1;600.00")


@pytest.mark.rule("R-2D-MAHN-1")
def test_bericht_altersbaender_grenzen(sachbearbeitung, revision):
    from inkasso.queries import offene_posten_bericht

    f = forderung(sachbearbeitung)
    frist = f.zahlungsfrist
    erwartet = {
        30: "0–30 Tage",
        31: "31–90 Tage",
        90: "31–90 Tage",
        91: "91–180 Tage",
        180: "91–180 Tage",
        181: "über 180 Tage",
    }
    for alter, band in erwartet.items():
        zeilen = offene_posten_bericht(revision, frist + timedelta(days=alter))
        assert [z["band"] for z in zeilen if z["anzahl"]] == [band], alter


@pytest.mark.rule("R-0-AUDIT-2")
def test_personenblock_zeigt_forderungen(client_als, sachbearbeitung):
    f = forderung(sachbearbeitung)
    seite = (
        client_als(sachbearbeitung).get(reverse("vollzug:person_detail", args=[f.person_id])).content.decode()
    )
    assert "Inkasso: Forderungen und Zahlungen" in seite and f.nummer in seite


@pytest.mark.rule("R-2D-1", "R-0-BAD-1")
def test_api_erfassen_lesen_zahlen(client_als, sachbearbeitung, revision):
    person = person_anlegen(durch=sachbearbeitung)
    c = client_als(sachbearbeitung)
    heute = timezone.localdate()
    daten = {
        "person": person.pk,
        "art": "busse",
        "behoerde": "Staatsanwaltschaft Luzern",
        "referenz": "ST 9",
        "entscheidDatum": str(heute - timedelta(days=30)),
        "rechtskraftAm": str(heute),
        "betrag": "800.00",
        "efsTage": 8,
    }
    antwort = c.post(
        "/api/v1/inkasso/forderungen/", {**daten, "betrag": 800.0}, content_type="application/json"
    )
    assert antwort.status_code == 400 and "betrag" in antwort.json()
    antwort = c.post(
        "/api/v1/inkasso/forderungen/", {**daten, "efsTage": 91}, content_type="application/json"
    )
    assert antwort.status_code == 400 and "Art. 106 Abs. 2 StGB" in str(antwort.json()["efsTage"])
    antwort = c.post("/api/v1/inkasso/forderungen/", daten, content_type="application/json")
    assert antwort.status_code == 201, antwort.json()
    pk = antwort.json()["id"]
    z = c.post(
        f"/api/v1/inkasso/forderungen/{pk}/zahlung/",
        {"betrag": "800.00", "valuta": str(heute)},
        content_type="application/json",
    )
    assert z.status_code == 201 and z.json()["quittung"].startswith("Q-")
    r = client_als(revision)
    liste = r.get("/api/v1/inkasso/forderungen/").json()
    assert liste["results"][0]["offen"] == "0.00" and liste["results"][0]["status"] == "bezahlt"
    assert r.post("/api/v1/inkasso/forderungen/", daten, content_type="application/json").status_code == 403


@pytest.mark.rule("R-2D-MAHN-1")
def test_mahnung_pdf(client_als, sachbearbeitung, settings):
    from inkasso.domain import mahnwesen

    settings.JVG_INKASSO_MAHNFOLGE_TAGE = (10,)
    f = forderung(sachbearbeitung)
    mahnwesen.mahnlauf(heute=f.zahlungsfrist + timedelta(days=10))
    m = Mahnung.objects.get()
    antwort = client_als(sachbearbeitung).get(reverse("inkasso:mahnung_pdf", args=[m.pk]))
    assert antwort.status_code == 200 and antwort.content[:4] == b"%PDF"


@pytest.mark.rule("R-0-AUDIT-2")
def test_auskunft_nach_paragraph_23_nennt_forderungen_und_zahlungen(sachbearbeitung):
    from datenschutz.domain import auskunft

    f = forderung(sachbearbeitung)
    z = domain.zahlung_erfassen(
        forderung=f, betrag=Decimal("10.00"), valuta=timezone.localdate(), durch=sachbearbeitung
    )
    text = "".join(auskunft.auskunft_json(person=f.person, durch=sachbearbeitung))
    assert f.nummer in text and z.quittung in text
    assert not [
        m
        for m in auskunft.nicht_zugeordnete_modelle()
        if m.startswith("inkasso.") and m not in ("inkasso.zahlungsimport", "inkasso.klaerungsposten")
    ]


@pytest.mark.rule("R-2D-CAMT-1", "R-STGB-35-1", "R-STGB-36-1")
def test_demo_daten_ueber_domaenenfunktionen(sachbearbeitung, admin_user):
    from inkasso.demo import demo_anlegen
    from inkasso.models import Forderungsstatus, Umwandlung, Zahlungsimport
    from verfuegungen.recht import Verfuegungsstatus

    for _ in range(3):
        person_anlegen(durch=sachbearbeitung)
    benutzer = {"sachbearbeitung": sachbearbeitung, "admin": admin_user}
    demo_anlegen(benutzer, timezone.localdate())
    bezahlt, raten, umgewandelt = Forderung.objects.order_by("pk")
    assert bezahlt.status == Forderungsstatus.BEZAHLT and bezahlt.zahlungen.get().quelle == "camt054"
    assert Zahlungsimport.objects.get().zur_klaerung == 1
    assert (
        raten.status == Forderungsstatus.RATEN and raten.raten.count() == 6 and raten.zahlungen.count() == 1
    )
    u = Umwandlung.objects.get()
    assert (u.forderung, u.tage, u.verfuegung.status) == (umgewandelt, 20, Verfuegungsstatus.EROEFFNET)
    assert benutzer["inkasso"].rolle == "sachbearbeitung"
    assert Forderung.history.filter(history_user__isnull=True).count() == 0


@pytest.mark.rule("R-0-FRIST-4", "R-STGB-35-1")
def test_startkarte_fristquelle_und_suche(client_als, sachbearbeitung, leitung_a):
    from inkasso.contributions import startkarten, zahlungsfristen

    f = forderung(sachbearbeitung)
    frist = f.zahlungsfrist
    eintraege = list(zahlungsfristen(sachbearbeitung, timezone.localdate()))
    assert [(e.typ, e.regel, e.person_id) for e in eintraege] == [
        ("inkasso_zahlungsfrist", "R-STGB-35-1", f.person_id)
    ]
    assert list(zahlungsfristen(leitung_a, timezone.localdate())) == []
    assert startkarten(sachbearbeitung) == []  # nothing overdue yet
    assert startkarten(leitung_a) == []
    c = client_als(sachbearbeitung)
    treffer = c.get(reverse("inkasso:liste"), {"q": f.person.amtlicher_name}).content.decode()
    assert f.nummer in treffer
    assert f.nummer not in c.get(reverse("inkasso:liste"), {"q": "Niemand"}).content.decode()
    assert frist > timezone.localdate()


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    ("aktion", "daten"),
    [
        ("zahlung", {"betrag": "-1", "valuta": "31.02.2026"}),
        ("zahlung", {"betrag": "1e400", "valuta": "01.01.2026"}),
        ("frist", {"neue_frist": "01.01.2099", "begruendung": "Gesuch"}),
        ("raten", {"anzahl": "1", "erste_faellig_am": "01.01.2099", "begruendung": "x"}),
        ("sofort", {"sicherheit": "999999.00", "begruendung": "Wegzug"}),
        ("umwandlung", {"begruendung": "Verlustschein"}),
        ("arbeit", {"einsatzbetrieb": "", "frist_bis": "01.01.2000"}),
        ("betreibung", {"betreibungsamt": "Luzern"}),
        ("abschreiben", {"begruendung": "x" * 3000}),
    ],
)
def test_aktionen_fehleingaben_400_mit_meldung(client_als, sachbearbeitung, aktion, daten):
    f = forderung(sachbearbeitung)
    antwort = client_als(sachbearbeitung).post(reverse("inkasso:aktion", args=[f.pk, aktion]), daten)
    assert antwort.status_code == 400
    assert 'class="fehler' in antwort.content.decode() or "errorlist" in antwort.content.decode()
    f.refresh_from_db()
    assert (f.bezahlt, f.status, f.entscheide.count()) == (Decimal("0.00"), "offen", 1)


@pytest.mark.rule("R-0-BAD-1")
def test_unbekannte_aktion_und_fall_ohne_umwandlung(client_als, sachbearbeitung):
    f = forderung(sachbearbeitung)
    c = client_als(sachbearbeitung)
    assert c.post(reverse("inkasso:aktion", args=[f.pk, "loeschen"])).status_code == 404
    assert c.post(reverse("inkasso:aktion", args=[f.pk, "fall"])).status_code == 404
    assert c.post(reverse("inkasso:aktion", args=[999999, "zahlung"]), {"betrag": "1.00"}).status_code == 404
