"""Browser pages and REST API of the cost module: permissions, field messages, constant queries, PDF/CSV."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from kern.models import Lesezugriff
from kosten import domain
from kosten.models import Abrechnung, Kostenposition
from kosten.recht import Kanton, Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import beleg, position, sozialamt_benutzer, sozialdienst, zeit
from vollzug.recht import Vollzugsform


@pytest.fixture
def heute_2026():
    with time_machine.travel(zeit(date(2026, 3, 31), 12), tick=False):
        yield date(2026, 3, 31)


def _faelle_mit_kosten(n, sb, anstalt, sd=None):
    faelle = []
    for _ in range(n):
        fall = fall_anlegen(durch=sb, eingewiesen_in=anstalt, eingewiesen_am=zeit(date(2026, 3, 1)))
        if sd is not None:
            domain.unterstuetzungswohnsitz_erfassen(
                person=fall.person, kanton=Kanton.LU, sozialdienst=sd, gueltig_ab=date(2020, 1, 1), durch=sb
            )
            position(fall, sb, kategorie="47e", subsidiaer=True)
        position(fall, sb, kategorie="46b")
        faelle.append(fall)
    return faelle


@pytest.mark.rule("R-0-ROLE-1")
def test_kostenseiten_nur_fuer_behoerde_und_revision(
    client_als, sachbearbeitung, revision, leitung_a, partner, anstalt_a, heute_2026
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    assert client_als(revision).get("/kosten/").status_code == 200
    assert client_als(revision).get(f"/kosten/faelle/{fall.pk}/").status_code == 200
    assert client_als(revision).get(f"/kosten/faelle/{fall.pk}/position/").status_code == 403
    assert client_als(leitung_a).get("/kosten/").status_code == 403
    assert client_als(partner).get("/kosten/tagesansaetze/").status_code == 403
    assert client_als(sachbearbeitung).get("/kosten/faelle/999999/").status_code == 404


@pytest.mark.rule("R-KOST-1", "R-0-BAD-1")
def test_kostgeld_formular_zeigt_regel_am_feld(client_als, sachbearbeitung, anstalt_a, heute_2026):
    c = client_als(sachbearbeitung)
    daten = {
        "anstalt": anstalt_a.pk,
        "vollzugsform": Vollzugsform.NORMALVOLLZUG,
        "gueltig_ab": "01.01.2026",
        "betrag": "285.00",
    }
    assert c.post("/kosten/tagesansaetze/", daten).status_code == 302
    antwort = c.post("/kosten/tagesansaetze/", {**daten, "gueltig_bis": "31.12.2026", "betrag": "290.00"})
    assert antwort.status_code == 200
    assert "überschneidet sich" in antwort.context["form"].errors["gueltig_ab"][0]
    antwort = c.post("/kosten/tagesansaetze/", {**daten, "gueltig_ab": "01.01.2027", "betrag": "12.345"})
    assert antwort.context["form"].errors["betrag"][0].startswith("R-KOST-1")


@pytest.mark.rule("R-47-2", "R-KOST-1")
def test_position_im_browser_erfassen_und_ansehen(client_als, sachbearbeitung, anstalt_a, heute_2026):
    sd = sozialdienst()
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    c = client_als(sachbearbeitung)
    daten = {
        "kategorie": "47e",
        "datum": "02.03.2026",
        "bezeichnung": "Zahnarzt",
        "betrag": "1234.55",
        "subsidiaer": "on",
        "beleg": beleg(),
    }
    antwort = c.post(f"/kosten/faelle/{fall.pk}/position/", daten)
    assert "kein Unterstützungswohnsitz erfasst" in antwort.context["form"].errors["subsidiaer"][0]
    c.post(
        f"/kosten/personen/{fall.person_id}/wohnsitz/",
        {"kanton": "LU", "sozialdienst": sd.pk, "gueltig_ab": "01.01.2020"},
    )
    antwort = c.post(f"/kosten/faelle/{fall.pk}/position/", {**daten, "beleg": beleg()})
    p = Kostenposition.objects.get()
    assert antwort.status_code == 302 and (p.zahler, p.sozialdienst) == (Zahler.SOZIALHILFE, sd)
    seite = c.get(p.get_absolute_url())
    assert "CHF 1&#x27;234.55" in seite.content.decode() or "CHF 1'234.55" in seite.content.decode()
    assert Lesezugriff.objects.filter(person_id=fall.person_id).exists()
    fallseite = c.get(f"/vollzug/faelle/{fall.pk}/").content.decode()
    assert 'id="kosten-diagramm"' in fallseite and "Sozialhilfe der Gemeinde" in fallseite


def _abrechnungsseiten(c, a):
    return [
        c.get("/kosten/abrechnungen/"),
        c.get(f"/kosten/abrechnungen/{a.pk}/"),
        c.get("/kosten/positionen/"),
    ]


@pytest.mark.rule("R-KOST-1")
@pytest.mark.parametrize("anzahl", [1, 20])
def test_abrechnungsseiten_konstante_queries(
    client_als, sachbearbeitung, anstalt_a, heute_2026, django_assert_max_num_queries, anzahl
):
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=Vollzugsform.NORMALVOLLZUG,
        gueltig_ab=date(2026, 1, 1),
        betrag=Decimal("285.00"),
        durch=sachbearbeitung,
    )
    _faelle_mit_kosten(anzahl, sachbearbeitung, anstalt_a)
    a = domain.abrechnung_erstellen(
        zahler=Zahler.KANTON, von=date(2026, 3, 1), bis=date(2026, 3, 31), durch=sachbearbeitung
    )
    assert a.anzahl_faelle == anzahl and a.total == anzahl * (Decimal("285.00") * 31 + Decimal("100.00"))
    c = client_als(sachbearbeitung)
    with django_assert_max_num_queries(24):
        assert all(r.status_code == 200 for r in _abrechnungsseiten(c, a))


@pytest.mark.rule("R-KOST-1")
def test_abrechnung_im_browser_pdf_und_csv(client_als, sachbearbeitung, anstalt_a, heute_2026):
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=Vollzugsform.NORMALVOLLZUG,
        gueltig_ab=date(2026, 1, 1),
        betrag=Decimal("1234.57"),
        durch=sachbearbeitung,
    )
    _faelle_mit_kosten(1, sachbearbeitung, anstalt_a)
    c = client_als(sachbearbeitung)
    antwort = c.post(
        "/kosten/abrechnungen/neu/",
        {"zahler": "kanton", "periode_von": "01.03.2026", "periode_bis": "01.03.2026"},
    )
    a = Abrechnung.objects.get()
    assert antwort.status_code == 302
    assert (a.total, a.zahlbetrag) == (Decimal("1234.57"), Decimal("1234.55"))  # the item of 02.03. is later
    antwort = c.post(
        "/kosten/abrechnungen/neu/",
        {"zahler": "kanton", "periode_von": "01.03.2026", "periode_bis": "02.03.2026"},
    )
    assert "überschneidet sich" in antwort.context["form"].errors["periode_von"][0]
    pdf = c.get(f"/kosten/abrechnungen/{a.pk}/pdf/")
    inhalt = b"".join(pdf.streaming_content)
    assert pdf["Content-Type"] == "application/pdf" and inhalt.startswith(b"%PDF")
    a.refresh_from_db()
    import hashlib

    assert a.pdf_sha256 == hashlib.sha256(inhalt).hexdigest()
    csv = c.get(f"/kosten/abrechnungen/{a.pk}/csv/").content.decode()
    zeilen = csv.strip().split("\r\n")
    assert zeilen[0].startswith("Abrechnung;Fall;Person;Art")
    assert zeilen[-2].endswith(";1234.57") and zeilen[-1].endswith(";1234.55")


# --- API ---------------------------------------------------------------------------------------


@pytest.mark.rule("R-47-2", "R-0-ROLE-1")
def test_api_sozialamt_sieht_nur_eigene_personen(client_als, sachbearbeitung, anstalt_a, heute_2026):
    sd_luzern, sd_emmen = sozialdienst("Luzern"), sozialdienst("Emmen")
    eigener = _faelle_mit_kosten(1, sachbearbeitung, anstalt_a, sd=sd_luzern)[0]
    fremder = _faelle_mit_kosten(1, sachbearbeitung, anstalt_a, sd=sd_emmen)[0]
    c = client_als(sozialamt_benutzer(sd_luzern))
    daten = c.get("/api/v1/kosten/positionen/").json()
    assert [p["fall"] for p in daten["results"]] == [eigener.pk]
    assert daten["results"][0]["zahler"] == "sozialhilfe" and daten["results"][0]["betrag"] == "100.00"
    fremde_position = Kostenposition.objects.get(fall=fremder, zahler=Zahler.SOZIALHILFE)
    assert c.get(f"/api/v1/kosten/positionen/{fremde_position.pk}/").status_code == 404
    kanton_position = Kostenposition.objects.get(fall=eigener, zahler=Zahler.KANTON)
    assert c.get(f"/api/v1/kosten/positionen/{kanton_position.pk}/").status_code == 404
    assert c.get("/api/v1/kosten/tagesansaetze/").json()["results"] == []
    assert c.post("/api/v1/kosten/abrechnungen/", {}, content_type="application/json").status_code == 403
    domain.abrechnung_erstellen(
        zahler=Zahler.SOZIALHILFE,
        sozialdienst=sd_luzern,
        von=date(2026, 3, 1),
        bis=date(2026, 3, 31),
        durch=sachbearbeitung,
    )
    domain.abrechnung_erstellen(
        zahler=Zahler.SOZIALHILFE,
        sozialdienst=sd_emmen,
        von=date(2026, 3, 1),
        bis=date(2026, 3, 31),
        durch=sachbearbeitung,
    )
    rechnungen = c.get("/api/v1/kosten/abrechnungen/").json()["results"]
    assert [r["sozialdienst"]["gemeinde"] for r in rechnungen] == ["Luzern"]


@pytest.mark.rule("R-KOST-1", "R-0-BAD-1")
def test_api_betraege_als_zeichenkette_float_wird_abgelehnt(
    client_als, sachbearbeitung, revision, anstalt_a, heute_2026
):
    c = client_als(sachbearbeitung)
    daten = {
        "anstalt": anstalt_a.pk,
        "vollzugsform": "normalvollzug",
        "gueltigAb": "2026-01-01",
        "betrag": 285.5,
    }
    antwort = c.post("/api/v1/kosten/tagesansaetze/", daten, content_type="application/json")
    # Issue 17: the client reads the message without the rule ID.
    assert antwort.status_code == 400 and antwort.json()["betrag"][0].startswith("Beträge als Zeichenkette")
    antwort = c.post(
        "/api/v1/kosten/tagesansaetze/", {**daten, "betrag": "285.50"}, content_type="application/json"
    )
    assert antwort.status_code == 201 and antwort.json()["betrag"] == "285.50"
    antwort = c.post(
        "/api/v1/kosten/tagesansaetze/",
        {**daten, "gueltigBis": "2026-06-30", "betrag": "1.00"},
        content_type="application/json",
    )
    assert antwort.status_code == 400 and "überschneidet" in antwort.json()["gueltigAb"][0]
    assert (
        client_als(revision)
        .post("/api/v1/kosten/tagesansaetze/", daten, content_type="application/json")
        .status_code
        == 403
    )


@pytest.mark.rule("R-KOST-1", "R-46-1")
def test_api_position_multipart_und_abschreiben(client_als, sachbearbeitung, anstalt_a, heute_2026):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    c = client_als(sachbearbeitung)
    daten = {
        "fall": fall.pk,
        "kategorie": "46b",
        "datum": "2026-03-02",
        "bezeichnung": "Transport",
        "betrag": "412.60",
        "zahler": "person",
        "beleg": beleg(),
    }
    antwort = c.post("/api/v1/kosten/positionen/", daten)
    assert antwort.status_code == 400 and "§ 46 Abs. 1 JVG" in antwort.json()["zahler"][0]
    antwort = c.post("/api/v1/kosten/positionen/", {**daten, "kategorie": "47f", "beleg": beleg()})
    assert antwort.status_code == 201, antwort.json()
    pk = antwort.json()["id"]
    antwort = c.post(
        f"/api/v1/kosten/positionen/{pk}/abschreiben/", {"grund": ""}, content_type="application/json"
    )
    assert antwort.status_code == 400 and "§ 47 Abs. 2" in antwort.json()["grund"][0]
    antwort = c.post(
        f"/api/v1/kosten/positionen/{pk}/abschreiben/",
        {"grund": "Verlustschein"},
        content_type="application/json",
    )
    assert antwort.status_code == 200 and antwort.json()["uneinbringlichAm"] == "2026-03-31"


@pytest.mark.rule("R-KOST-1")
@pytest.mark.parametrize("anzahl", [1, 20])
def test_api_listen_konstante_queries(
    client_als, sachbearbeitung, anstalt_a, heute_2026, django_assert_max_num_queries, anzahl
):
    sd = sozialdienst()
    _faelle_mit_kosten(anzahl, sachbearbeitung, anstalt_a, sd=sd)
    a = domain.abrechnung_erstellen(
        zahler=Zahler.SOZIALHILFE,
        sozialdienst=sd,
        von=date(2026, 3, 1),
        bis=date(2026, 3, 31),
        durch=sachbearbeitung,
    )
    c = client_als(sachbearbeitung)
    with django_assert_max_num_queries(16):
        assert c.get("/api/v1/kosten/positionen/").status_code == 200
        assert c.get("/api/v1/kosten/abrechnungen/").status_code == 200
    with django_assert_max_num_queries(8):
        antwort = c.get(f"/api/v1/kosten/abrechnungen/{a.pk}/")
    assert len(antwort.json()["zeilen"]) == anzahl and antwort.json()["zahlbetrag"] == f"{anzahl * 100}.00"


@pytest.mark.rule("R-KOST-1")
def test_startkarte_meldet_platzierung_ohne_tagesansatz(sachbearbeitung, leitung_a, anstalt_a, heute_2026):
    from kosten.contributions import startkarten

    fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    assert [(k.zahl, k.warnung) for k in startkarten(sachbearbeitung)] == [(1, True)]
    assert startkarten(leitung_a) == []
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=Vollzugsform.NORMALVOLLZUG,
        gueltig_ab=date(2026, 3, 31),
        betrag=Decimal("1.00"),
        durch=sachbearbeitung,
    )
    assert startkarten(sachbearbeitung) == []


@pytest.mark.rule("R-KOST-1", "R-47-2")
def test_demo_daten_ueber_domaenenfunktionen(sachbearbeitung, admin_user, anstalt_a, anstalt_b):
    from kosten.contributions import SOZIALAMT_BENUTZER, demo_anlegen
    from kosten.models import Kostgeld

    fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)
    demo_anlegen({"sachbearbeitung": sachbearbeitung, "admin": admin_user}, timezone_heute())
    assert Kostgeld.objects.filter(anstalt=anstalt_a).count() == 4  # two forms × rate change on 1 January
    assert Kostenposition.objects.filter(zahler=Zahler.SOZIALHILFE).count() == 1
    assert (
        Kostenposition.objects.filter(zahler=Zahler.KANTON, subsidiaer=True).count() == 1
    )  # ZUG Bern → canton
    assert Abrechnung.objects.filter(zahler=Zahler.KANTON).count() == 1
    assert Kostenposition.history.filter(history_user__isnull=True).count() == 0
    assert SOZIALAMT_BENUTZER == "sozialamt.luzern"


def timezone_heute():
    from django.utils import timezone

    return timezone.localdate()


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.django_db
@pytest.mark.parametrize("pfad", ["tagesansaetze", "positionen", "abrechnungen"])
def test_api_unsinnige_id_gibt_404_nicht_500(client_als, sachbearbeitung, pfad):
    """Found by the schemathesis run: a non-numeric id in the path answered 500."""
    antwort = client_als(sachbearbeitung).get(f"/api/v1/kosten/{pfad}/true/")
    assert antwort.status_code == 404
