"""Browser: the chapter-5 landing page, navigation, start-page card (R-25-2 escalation), Fristenkontrolle
(R-0-FRIST-4), the case-page block, lists with constant queries, forms with field errors, 404/403."""

from datetime import timedelta

import pytest
from django.urls import reverse

from kern import erweiterungen
from kern.rollen import Rolle
from tests.conftest import _benutzer
from zwangsmassnahmen import contributions, domain
from zwangsmassnahmen.models import Kontrolle, Sicherheitshaft

from .hilfen import fall_anlegen, haft_anordnen, reise, zeit

pytestmark = pytest.mark.django_db
JETZT = zeit(2026, 11, 10, 12)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-0-ROLE-1")
def test_startseite_fuer_modulrollen(
    client_als, sachbearbeitung, leitung_a, personal_a, medizin, revision, partner, bedrohung
):
    for user in (sachbearbeitung, leitung_a, personal_a, medizin, revision):
        antwort = client_als(user).get(reverse("zwangsmassnahmen:start"))
        assert antwort.status_code == 200
        inhalt = antwort.content.decode()
        assert 'href="/zwangsmassnahmen/" aria-current="page">Zwangsmassnahmen (§§ 24–39)</a>' in inhalt
        assert "Sicherheitshaft (§ 25)" in inhalt
    assert (
        "Sicherheitshaft anordnen" in client_als(sachbearbeitung).get("/zwangsmassnahmen/").content.decode()
    ) is True
    assert (
        "Sicherheitshaft anordnen" in client_als(personal_a).get("/zwangsmassnahmen/").content.decode()
    ) is False
    for user in (partner, bedrohung):
        assert client_als(user).get(reverse("zwangsmassnahmen:start")).status_code == 403
        assert "Zwangsmassnahmen (§§ 24–39)</a>" not in client_als(user).get("/").content.decode()


@pytest.mark.rule("R-25-2", "R-0-FRIST-4", "R-0-FRIST-3")
def test_eskalation_auf_startseite_und_in_fristenkontrolle(client_als, sachbearbeitung, fall, anstalt_a):
    with reise(JETZT):
        haft = haft_anordnen(sachbearbeitung, fall, zeit(2026, 11, 10, 8, 17), anstalt_a)
        inhalt = client_als(sachbearbeitung).get(reverse("fristenkontrolle:uebersicht")).content.decode()
        assert f"Sicherheitshaft {haft.nummer}: Verlängerungsantrag" in inhalt
        assert "12.11.2026 08:17" in inhalt
        karten = contributions.startkarten(sachbearbeitung)
        assert [(k.zahl, k.warnung) for k in karten] == [(1, False)]
    with reise(zeit(2026, 11, 12, 8, 18)):
        karten = contributions.startkarten(sachbearbeitung)
        assert [(k.zahl, k.warnung, k.text) for k in karten] == [
            (1, True, "Sicherheitshaft: Verlängerungsantrag überfällig (§ 25 Abs. 2 JVG)")
        ]
        inhalt = client_als(sachbearbeitung).get("/").content.decode()
        assert "Sicherheitshaft: Verlängerungsantrag überfällig (§ 25 Abs. 2 JVG)" in inhalt
        seite = client_als(sachbearbeitung).get(
            reverse("zwangsmassnahmen:haft_liste") + "?status=ueberfaellig"
        )
        assert haft.nummer in seite.content.decode() and "überfällig</span>" in seite.content.decode()


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 20])
def test_listen_und_karten_konstante_abfragen(
    client_als, sachbearbeitung, personal_a, anstalt_a, anzahl, django_assert_max_num_queries
):
    with reise(JETZT):
        for _ in range(anzahl):
            f = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
            haft_anordnen(sachbearbeitung, f, JETZT - timedelta(hours=50), anstalt_a)
            domain.kontrolle_erfassen(
                fall=f, art="haar", zeitpunkt=JETZT, ergebnis="unauffaellig", durch=personal_a
            )
            domain.entweichung_melden(
                fall=f, art="abwesend", festgestellt_am=JETZT, umstaende="Urlaub", durch=personal_a
            )
        for user, url in (
            (sachbearbeitung, reverse("zwangsmassnahmen:haft_liste")),
            (personal_a, reverse("zwangsmassnahmen:kontrolle_liste")),
            (personal_a, reverse("zwangsmassnahmen:entweichung_liste")),
            (sachbearbeitung, reverse("zwangsmassnahmen:start")),
        ):
            client = client_als(user)
            with django_assert_max_num_queries(9):
                assert client.get(url).status_code == 200
        with django_assert_max_num_queries(3):
            karten = contributions.startkarten(personal_a)
    assert {k.zahl for k in karten} == {anzahl}


