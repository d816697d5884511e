"""Browser pages of § 33 JVG: form (draft, submission with the § at the fields), detail with statements,
review and corrections, "my open statements", case block, start cards, visibility (R-0-ROLE-1), read
log (R-0-AUDIT-2) and constant query budgets of the list."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.audit import speichern
from kern.erweiterungen import QUELLEN
from kern.models import Aktion, Lesezugriff
from tests.factories import fall_anlegen, person_anlegen
from vollzug.models import Zuteilung
from zwang import domain, permissions
from zwang.models import Zwangsprotokoll
from zwang.recht import Protokollstatus, Pruefergebnis

from . import hilfen as zwang_hilfen
from .hilfen import beteiligt, protokoll

fall_a, personal_a2, leitung_a2 = zwang_hilfen.fall_a, zwang_hilfen.personal_a2, zwang_hilfen.leitung_a2


def _formdaten(fall, beteiligter, **aenderungen) -> dict:
    beginn = timezone.localtime() - timedelta(hours=2)
    daten = {
        "fall": fall.pk,
        "beginn": beginn.strftime("%Y-%m-%dT%H:%M"),
        "ende": (beginn + timedelta(minutes=6)).strftime("%Y-%m-%dT%H:%M"),
        "ort": "Spazierhof",
        "anlass": "Angriff auf einen Mitgefangenen.",
        "zweck": ["a"],
        "subsidiaritaet": "versagt",
        "mildere_massnahmen": "Aufforderung, Abstand zu halten.",
        "mittel": ["festhalten"],
        "mittel_beschreibung": "Festhalten an beiden Armen, 6 Minuten.",
        "verletzung_person": "keine",
        "verletzung_personal": "keine",
        "verletzung_dritte": "keine",
        "arztkontrolle": "abgelehnt",
        "arztkontrolle_am": (beginn + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
        "arztkontrolle_durch": "Pflege Gesundheitsdienst",
        "aufnahmen": "",
        "beteiligte-TOTAL_FORMS": "2",
        "beteiligte-INITIAL_FORMS": "0",
        "beteiligte-MIN_NUM_FORMS": "0",
        "beteiligte-MAX_NUM_FORMS": "30",
        "beteiligte-0-benutzer": beteiligter.pk,
        "beteiligte-0-funktion": "ausfuehrend",
        "beteiligte-1-benutzer": "",
        "beteiligte-1-funktion": "",
    }
    daten.update(aenderungen)
    return daten


@pytest.mark.rule("R-33-1", "R-0-BAD-1")
@pytest.mark.django_db
def test_formular_unvollstaendig_einreichen_speichert_entwurf_und_zeigt_paragraph(
    client_als, personal_a, fall_a
):
    antwort = client_als(personal_a).post(
        reverse("zwang:neu"), _formdaten(fall_a, personal_a, zweck=[], mildere_massnahmen="", einreichen="1")
    )
    assert antwort.status_code == 200
    text = antwort.content.decode()
    assert "§ 33 Abs. 1 JVG: Mindestens einen Zweck" in text
    assert "§ 33 Abs. 2 und 3 JVG" in text
    assert antwort.context["form"].errors["zweck"][0].startswith("§ 33 Abs. 1 JVG (R-33-1)")
    p = Zwangsprotokoll.objects.get()
    assert p.status == Protokollstatus.ENTWURF  # the input is not lost
    assert antwort.context["protokoll"] == p


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_formular_ende_vor_beginn_speichert_nichts(client_als, personal_a, fall_a):
    beginn = timezone.localtime() - timedelta(hours=2)
    antwort = client_als(personal_a).post(
        reverse("zwang:neu"),
        _formdaten(fall_a, personal_a, ende=(beginn - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")),
    )
    assert antwort.status_code == 200
    assert antwort.context["form"].errors["ende"] == [
        "§ 33 Abs. 4 JVG (R-33-1): Das Ende liegt vor dem Beginn."
    ]
    assert not Zwangsprotokoll.objects.exists()


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_formular_vollstaendig_einreichen(client_als, personal_a, personal_a2, fall_a):
    antwort = client_als(personal_a).post(
        reverse("zwang:neu"), _formdaten(fall_a, personal_a2, einreichen="1")
    )
    p = Zwangsprotokoll.objects.get()
    assert antwort.status_code == 302 and antwort["Location"] == reverse("zwang:detail", args=[p.pk])
    assert p.status == Protokollstatus.EINGEREICHT
    assert list(p.beteiligte.values_list("benutzer", "funktion")) == [(personal_a2.pk, "ausfuehrend")]


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_formular_nur_fuer_anstaltsrollen(client_als, sachbearbeitung, medizin, revision):
    for user in (sachbearbeitung, medizin, revision):
        assert client_als(user).get(reverse("zwang:neu")).status_code == 403


@pytest.mark.rule("R-0-ROLE-1", "R-0-AUDIT-2")
@pytest.mark.django_db
def test_detail_sichtbarkeit_und_lesezugriff(
    client_als, personal_a, personal_b, sachbearbeitung, revision, medizin, partner, fall_a
):
    p = protokoll(personal_a, fall_a, anlass="Geheimer Ablauf XY")
    url = reverse("zwang:detail", args=[p.pk])
    for user in (personal_b, medizin, partner):
        assert client_als(user).get(url).status_code == 404
    for user in (personal_a, sachbearbeitung, revision):
        antwort = client_als(user).get(url)
        assert antwort.status_code == 200
        assert "Geheimer Ablauf XY" in antwort.content.decode()
    assert (
        Lesezugriff.objects.filter(benutzer=revision, aktion=Aktion.ANSICHT, person=fall_a.person).count()
        == 1
    )


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_medizin_sieht_nur_den_medizinischen_teil(client_als, personal_a, sachbearbeitung, medizin, fall_a):
    p = protokoll(personal_a, fall_a, anlass="Geheimer Ablauf XY", arztkontrolle_durch="Dr. Kontrolle")
    speichern(Zuteilung(benutzer=medizin, person=fall_a.person), durch=sachbearbeitung)
    text = client_als(medizin).get(reverse("zwang:detail", args=[p.pk])).content.decode()
    assert "Dr. Kontrolle" in text
    assert "Geheimer Ablauf XY" not in text
    assert "Beteiligte und Stellungnahmen" not in text


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_stellungnahme_im_browser_nur_selbst(client_als, personal_a, personal_a2, fall_a):
    p = protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_a2))
    b = p.beteiligte.get()
    url = reverse("zwang:stellungnahme", args=[b.pk])
    assert client_als(personal_a).post(url, {"stellungnahme": "Fremd"}).status_code == 403
    # Permission before validation: an empty statement of someone else is 403, not a form error.
    assert client_als(personal_a).post(url, {"stellungnahme": ""}).status_code == 403
    leer = client_als(personal_a2).post(url, {"stellungnahme": ""})
    assert leer.status_code == 400
    assert leer.context["stellungnahme_form"].errors["stellungnahme"] == [
        "§ 33 Abs. 4 JVG (R-33-1): Die Stellungnahme ist leer."
    ]
    assert client_als(personal_a2).post(url, {"stellungnahme": "Ich hielt fest."}).status_code == 302
    b.refresh_from_db()
    assert b.stellungnahme == "Ich hielt fest."


@pytest.mark.rule("R-0-4EYES-1", "R-33-1")
@pytest.mark.django_db
def test_pruefung_im_browser(client_als, personal_a, leitung_a, leitung_a2, fall_a):
    p = protokoll(personal_a, fall_a, beteiligte=beteiligt(leitung_a2))
    domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="Einsatz geleitet.", durch=leitung_a2)
    url = reverse("zwang:pruefen", args=[p.pk])
    # The involved management member gets no form and is refused with the four-eyes message.
    assert client_als(leitung_a2).get(reverse("zwang:detail", args=[p.pk])).context["darf_pruefen"] is False
    antwort = client_als(leitung_a2).post(url, {"ergebnis": "rechtmaessig", "bemerkung": "ok"})
    assert antwort.status_code == 400
    assert "prüft es nicht selbst" in antwort.content.decode()
    antwort = client_als(leitung_a).post(url, {"ergebnis": "beanstandet", "bemerkung": "Zu lange gefesselt."})
    assert antwort.status_code == 302
    p.refresh_from_db()
    assert p.status == Protokollstatus.GEPRUEFT
    assert p.pruefungen.get().ergebnis == Pruefergebnis.BEANSTANDET


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_korrektur_im_browser_mit_grund_und_liste(client_als, personal_a, fall_a):
    p = protokoll(personal_a, fall_a)
    url = reverse("zwang:korrigieren", args=[p.pk])
    form = client_als(personal_a).get(url).context["form"]
    daten = {k: v for k, v in form.initial.items() if v is not None}
    daten.update(
        {
            "beginn": timezone.localtime(p.beginn).strftime("%Y-%m-%dT%H:%M:%S"),
            "ende": timezone.localtime(p.ende).strftime("%Y-%m-%dT%H:%M:%S"),
            "arztkontrolle_am": timezone.localtime(p.arztkontrolle_am).strftime("%Y-%m-%dT%H:%M:%S"),
            "ort": "Zelle 7",
        }
    )
    ohne = client_als(personal_a).post(url, daten)
    assert ohne.status_code == 200
    assert ohne.context["form"].errors["grund"][0].startswith("§ 33 Abs. 4 JVG (R-33-1): Eine Korrektur")
    mit = client_als(personal_a).post(url, {**daten, "grund": "Ort verwechselt"})
    assert mit.status_code == 302
    text = client_als(personal_a).get(reverse("zwang:detail", args=[p.pk])).content.decode()
    assert "Ort verwechselt" in text
    assert "Wohngruppe B, Korridor" in text and "Zelle 7" in text


@pytest.mark.rule("R-33-1", "R-0-FRIST-4")
@pytest.mark.django_db
def test_meine_stellungnahmen_startkarten_fallblock_und_fristen(
    client_als, personal_a, personal_a2, leitung_a, fall_a
):
    p = protokoll(personal_a2, fall_a, beteiligte=beteiligt(personal_a))
    eigene = client_als(personal_a).get(reverse("zwang:meine_stellungnahmen"))
    assert [b.protokoll_id for b in eigene.context["offen"]] == [p.pk]
    karten = client_als(personal_a).get(reverse("start")).context["modulkarten"]
    assert any(k.url == reverse("zwang:meine_stellungnahmen") and k.zahl == 1 for k in karten)
    karten = client_als(leitung_a).get(reverse("start")).context["modulkarten"]
    assert any(k.text == "Zwangsprotokolle zu prüfen (§ 33 Abs. 4 JVG)" and k.zahl == 1 for k in karten)
    fallseite = client_als(leitung_a).get(reverse("vollzug:fall_detail", args=[fall_a.pk])).content.decode()
    assert p.nummer in fallseite and "Unmittelbarer Zwang (§ 33 JVG)" in fallseite
    _, quelle = QUELLEN["zwang_stellungnahme"]
    (eintrag,) = quelle(leitung_a, timezone.localdate())
    assert (eintrag.faellig, eintrag.regel) == (p.beteiligte.get().frist, "R-33-1")


@pytest.mark.rule("R-1-JUV-1")
@pytest.mark.django_db
def test_jugendliche_person_mit_badge_und_fesselungshinweis(
    client_als, personal_a, sachbearbeitung, anstalt_a
):
    jung = person_anlegen(durch=sachbearbeitung, geburtsdatum=date(timezone.localdate().year - 16, 1, 1))
    fall = fall_anlegen(durch=sachbearbeitung, person=jung, eingewiesen_in=anstalt_a)
    p = protokoll(personal_a, fall)  # § 33 applies to juveniles too: recorded like any other
    text = client_als(personal_a).get(reverse("zwang:detail", args=[p.pk])).content.decode()
    assert "jugendlich</span>" in text
    assert "§ 31 Abs. 5 JVG" in text


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("anzahl", [1, 20])
@pytest.mark.django_db
def test_liste_konstante_abfragen_und_filter(
    anzahl, client_als, personal_a, sachbearbeitung, anstalt_a, django_assert_max_num_queries
):
    for i in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        protokoll(personal_a, fall, einreichen=bool(i % 2 == 0))
    eingereicht = len(range(0, anzahl, 2))
    for user, erwartet in ((personal_a, anzahl), (sachbearbeitung, eingereicht)):
        c = client_als(user)
        # session, user, (facility of the header), count, page with counters as subqueries, filter choices,
        # session update
        with django_assert_max_num_queries(9):
            antwort = c.get(reverse("zwang:liste"))
        assert antwort.status_code == 200
        assert antwort.context["seite"].paginator.count == erwartet
    c = client_als(sachbearbeitung)
    assert (
        c.get(reverse("zwang:liste"), {"status": "eingereicht", "offen": "on"})
        .context["seite"]
        .paginator.count
        == eingereicht
    )
    assert c.get(reverse("zwang:liste"), {"status": "geprueft"}).context["seite"].paginator.count == 0
    assert (
        c.get(reverse("zwang:liste"), {"anstalt": anstalt_a.pk}).context["seite"].paginator.count
        == eingereicht
    )


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_demodaten_ein_eingereichtes_protokoll_mit_fehlender_stellungnahme(
    personal_a, leitung_a, admin_user, fall_a
):
    from zwang.contributions import demo_anlegen

    demo_anlegen(
        {"leitung.grosshof": leitung_a, "personal.grosshof": personal_a, "admin": admin_user},
        timezone.localdate(),
    )
    p = Zwangsprotokoll.objects.get()
    assert p.status == Protokollstatus.EINGEREICHT
    offen = p.beteiligte.filter(stellungnahme_am__isnull=True)
    assert [b.benutzer for b in offen] == [personal_a]
    assert permissions.darf_pruefen(leitung_a, p)
