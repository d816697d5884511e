"""Browser pages of the data-protection module: scope (404 outside the view, 403 without business in the
module), forms that show the rule at the field (R-0-BAD-1), the block on the case page."""

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from datenschutz import contributions
from datenschutz.models import Drittkontakt, Fachpersonmandat, Schweigepflichtentbindung
from kern.models import Aktion, Lesezugriff
from tests.factories import fall_anlegen

from .hilfen import OHNE_ENTBINDUNG, entbindung, kontakt, mandat


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
def test_personenseite_sichtbarkeit(client_als, personal_a, personal_b, medizin, revision, partner, fall):
    url = reverse("datenschutz:person", args=[fall.person.pk])
    entbindung(personal_a, fall.person)
    seite = client_als(personal_a).get(url)
    assert seite.status_code == 200
    assert "Schuldenberatung Luzern" in seite.content.decode()
    assert Lesezugriff.objects.filter(person=fall.person, aktion=Aktion.ANSICHT, benutzer=personal_a).exists()
    assert client_als(revision).get(url).status_code == 200
    assert "Entbindung erfassen" not in client_als(revision).get(url).content.decode()  # reads only
    assert client_als(personal_b).get(url).status_code == 404  # not placed in B: existence does not leak
    assert client_als(partner).get(url).status_code == 404
    mandat(_sb(fall), fall.person, medizin)
    assert (
        client_als(medizin).get(url).status_code == 403
    )  # sees the person, but § 23 is none of its business


def _sb(fall):
    return fall.erfasst_durch


@pytest.mark.rule("R-23-1", "R-0-BAD-1")
def test_kontakt_ohne_entbindung_und_ohne_begruendung_zeigt_regel_am_feld(client_als, personal_a, fall):
    url = reverse("datenschutz:kontakt_neu", args=[fall.person.pk])
    antwort = client_als(personal_a).post(
        url,
        {
            "empfaenger": "Vermieterin Frau Huber",
            "empfaenger_art": "vermieter",
            "datum": timezone.localdate().isoformat(),
            "inhalt": "Kündigung der Wohnung besprochen.",
            "zweck": "resozialisierung",
            "rechtfertigung": "",
        },
    )
    assert antwort.status_code == 200
    fehler = antwort.context["form"].errors["rechtfertigung"]
    assert fehler == [
        "§ 23 Abs. 2 JVG (R-23-1): Ohne Schweigepflichtentbindung begründen, warum der Kontakt zur "
        "Resozialisierung wesentlich beiträgt."
    ]
    assert not Drittkontakt.objects.exists()
    antwort = client_als(personal_a).post(
        url,
        {
            "empfaenger": "Vermieterin Frau Huber",
            "empfaenger_art": "vermieter",
            "datum": timezone.localdate().isoformat(),
            "inhalt": "Kündigung der Wohnung besprochen.",
            "zweck": "resozialisierung",
            "rechtfertigung": "Erhalt der Wohnung nach der Entlassung.",
        },
    )
    assert antwort.status_code == 302
    assert Drittkontakt.objects.get().erfasst_durch == personal_a