@pytest.mark.rule("R-0-ROLE-1")
def test_fallblock_sichtbarkeit_und_abfragen(
    client_als, sachbearbeitung, personal_a, personal_b, fall, anstalt_a, django_assert_max_num_queries
):
    with reise(JETZT):
        haft_anordnen(sachbearbeitung, fall, JETZT - timedelta(hours=1), anstalt_a)
        domain.kontrolle_erfassen(
            fall=fall,
            art="effekten",
            ort="Effektenraum",
            zeitpunkt=JETZT,
            ergebnis="unauffaellig",
            durch=personal_a,
        )
        with django_assert_max_num_queries(6):
            block = contributions.fallblock(fall, personal_a)
        assert len(block["haften"]) == 1 and len(block["kontrollen"]) == 1 and block["kann_kontrolle"] is True
        assert contributions.fallblock(fall, personal_b) is None
        inhalt = (
            client_als(sachbearbeitung).get(reverse("vollzug:fall_detail", args=[fall.pk])).content.decode()
        )
    assert "Zwangsmassnahmen (§§ 25, 26, 28, 32 JVG)" in inhalt and "Sicherheitshaft SH-2026-00001" in inhalt


@pytest.mark.rule("R-25-1", "R-0-BAD-1")
def test_haftformular_zeigt_regel_am_feld(client_als, sachbearbeitung, fall, anstalt_a):
    url = reverse("zwangsmassnahmen:haft_neu")
    werte = {
        "fall": fall.pk,
        "variante": "abs1",
        "verfahren_art": "rueckversetzung",
        "verfahren_referenz": "KG 1",
        "wahrscheinlichkeit": "wahrscheinlich",
        "festnahme_am": "10.11.2026 08:00",
        "anstalt": anstalt_a.pk,
    }
    with reise(JETZT):
        antwort = client_als(sachbearbeitung).post(url, werte)
        assert antwort.status_code == 200
        assert "§ 25 Abs. 1 JVG: Mindestens ein Haftgrund" in antwort.content.decode()
        assert not Sicherheitshaft.objects.exists()
        antwort = client_als(sachbearbeitung).post(url, {**werte, "grund_flucht": "on"})
    haft = Sicherheitshaft.objects.get()
    assert antwort.status_code == 302 and antwort["Location"] == reverse(
        "zwangsmassnahmen:haft_detail", args=[haft.pk]
    )
    assert haft.festnahme_am == zeit(2026, 11, 10, 8)
    with reise(JETZT):
        antwort = client_als(sachbearbeitung).post(
            reverse("zwangsmassnahmen:haft_aktion", args=[haft.pk, "antrag"]),
            {"antrag-antrag_am": "10.11.2026 07:00", "antrag-antrag_referenz": "ZMG"},
        )
        assert "vor der Festnahme" in antwort.content.decode()
        antwort = client_als(sachbearbeitung).post(
            reverse("zwangsmassnahmen:haft_aktion", args=[haft.pk, "antrag"]),
            {"antrag-antrag_am": "10.11.2026 11:00", "antrag-antrag_referenz": "ZMG"},
        )
    assert antwort.status_code == 302
    haft.refresh_from_db()
    assert haft.status == "beantragt"


@pytest.mark.rule("R-0-ROLE-1")
def test_detailseiten_404_und_403(
    client_als, sachbearbeitung, personal_a, personal_b, medizin, fall, anstalt_a
):
    with reise(JETZT):
        haft = haft_anordnen(sachbearbeitung, fall, JETZT - timedelta(hours=1), anstalt_a)
        k = domain.kontrolle_erfassen(
            fall=fall, art="atemluft", zeitpunkt=JETZT, ergebnis="unauffaellig", durch=personal_a
        )
    for user in (personal_b, medizin):
        assert (
            client_als(user).get(reverse("zwangsmassnahmen:haft_detail", args=[haft.pk])).status_code == 404
        )
        assert (
            client_als(user).get(reverse("zwangsmassnahmen:kontrolle_detail", args=[k.pk])).status_code == 404
        )
    assert (
        client_als(personal_a).get(reverse("zwangsmassnahmen:haft_detail", args=[haft.pk])).status_code == 200
    )
    # Visible but not allowed to act: 403.
    assert client_als(personal_a).get(reverse("zwangsmassnahmen:haft_neu")).status_code == 403
    antwort = client_als(personal_a).post(
        reverse("zwangsmassnahmen:haft_aktion", args=[haft.pk, "beenden"]),
        {"beenden-beendet_am": "10.11.2026 11:00", "beenden-beendet_grund": "x"},
    )
    assert antwort.status_code == 403
    assert client_als(sachbearbeitung).get(reverse("zwangsmassnahmen:kontrolle_neu")).status_code == 403


@pytest.mark.rule("R-0-ROLE-1")
def test_haft_aktion_berechtigung_vor_validierung(client_als, sachbearbeitung, personal_a, fall, anstalt_a):
    """Facility staff see the detention but may not act: an invalid form gives 403, not the field errors."""
    with reise(JETZT):
        haft = haft_anordnen(sachbearbeitung, fall, JETZT - timedelta(hours=1), anstalt_a)
        for aktion, werte in (
            ("antrag", {"antrag-antrag_am": "kein Datum", "antrag-antrag_referenz": "x" * 5000}),
            ("gericht", {"gericht-gericht_entscheid": "unbekannt"}),
            ("beenden", {}),
        ):
            url = reverse("zwangsmassnahmen:haft_aktion", args=[haft.pk, aktion])
            antwort = client_als(personal_a).post(url, werte)
            assert antwort.status_code == 403, aktion
        # The same invalid input from the authority gives the form back with the field errors.
        antwort = client_als(sachbearbeitung).post(
            reverse("zwangsmassnahmen:haft_aktion", args=[haft.pk, "antrag"]),
            {"antrag-antrag_am": "kein Datum"},
        )
        assert antwort.status_code == 200
    haft.refresh_from_db()
    assert haft.status == "in_haft" and haft.antrag_am is None


@pytest.mark.rule("R-28-1", "R-0-4EYES-1")
def test_leibesvisitation_im_browser(client_als, personal_a, leitung_a, fall, anstalt_a):
    with reise(JETZT):
        antwort = client_als(personal_a).post(
            reverse("zwangsmassnahmen:leibesvisitation_neu"), {"fall": fall.pk, "verdacht": ""}
        )
        assert "Ohne Verdacht keine Leibesvisitation" in antwort.content.decode()
        antwort = client_als(personal_a).post(
            reverse("zwangsmassnahmen:leibesvisitation_neu"), {"fall": fall.pk, "verdacht": "Drogen"}
        )
        k = Kontrolle.objects.get()
        assert antwort["Location"] == reverse("zwangsmassnahmen:kontrolle_detail", args=[k.pk])
        seite = client_als(leitung_a).get(k.get_absolute_url()).content.decode()
        assert "Leibesvisitation anordnen (Art. 85 Abs. 2 StGB)" in seite
        antwort = client_als(leitung_a).post(
            reverse("zwangsmassnahmen:kontrolle_aktion", args=[k.pk, "entscheiden"]),
            {"entscheiden-anordnen": "1"},
        )
    assert antwort.status_code == 302
    k.refresh_from_db()
    assert k.status == "angeordnet" and k.angeordnet_durch == leitung_a


def test_demo_daten(sachbearbeitung, anstalt_a):
    personal = _benutzer("personal.grosshof", Rolle.ANSTALTSPERSONAL, anstalt_a)
    with reise(zeit(2026, 11, 1)):
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with reise(JETZT):
        assert contributions.demo_anlegen in erweiterungen.demos()
        contributions.demo_anlegen(
            {"sachbearbeitung": sachbearbeitung, "personal.grosshof": personal}, JETZT.date()
        )
    haft = Sicherheitshaft.objects.get()
    assert haft.frist_ende > JETZT and haft.status == "in_haft"
    assert Kontrolle.objects.get().durchgefuehrt_durch == personal