@pytest.mark.rule("R-23-1")
def test_entbindung_erfassen_und_widerrufen_im_browser(client_als, personal_a, fall):
    c = client_als(personal_a)
    antwort = c.post(
        reverse("datenschutz:entbindung_neu", args=[fall.person.pk]),
        {
            "empfaenger": "RAV Luzern",
            "empfaenger_art": "arbeitsvermittlung",
            "umfang": "Austrittsdatum, Arbeitszeugnis der Anstalt.",
            "erteilt_am": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    assert (
        "Das Datum der Entbindung kann nicht in der Zukunft liegen."
        in antwort.context["form"].errors["erteilt_am"][0]
    )
    antwort = c.post(
        reverse("datenschutz:entbindung_neu", args=[fall.person.pk]),
        {
            "empfaenger": "RAV Luzern",
            "empfaenger_art": "arbeitsvermittlung",
            "umfang": "Austrittsdatum, Arbeitszeugnis der Anstalt.",
            "erteilt_am": timezone.localdate().isoformat(),
        },
    )
    assert antwort.status_code == 302
    e = Schweigepflichtentbindung.objects.get()
    url = reverse("datenschutz:entbindung_widerrufen", args=[e.pk])
    daten = {"widerrufen_am": timezone.localdate().isoformat(), "bemerkung": "telefonisch"}
    # Issue 17 item 7: without `bestaetigt=1` only the confirmation page, nothing changes.
    frage = c.post(url, daten)
    assert frage.status_code == 200 and "wirklich widerrufen" in frage.content.decode()
    e.refresh_from_db()
    assert e.widerrufen_am is None
    antwort = c.post(url, daten | {"bestaetigt": "1"})
    assert antwort.status_code == 302
    e.refresh_from_db()
    assert e.widerrufen_am == timezone.localdate()


@pytest.mark.rule("R-22-1")
def test_fachperson_zuteilen_nur_sachbearbeitung(client_als, sachbearbeitung, personal_a, medizin, fall):
    url = reverse("datenschutz:mandat_neu", args=[fall.person.pk])
    assert client_als(personal_a).get(url).status_code == 403
    daten = {
        "fachperson": medizin.pk,
        "art": "begutachtung",
        "fachrichtung": "psychiatrie",
        "referenz": "GA-7",
        "auftrag": "Risikobeurteilung",
        "gueltig_ab": (timezone.localdate() - timedelta(days=1)).isoformat(),
    }
    antwort = client_als(sachbearbeitung).post(url, daten)
    assert antwort.context["form"].errors["gueltig_ab"] == [
        "§ 22 JVG (R-22-1): Der Zugriff kann nicht rückwirkend beginnen."
    ]
    daten["gueltig_ab"] = timezone.localdate().isoformat()
    assert client_als(sachbearbeitung).post(url, daten).status_code == 302
    m = Fachpersonmandat.objects.get()
    assert m.vorgesehen_bis is not None
    liste = client_als(medizin).get(reverse("datenschutz:mandate"))
    assert "GA-7" in liste.content.decode()
    url = reverse("datenschutz:mandat_beenden", args=[m.pk])
    frage = client_als(sachbearbeitung).post(url, {"grund": "erledigt"})
    assert frage.status_code == 200 and "wirklich beenden" in frage.content.decode()
    assert client_als(medizin).get(reverse("vollzug:person_detail", args=[fall.person.pk])).status_code == 200
    antwort = client_als(sachbearbeitung).post(url, {"grund": "erledigt", "bestaetigt": "1"})
    assert antwort.status_code == 302
    assert client_als(medizin).get(reverse("vollzug:person_detail", args=[fall.person.pk])).status_code == 404


def test_fallblock_zaehlt_und_verlinkt(
    sachbearbeitung, personal_a, personal_b, medizin, fall, django_assert_max_num_queries
):
    e = entbindung(personal_a, fall.person, erteilt_am=date.today() - timedelta(days=3))
    kontakt(personal_a, fall.person, entbindung=e)
    kontakt(personal_a, fall.person, **OHNE_ENTBINDUNG)
    mandat(sachbearbeitung, fall.person, medizin)
    with django_assert_max_num_queries(1):
        block = contributions.fallblock(fall, sachbearbeitung)
    assert (block["entbindungen"], block["kontakte"], block["anzeigen"], block["mandate"]) == (1, 2, 0, 1)
    html = render_to_string("datenschutz/_fall_block.html", {"block": block})
    assert reverse("datenschutz:auskunft", args=[fall.person.pk]) in html
    assert contributions.fallblock(fall, medizin) is None
    assert contributions.fallblock(fall, personal_b) is None  # not placed in B
    assert contributions.fallblock(fall, personal_a)["kann_auskunft"] is False


def test_demo_daten_ueber_domaenenfunktionen_und_einmalig(sachbearbeitung, medizin, fall):
    from datenschutz.models import Drittkontakt as K

    benutzer = {"sachbearbeitung": sachbearbeitung, "medizin": medizin}
    contributions.demo_anlegen(benutzer, timezone.localdate())
    contributions.demo_anlegen(benutzer, timezone.localdate())
    assert (
        Schweigepflichtentbindung.objects.count(),
        K.objects.count(),
        Fachpersonmandat.objects.count(),
    ) == (1, 1, 1)
    assert K.objects.get().entbindung is None
