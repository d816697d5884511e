"""Browser pages of the disciplinary law (§§ 40–45 JVG): the report form and its visibility (R-40-1),
opening and leading a proceeding (R-40-4, R-41-4, R-41-5a), the decision form with the limits of
§ 41 (R-41-1, R-41-2) shown at the fields, the appeal data (§ 42), the statistics with chart and CSV,
roles (R-0-ROLE-1), bad input (R-0-BAD-1) and constant query budgets of the lists."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from disziplinar import domain
from disziplinar.domain import SanktionDaten
from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren, Rapport
from disziplinar.recht import Disziplinarsanktionsart as A
from disziplinar.recht import Sanktionsstatus, Verfahrensstatus
from kern.fristen import TZ
from kern.klartext import ohne_regel_ids
from kern.models import Aktion, Lesezugriff
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Beschwerdeergebnis, Verfuegungsstatus

from .test_disziplinar import benutzer, eroeffnet, rapport, verfahren

# --- fixtures and helpers --------------------------------------------------------------------------


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def leitung_b(anstalt_b):
    return benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def verfahren_a(personal_a, leitung_a, fall_a):
    return verfahren(personal_a, leitung_a, fall_a)


def _rapport_daten(fall, **aenderungen) -> dict:
    daten = {
        "fall": fall.pk,
        "tatzeit": (timezone.localtime() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "sachverhalt": "Die Person warf um 14:10 Uhr einen Stuhl gegen die Glasscheibe der Werkstatt.",
        "zeugen": "Werkmeister Huber",
        "delikte-TOTAL_FORMS": "3",
        "delikte-INITIAL_FORMS": "0",
        "delikte-MIN_NUM_FORMS": "0",
        "delikte-MAX_NUM_FORMS": "13",
        "delikte-0-tatbestand": "f",
        "delikte-0-teilnahmeform": "taeterschaft",
        "delikte-1-tatbestand": "c",
        "delikte-1-teilnahmeform": "versuch",
        "delikte-2-tatbestand": "",
        "delikte-2-teilnahmeform": "taeterschaft",
        "beilagen-TOTAL_FORMS": "2",
        "beilagen-INITIAL_FORMS": "0",
        "beilagen-MIN_NUM_FORMS": "0",
        "beilagen-MAX_NUM_FORMS": "10",
        "beilagen-0-titel": "",
        "beilagen-1-titel": "",
    }
    daten.update(aenderungen)
    return daten


def _entscheid_daten(*sanktionen: dict, **aenderungen) -> dict:
    daten = {
        "verschulden": "Vorsätzlich.",
        "schwere": "Gefährdung der Ordnung in der Werkstatt.",
        "persoenliche_verhaeltnisse": "Keine besonderen Umstände.",
        "auswirkung_resozialisierung": "Die Arbeitsstelle bleibt erhalten.",
        "begruendung": "Der Sachverhalt ist durch den Rapport und die Zeugenaussage erstellt.",
        "sanktionen-TOTAL_FORMS": "3",
        "sanktionen-INITIAL_FORMS": "0",
        "sanktionen-MIN_NUM_FORMS": "0",
        "sanktionen-MAX_NUM_FORMS": "6",
    }
    for i in range(3):
        zeile = sanktionen[i] if i < len(sanktionen) else {}
        for feld in ("art", "dauer_tage", "betrag_chf", "beschreibung", "vollzug_beginn", "vollzug_ende"):
            daten[f"sanktionen-{i}-{feld}"] = str(zeile.get(feld, ""))
    daten.update(aenderungen)
    return daten


def _entscheid_url(v):
    return reverse("disziplinar:entscheid", args=[v.pk])


def _feldfehler(antwort) -> list[str]:
    """The messages the page shows at fields and rows (Django's errorlist), in order."""
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tiefe, self.texte = 0, []

        def handle_starttag(self, tag, attrs):
            if tag == "ul" and "errorlist" in (dict(attrs).get("class") or ""):
                self.tiefe += 1
            elif self.tiefe and tag == "li":
                self.texte.append("")

        def handle_endtag(self, tag):
            if tag == "ul" and self.tiefe:
                self.tiefe -= 1

        def handle_data(self, data):
            if self.tiefe and self.texte:
                self.texte[-1] += data

    p = P()
    p.feed(antwort.content.decode())
    return [t.strip() for t in p.texte]


# --- R-40-1: the report form --------------------------------------------------------------------


@pytest.mark.rule("R-40-1", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_rapport_formular_speichert_delikte_teilnahme_und_beweismittel(client_als, personal_a, fall_a):
    daten = _rapport_daten(
        fall_a,
        **{
            "beilagen-0-titel": "Foto der Scheibe",
            "beilagen-0-datei": SimpleUploadedFile("scheibe.pdf", b"%PDF-1.4 Foto"),
        },
    )
    antwort = client_als(personal_a).post(reverse("disziplinar:rapport_neu"), daten)
    r = Rapport.objects.get()
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("disziplinar:rapport_detail", args=[r.pk])
    assert (r.fall, r.anstalt_id, r.gemeldet_durch, r.zeugen) == (
        fall_a,
        personal_a.anstalt_id,
        personal_a,
        "Werkmeister Huber",
    )
    assert [(d.tatbestand, d.teilnahmeform) for d in r.delikte.order_by("pk")] == [
        ("f", "taeterschaft"),
        ("c", "versuch"),
    ]
    assert r.beilagen.get().titel == "Foto der Scheibe"
    assert r.history.get().history_user == personal_a


@pytest.mark.rule("R-40-1", "R-0-BAD-1")
@pytest.mark.django_db
def test_rapport_formular_ohne_delikt_und_zukunft_zeigt_meldungen_und_speichert_nichts(
    client_als, personal_a, fall_a
):
    c = client_als(personal_a)
    url = reverse("disziplinar:rapport_neu")
    antwort = c.post(
        url,
        _rapport_daten(
            fall_a,
            **{
                "delikte-0-tatbestand": "",
                "delikte-1-tatbestand": "",
                "delikte-1-teilnahmeform": "taeterschaft",
            },
        ),
    )
    assert antwort.status_code == 200
    assert (
        "§ 40 JVG: Mindestens ein Disziplinarvergehen angeben (§ 40 Abs. 2 lit. a–l oder die "
        "Generalklausel von Abs. 1)." in _feldfehler(antwort)
    )
    zukunft = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    antwort = c.post(url, _rapport_daten(fall_a, tatzeit=zukunft))
    assert _feldfehler(antwort) == ["§ 40 JVG: Der Zeitpunkt der Tat kann nicht in der Zukunft liegen."]
    # Two rows with the same offence: the service's message lands in the second row.
    antwort = c.post(url, _rapport_daten(fall_a, **{"delikte-1-tatbestand": "f"}))
    assert _feldfehler(antwort) == ["§ 40 JVG: Jeder Tatbestand nur einmal je Rapport."]
    # Garbage: no 500, German messages.
    antwort = c.post(
        url, {**_rapport_daten(fall_a, tatzeit="gestern"), "fall": "999999", "delikte-0-tatbestand": "z"}
    )
    assert antwort.status_code == 200
    assert "Ungültiger Zeitpunkt: erwartet TT.MM.JJJJ HH:MM (z. B. 31.12.2026 14:05)." in _feldfehler(antwort)
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-40-1", "R-0-ROLE-1")
@pytest.mark.django_db
def test_rapport_nur_fuer_personen_der_eigenen_anstalt(
    client_als, personal_a, personal_b, sachbearbeitung, fall_a, anstalt_b
):
    fall_b = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)
    # The form offers only persons placed in the own facility; a foreign case is refused as a choice.
    antwort = client_als(personal_a).get(reverse("disziplinar:rapport_neu"))
    assert list(antwort.context["form"].fields["fall"].queryset) == [fall_a]
    antwort = client_als(personal_a).post(reverse("disziplinar:rapport_neu"), _rapport_daten(fall_b))
    assert antwort.status_code == 200
    assert not Rapport.objects.exists()
    # The authority does not report (roles table): 403.
    assert client_als(sachbearbeitung).get(reverse("disziplinar:rapport_neu")).status_code == 403


@pytest.mark.rule("R-40-1", "R-0-ROLE-1", "R-0-AUDIT-2")
@pytest.mark.django_db
def test_rapport_sichtbar_in_der_anstalt_und_fuer_die_behoerde_beilage_protokolliert(
    client, client_als, personal_a, personal_b, leitung_a, sachbearbeitung, medizin, fall_a
):
    r = rapport(
        personal_a,
        fall_a,
        beilagen=[domain.BeilageDaten("Video", SimpleUploadedFile("video.txt", b"Beweis 42"))],
    )
    beilage = r.beilagen.get()
    detail = reverse("disziplinar:rapport_detail", args=[r.pk])
    download = reverse("disziplinar:beilage_download", args=[beilage.pk])
    for user in (personal_b, medizin):
        c = client_als(user)
        assert c.get(detail).status_code == 404
        assert c.get(download).status_code == 404
        assert r.pk not in [x.pk for x in c.get(reverse("disziplinar:rapport_liste")).context["seite"]]
    for user in (personal_a, leitung_a, sachbearbeitung):
        c = client_als(user)
        assert c.get(detail).status_code == 200
        antwort = c.get(download)
        assert antwort.status_code == 200
        assert b"".join(antwort.streaming_content) == b"Beweis 42"
    assert list(
        Lesezugriff.objects.filter(aktion=Aktion.DOKUMENT, objekt_id=beilage.pk)
        .order_by("pk")
        .values_list("benutzer", flat=True)
    ) == [personal_a.pk, leitung_a.pk, sachbearbeitung.pk]
    assert Lesezugriff.objects.filter(aktion=Aktion.ANSICHT, objekt_typ="disziplinar.rapport").count() == 3


@pytest.mark.parametrize("anzahl", [1, 20])
@pytest.mark.django_db
def test_rapport_liste_konstante_abfragen(
    anzahl, client_als, personal_a, leitung_a, sachbearbeitung, anstalt_a, django_assert_max_num_queries
):
    for i in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        r = rapport(personal_a, fall)
        if i % 2:
            domain.verfahren_eroeffnen(rapport=r, durch=leitung_a)
    for user in (personal_a, sachbearbeitung):
        c = client_als(user)
        # session, user, (facility of the header), count, page, offences, session update (3)
        with django_assert_max_num_queries(9):
            antwort = c.get(reverse("disziplinar:rapport_liste"))
        assert antwort.status_code == 200
        assert antwort.context["seite"].paginator.count == anzahl


# --- Proceeding: opening, R-40-4, R-41-4, R-41-5a -------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-40-1")
@pytest.mark.django_db
def test_personal_kann_kein_verfahren_eroeffnen_die_leitung_schon(
    client_als, personal_a, leitung_a, leitung_b, fall_a
):
    r = rapport(personal_a, fall_a)
    url = reverse("disziplinar:verfahren_eroeffnen", args=[r.pk])
    assert client_als(personal_a).post(url).status_code == 403
    assert client_als(leitung_b).post(url).status_code == 404  # other facility: not even the report
    assert not Disziplinarverfahren.objects.exists()
    antwort = client_als(leitung_a).post(url)
    v = Disziplinarverfahren.objects.get()
    assert antwort["Location"] == reverse("disziplinar:verfahren_detail", args=[v.pk])
    assert v.geleitet_durch == leitung_a


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_verfahren_sichtbarkeit_und_entscheid_nur_durch_die_leitung(
    client_als, verfahren_a, personal_a, leitung_b, sachbearbeitung, revision
):
    detail = reverse("disziplinar:verfahren_detail", args=[verfahren_a.pk])
    assert client_als(leitung_b).get(detail).status_code == 404
    assert client_als(leitung_b).get(_entscheid_url(verfahren_a)).status_code == 404
    # Issue 17: staff of the facility draft the decision (the management approves it, R-0-4EYES-1).
    assert client_als(personal_a).get(_entscheid_url(verfahren_a)).status_code == 200
    for user in (sachbearbeitung, revision):
        c = client_als(user)
        antwort = c.get(detail)
        assert antwort.status_code == 200
        assert "entscheid-link" not in antwort.content.decode()
        assert c.get(_entscheid_url(verfahren_a)).status_code == 403
        assert c.post(_entscheid_url(verfahren_a), _entscheid_daten({"art": "a"})).status_code == 403
    assert not Verfuegung.objects.exists()


@pytest.mark.rule("R-41-4")
@pytest.mark.django_db
def test_verfahren_zeigt_vorstrafen_im_wiederholungsfall(
    client_als, personal_a, leitung_a, leitung_a2, fall_a
):
    erstes = verfahren(personal_a, leitung_a, fall_a, tatzeit=timezone.now() - timedelta(days=20))
    v1 = eroeffnet(erstes, leitung_a, leitung_a2, [SanktionDaten(A.BUSSE, betrag_chf=Decimal("80.00"))])
    zweites = verfahren(personal_a, leitung_a, fall_a)
    c = client_als(leitung_a)
    for url in (reverse("disziplinar:verfahren_detail", args=[zweites.pk]), _entscheid_url(zweites)):
        antwort = c.get(url)
        assert [s.verfuegung_id for s in antwort.context["vorstrafen"]] == [v1.pk]
        assert "Wiederholungsfall" in antwort.content.decode()
        assert v1.nummer in antwort.content.decode()
    antwort = c.get(reverse("disziplinar:verfahren_detail", args=[erstes.pk]))
    assert antwort.context["vorstrafen"] == []


@pytest.mark.rule("R-41-5a")
@pytest.mark.django_db
def test_verjaehrungsdatum_mit_warnung_innerhalb_der_konfigurierten_tage(
    client_als, settings, personal_a, leitung_a, fall_a
):
    settings.JVG_DISZIPLINAR_WARNUNG_TAGE = 30
    alt = verfahren(personal_a, leitung_a, fall_a, tatzeit=timezone.now() - timedelta(days=165))
    neu = verfahren(personal_a, leitung_a, fall_a)
    rest = (alt.verjaehrung_am - timezone.localdate()).days
    assert 0 < rest <= 30
    c = client_als(leitung_a)
    seite = c.get(reverse("disziplinar:verfahren_detail", args=[alt.pk])).content.decode()
    assert f"{alt.verjaehrung_am:%d.%m.%Y}" in seite
    assert f"noch {rest} Tage" in seite
    seite = c.get(reverse("disziplinar:verfahren_detail", args=[neu.pk])).content.decode()
    assert f"{neu.verjaehrung_am:%d.%m.%Y}" in seite
    assert "badge-warnung" not in seite
    liste = c.get(reverse("disziplinar:verfahren_liste")).content.decode()
    assert liste.count("badge badge-warnung") == 1
    # The threshold is the setting: below the remaining days, no warning.
    settings.JVG_DISZIPLINAR_WARNUNG_TAGE = rest - 1
    assert "noch " not in c.get(reverse("disziplinar:verfahren_detail", args=[alt.pk])).content.decode()


@pytest.mark.rule("R-40-4", "R-0-BAD-1")
@pytest.mark.django_db
def test_strafanzeige_vormerken_im_formular(client_als, verfahren_a, leitung_a, sachbearbeitung):
    url = reverse("disziplinar:verfahren_aktion", args=[verfahren_a.pk, "strafanzeige"])
    morgen = timezone.localdate() + timedelta(days=1)
    c = client_als(leitung_a)
    antwort = c.post(url, {"strafanzeige-strafanzeige_am": morgen.isoformat(), "strafanzeige-referenz": ""})
    assert antwort.status_code == 200
    assert _feldfehler(antwort) == [
        "§ 40 Abs. 4 JVG: Das Datum der Strafanzeige kann nicht in der Zukunft liegen."
    ]
    antwort = c.post(url, {"strafanzeige-strafanzeige_am": "kein Datum"})
    assert _feldfehler(antwort) == ["Ungültiges Datum: erwartet TT.MM.JJJJ (z. B. 31.12.2026)."]
    verfahren_a.refresh_from_db()
    assert verfahren_a.strafanzeige is False
    assert (
        client_als(sachbearbeitung).post(url, {"strafanzeige-strafanzeige_am": "01.12.2026"}).status_code
        == 403
    )
    antwort = client_als(leitung_a).post(
        url,
        {
            "strafanzeige-strafanzeige_am": timezone.localdate().isoformat(),
            "strafanzeige-referenz": "STA 26/9",
        },
    )
    assert antwort.status_code == 302
    verfahren_a.refresh_from_db()
    assert (verfahren_a.strafanzeige, verfahren_a.strafanzeige_referenz) == (True, "STA 26/9")
    seite = client_als(leitung_a).get(reverse("disziplinar:verfahren_detail", args=[verfahren_a.pk]))
    assert "an die Staatsanwaltschaft" in seite.content.decode()
    assert "strafanzeige_form" not in seite.context


@pytest.mark.django_db
def test_verfahren_einstellen_mit_grund(client_als, verfahren_a, leitung_a):
    url = reverse("disziplinar:verfahren_aktion", args=[verfahren_a.pk, "einstellen"])
    c = client_als(leitung_a)
    antwort = c.post(url, {"einstellen-einstellung_grund": ""})
    assert antwort.status_code == 200
    verfahren_a.refresh_from_db()
    assert verfahren_a.status == Verfahrensstatus.OFFEN
    assert c.post(url, {"einstellen-einstellung_grund": "Sachverhalt nicht erstellt."}).status_code == 302
    verfahren_a.refresh_from_db()
    assert (verfahren_a.status, verfahren_a.einstellung_grund) == (
        Verfahrensstatus.EINGESTELLT,
        "Sachverhalt nicht erstellt.",
    )


# --- The decision form: R-41-1, R-41-2, R-41-4 ------------------------------------------------------


@pytest.mark.rule("R-41-1", "R-0-BAD-1")
@pytest.mark.django_db
def test_arrest_10_tage_zulaessig_11_abgelehnt_an_der_zeile(client_als, verfahren_a, leitung_a):
    c = client_als(leitung_a)
    antwort = c.post(
        _entscheid_url(verfahren_a), _entscheid_daten({"art": "a"}, {"art": "f", "dauer_tage": 11})
    )
    assert antwort.status_code == 200
    assert _feldfehler(antwort) == ["§ 41 Abs. 1 lit. f JVG: Arrest höchstens 10 Tage."]
    zeile = antwort.context["sanktionen"].forms[1]
    assert zeile.errors["dauer_tage"] == ["§ 41 Abs. 1 lit. f JVG (R-41-1): Arrest höchstens 10 Tage."]
    assert not Verfuegung.objects.exists()
    assert not Disziplinarsanktion.objects.exists()

    antwort = c.post(
        _entscheid_url(verfahren_a), _entscheid_daten({"art": "a"}, {"art": "f", "dauer_tage": 10})
    )
    v = Verfuegung.objects.get()
    assert antwort["Location"] == reverse("verfuegungen:detail", args=[v.pk])
    assert sorted(v.disziplinarsanktionen.values_list("art", "dauer_tage")) == [("a", None), ("f", 10)]
    # One live decision per proceeding: the form now leads to it.
    assert c.get(_entscheid_url(verfahren_a))["Location"] == reverse("verfuegungen:detail", args=[v.pk])


@pytest.mark.rule("R-41-1", "R-0-BAD-1")
@pytest.mark.parametrize(
    ("zeile", "meldung"),
    [
        (
            {"art": "e", "dauer_tage": 16},
            "§ 41 Abs. 1 lit. e JVG (R-41-1): Zellen- oder Zimmereinschluss höchstens 15 Tage.",
        ),
        (
            {"art": "e", "dauer_tage": 0},
            "§ 41 Abs. 1 lit. e JVG (R-41-1): Dauer in ganzen Tagen angeben (mindestens 1 Tag).",
        ),
        (
            {"art": "d", "betrag_chf": "500.01"},
            "§ 41 Abs. 1 lit. d JVG (R-41-1): Busse höchstens CHF 500.00.",
        ),
        (
            {"art": "d", "betrag_chf": "10.005"},
            "§ 41 Abs. 1 lit. d JVG (R-41-1): Betrag höchstens auf Rappen genau (zwei Dezimalstellen).",
        ),
        (
            {"art": "b"},
            "§ 41 Abs. 1 lit. b JVG (R-41-1): Angeben, welche Erleichterung oder Bewilligung entzogen wird.",
        ),
        (
            {"art": "a", "dauer_tage": 3},
            "§ 41 Abs. 1 lit. a JVG (R-41-1): Eine Dauer gibt es nur bei Einschluss und Arrest.",
        ),
        ({"dauer_tage": 3}, "§ 41 Abs. 1 JVG (R-41-1): Zu den Angaben die Sanktion (lit. a–f) wählen."),
        ({"art": "x"}, "Bitte eine gültige Auswahl treffen. x ist keine gültige Auswahl."),
        ({"art": "e", "dauer_tage": "drei"}, "Bitte eine ganze Zahl eingeben."),
        ({"art": "d", "betrag_chf": "viel"}, "Betrag in Franken angeben (z. B. 150.00)."),
    ],
)
@pytest.mark.django_db
def test_sanktionsgrenzen_im_formular_abgelehnt(client_als, settings, verfahren_a, leitung_a, zeile, meldung):
    settings.JVG_DISZIPLINAR_BUSSE_MAX_CHF = 500
    antwort = client_als(leitung_a).post(_entscheid_url(verfahren_a), _entscheid_daten(zeile))
    assert antwort.status_code == 200
    assert _feldfehler(antwort) == [ohne_regel_ids(meldung)]  # issue 17: the page shows no rule ID
    assert not Verfuegung.objects.exists()


@pytest.mark.rule("R-41-1")
@pytest.mark.django_db
def test_einschluss_15_tage_und_kombination_a_bis_f(client_als, settings, verfahren_a, leitung_a):
    settings.JVG_DISZIPLINAR_BUSSE_MAX_CHF = 500
    beginn = timezone.localdate() + timedelta(days=3)
    antwort = client_als(leitung_a).post(
        _entscheid_url(verfahren_a),
        _entscheid_daten(
            {"art": "e", "dauer_tage": 15, "vollzug_beginn": beginn.isoformat()},
            {"art": "d", "betrag_chf": "500.00"},
            {"art": "b", "beschreibung": "Fernsehgerät für 14 Tage"},
        ),
    )
    assert antwort.status_code == 302
    s = Disziplinarsanktion.objects.get(art=A.EINSCHLUSS)
    assert (s.dauer_tage, s.vollzug_beginn, s.vollzug_ende) == (15, beginn, beginn + timedelta(days=14))
    assert Disziplinarsanktion.objects.get(art=A.BUSSE).betrag_chf == Decimal("500.00")


@pytest.mark.rule("R-41-1", "R-0-BAD-1")
@pytest.mark.django_db
def test_widersprechendes_vollzugsende_abgelehnt(client_als, verfahren_a, leitung_a):
    beginn = timezone.localdate() + timedelta(days=2)
    antwort = client_als(leitung_a).post(
        _entscheid_url(verfahren_a),
        _entscheid_daten(
            {
                "art": "e",
                "dauer_tage": 5,
                "vollzug_beginn": beginn.isoformat(),
                "vollzug_ende": (beginn + timedelta(days=5)).isoformat(),
            }
        ),
    )
    assert _feldfehler(antwort) == [
        f"§ 41 Abs. 1 lit. e JVG: 5 Tage ab {beginn:%d.%m.%Y} enden am "
        f"{beginn + timedelta(days=4):%d.%m.%Y} (das Ende berechnet das System)."
    ]
    assert not Verfuegung.objects.exists()


@pytest.mark.rule("R-41-4", "R-0-BAD-1")
@pytest.mark.django_db
def test_zumessungskriterien_und_sanktion_erforderlich(client_als, verfahren_a, leitung_a):
    antwort = client_als(leitung_a).post(
        _entscheid_url(verfahren_a), _entscheid_daten(verschulden=" ", begruendung="")
    )
    assert antwort.status_code == 200
    fehler = antwort.context["form"].errors
    assert fehler["verschulden"] == [
        "§ 41 Abs. 4 JVG (R-41-4): Für die Zumessung ist «Schwere des Verschuldens» zu würdigen."
    ]
    assert fehler["begruendung"] == ["§ 41 Abs. 4 JVG (R-41-4): Die Verfügung ist zu begründen."]
    assert "schwere" not in fehler
    antwort = client_als(leitung_a).post(_entscheid_url(verfahren_a), _entscheid_daten())
    assert antwort.context["form"].non_field_errors() == [
        "§ 41 Abs. 3 JVG (R-41-1): Mindestens eine Disziplinarsanktion angeben."
    ]
    assert "Mindestens eine Disziplinarsanktion angeben." in antwort.content.decode()
    assert not Verfuegung.objects.exists()
    verfahren_a.refresh_from_db()
    assert verfahren_a.verschulden == ""


@pytest.mark.rule("R-41-2", "R-0-BAD-1")
@pytest.mark.django_db
def test_private_anstalt_einschluss_7_zulaessig_8_und_arrest_abgelehnt(
    client_als, sachbearbeitung, privatanstalt
):
    leitung = benutzer("leitung_p", Rolle.ANSTALTSLEITUNG, privatanstalt)
    personal = benutzer("personal_p", Rolle.ANSTALTSPERSONAL, privatanstalt)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=privatanstalt)
    # The private facility's staff report through the form; its management opens the proceeding.
    assert (
        client_als(personal).post(reverse("disziplinar:rapport_neu"), _rapport_daten(fall)).status_code == 302
    )
    r = Rapport.objects.get()
    client_als(leitung).post(reverse("disziplinar:verfahren_eroeffnen", args=[r.pk]))
    vp = Disziplinarverfahren.objects.get()
    c = client_als(leitung)
    seite = c.get(_entscheid_url(vp)).content.decode()
    assert "Private Einrichtung (§ 41 Abs. 2): nur lit. a–e, Einschluss höchstens 7 Tage." in seite

    antwort = c.post(_entscheid_url(vp), _entscheid_daten({"art": "e", "dauer_tage": 8}))
    assert _feldfehler(antwort) == [
        "§ 41 Abs. 2 JVG: In privaten Einrichtungen Zellen- oder Zimmereinschluss höchstens 7 Tage."
    ]
    antwort = c.post(_entscheid_url(vp), _entscheid_daten({"art": "a"}, {"art": "f", "dauer_tage": 2}))
    assert _feldfehler(antwort) == [
        "§ 41 Abs. 2 JVG: Private Einrichtungen dürfen nur Sanktionen nach Abs. 1 lit. a–e "
        "aussprechen, keinen Arrest (lit. f)."
    ]
    assert antwort.context["sanktionen"].forms[1].errors["art"]
    assert not Verfuegung.objects.exists()

    antwort = c.post(_entscheid_url(vp), _entscheid_daten({"art": "e", "dauer_tage": 7}))
    assert antwort.status_code == 302
    assert Verfuegung.objects.get().disziplinarsanktionen.get().dauer_tage == 7


# --- After the decision: execution and appeal (§ 42, § 44, § 45) ------------------------------------


@pytest.mark.rule("R-41-1", "R-0-ROLE-1")
@pytest.mark.django_db
def test_vollzug_erfassen_wenn_vollstreckbar(client_als, verfahren_a, leitung_a, leitung_a2, sachbearbeitung):
    v = eroeffnet(verfahren_a, leitung_a, leitung_a2, [SanktionDaten(A.VERWEIS)])
    s = v.disziplinarsanktionen.get()
    detail = reverse("disziplinar:verfahren_detail", args=[verfahren_a.pk])
    url = reverse("disziplinar:sanktion_vollziehen", args=[s.pk])
    seite = client_als(leitung_a).get(detail).content.decode()
    assert url in seite and "vollstreckbar" in seite
    assert url not in client_als(sachbearbeitung).get(detail).content.decode()
    assert client_als(sachbearbeitung).post(url).status_code == 403
    antwort = client_als(leitung_a).post(url)
    assert antwort["Location"] == detail
    s.refresh_from_db()
    assert s.status == Sanktionsstatus.VOLLZOGEN
    # A second time: the service's message, no 500.
    antwort = client_als(leitung_a).post(url, follow=True)
    assert "Diese Sanktion ist bereits vollzogen." in antwort.content.decode()


@pytest.mark.rule("R-42-1", "R-0-VFG-5", "R-0-VFG-6")
@pytest.mark.django_db
def test_verfahrensseite_zeigt_verfuegung_und_beschwerde(client_als, verfahren_a, leitung_a, leitung_a2):
    v = eroeffnet(verfahren_a, leitung_a, leitung_a2, [SanktionDaten(A.EINSCHLUSS, dauer_tage=3)])
    detail = reverse("disziplinar:verfahren_detail", args=[verfahren_a.pk])
    seite = client_als(leitung_a).get(detail).content.decode()
    assert f'href="{reverse("verfuegungen:detail", args=[v.pk])}#aktion-beschwerde"' in seite
    assert "keine erfasst" in seite
    vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=timezone.localdate(), durch=leitung_a)
    vfg.aufschiebende_wirkung_erteilen(verfuegung=v, instanz="JSD", durch=leitung_a)
    v.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(
        verfuegung=v,
        ergebnis=Beschwerdeergebnis.ABGEWIESEN,
        am=timezone.localdate(),
        mutwillig=True,
        durch=leitung_a,
    )
    antwort = client_als(leitung_a).get(detail)
    seite = antwort.content.decode()
    assert antwort.context["verfuegung"].status == Verfuegungsstatus.BESCHWERDEENTSCHEID
    assert "Abgewiesen" in seite
    assert "erteilt am" in seite and "durch JSD" in seite
    assert "Mutwillig (§ 45 Abs. 2)</dt><dd>ja" in seite


@pytest.mark.parametrize("anzahl", [1, 20])
@pytest.mark.django_db
def test_verfahren_liste_konstante_abfragen_und_statusfilter(
    anzahl,
    client_als,
    personal_a,
    leitung_a,
    leitung_a2,
    sachbearbeitung,
    anstalt_a,
    django_assert_max_num_queries,
):
    alle = []
    for i in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        vp = verfahren(personal_a, leitung_a, fall)
        if i % 3 == 1:
            eroeffnet(vp, leitung_a, leitung_a2)
        alle.append(vp)
    for user in (leitung_a, sachbearbeitung):
        c = client_als(user)
        # session, user, (facility of the header), count, page with decisions as subqueries, session update (3)
        # session, user, facility (filter choices or header), four aggregations, session update (3)
        with django_assert_max_num_queries(10):
            antwort = c.get(reverse("disziplinar:verfahren_liste"))
        assert antwort.context["seite"].paginator.count == anzahl
    antwort = client_als(leitung_a).get(reverse("disziplinar:verfahren_liste"), {"status": "entschieden"})
    assert antwort.context["seite"].paginator.count == len(alle[1::3])
    entschieden = [v for v in antwort.context["seite"] if v.verfuegung_pk]
    assert len(entschieden) == len(alle[1::3])


# --- Statistics -------------------------------------------------------------------------------------


def _statistikdaten(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a, anstalt_b):
    """2026: A opens one proceeding on 1 April 00:30 local (31 March in UTC) decided with Verweis
    (executed) and Busse (time-barred later), one on 15 May (time-barred); B one in April (stopped)."""
    leitung_b = benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)
    personal_b = benutzer("personal_b2", Rolle.ANSTALTSPERSONAL, anstalt_b)
    with time_machine.travel(datetime(2026, 4, 1, 0, 30, tzinfo=TZ), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        erstes = verfahren(personal_a, leitung_a, fall)
        v = eroeffnet(
            erstes,
            leitung_a,
            leitung_a2,
            [SanktionDaten(A.VERWEIS), SanktionDaten(A.BUSSE, betrag_chf=Decimal("50"))],
        )
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=TZ), tick=False):
        domain.sanktion_vollziehen(sanktion=v.disziplinarsanktionen.get(art=A.VERWEIS), durch=leitung_a)
    with time_machine.travel(datetime(2026, 4, 10, 9, 0, tzinfo=TZ), tick=False):
        fall_b = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)
        vb = verfahren(personal_b, leitung_b, fall_b)
        domain.verfahren_einstellen(verfahren=vb, grund="Kein Vergehen.", durch=leitung_b)
    with time_machine.travel(datetime(2026, 5, 15, 10, 0, tzinfo=TZ), tick=False):
        verfahren(personal_a, leitung_a, fall)
    vfg.rechtskraft_eintragen(heute=date(2026, 4, 20))
    lauf = domain.verjaehrung_eintragen(heute=date(2026, 11, 20))
    assert (lauf.verfahren, lauf.sanktionen) == (1, 1)


def _zeile(antwort, monat):
    return antwort.context["s"].monate[monat - 1]


@pytest.mark.rule("R-41-5a", "R-41-5b", "R-0-ROLE-1")
@pytest.mark.django_db
def test_statistik_zahlen_je_monat_art_anstalt_und_verjaehrung(
    client_als, personal_a, leitung_a, leitung_a2, sachbearbeitung, revision, anstalt_a, anstalt_b
):
    _statistikdaten(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a, anstalt_b)
    url = reverse("disziplinar:statistik")
    antwort = client_als(sachbearbeitung).get(url, {"jahr": 2026})
    s = antwort.context["s"]
    # 1 April 00:30 local is 31 March in UTC: the local month counts.
    assert _zeile(antwort, 3).verfahren == 0
    april, mai = _zeile(antwort, 4), _zeile(antwort, 5)
    assert (
        april.verfahren,
        april.entschieden,
        april.eingestellt,
        april.sanktionen,
        april.sanktionen_verjaehrt,
    ) == (
        2,
        1,
        1,
        2,
        1,
    )
    assert (mai.verfahren, mai.verfahren_verjaehrt, mai.offen) == (1, 1, 0)
    assert (s.total.verfahren, s.total.sanktionen) == (3, 2)
    assert [(z.anstalt, z.art, z.anzahl, z.vollzogen, z.verjaehrt) for z in s.sanktionen] == [
        ("JVA Grosshof", "a", 1, 1, 0),
        ("JVA Grosshof", "d", 1, 0, 1),
    ]
    assert [
        (z.anstalt, z.verfahren, z.verfahren_verjaehrt, z.sanktionen, z.sanktionen_verjaehrt)
        for z in s.verjaehrung
    ] == [
        ("JVA Grosshof", 2, 1, 2, 1),
        ("JVA Wauwilermoos", 1, 0, 0, 0),
    ]
    # The chart: one bar per month and series, April's proceedings bar highest.
    d = antwort.context["diagramm"]
    assert [b.wert for b in d.verfahren] == [0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0]
    assert [b.wert for b in d.sanktionen][3] == 2
    seite = antwort.content.decode()
    assert '<svg id="diagramm"' in seite and "April 2026" not in seite and "Apr 2026: 2 Verfahren" in seite
    assert "<script" not in seite

    # Filter by facility and year (authority).
    antwort = client_als(revision).get(url, {"jahr": 2026, "anstalt": anstalt_b.pk})
    assert (antwort.context["s"].total.verfahren, antwort.context["s"].total.eingestellt) == (1, 1)
    antwort = client_als(sachbearbeitung).get(url, {"jahr": 2025})
    assert antwort.context["s"].total.verfahren == 0

    # Facility management: its own facility only, whatever it asks for.
    antwort = client_als(leitung_a).get(url, {"jahr": 2026, "anstalt": anstalt_b.pk})
    s = antwort.context["s"]
    assert (s.anstalt_name, s.total.verfahren, s.total.eingestellt, s.total.sanktionen) == (
        "JVA Grosshof",
        2,
        0,
        2,
    )
    assert [z.anstalt for z in s.verjaehrung] == ["JVA Grosshof"]


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_statistik_nur_leitung_sachbearbeitung_revision(
    client_als, personal_a, medizin, bedrohung, admin_user
):
    url = reverse("disziplinar:statistik")
    for user in (personal_a, medizin, bedrohung, admin_user):
        assert client_als(user).get(url).status_code == 403


@pytest.mark.django_db
def test_statistik_csv_semikolon_utf8_bom_deutsche_spalten(
    client_als, personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a, anstalt_b
):
    _statistikdaten(personal_a, leitung_a, leitung_a2, sachbearbeitung, anstalt_a, anstalt_b)
    antwort = client_als(sachbearbeitung).get(
        reverse("disziplinar:statistik"), {"jahr": 2026, "format": "csv"}
    )
    assert antwort["Content-Type"] == "text/csv; charset=utf-8"
    assert antwort["Content-Disposition"] == 'attachment; filename="disziplinarstatistik-2026.csv"'
    assert antwort.content.startswith(b"\xef\xbb\xbf")
    zeilen = list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0] == ["Disziplinarstatistik (§§ 40–45 JVG)", "Jahr 2026", "alle Einrichtungen"]
    assert zeilen[3] == [
        "Monat",
        "Verfahren eröffnet",
        "davon offen",
        "davon entschieden",
        "davon eingestellt",
        "davon verjährt",
        "Sanktionen verfügt",
        "davon verjährt",
    ]
    assert zeilen[4 + 3] == ["04.2026", "2", "0", "1", "1", "0", "2", "1"]
    assert zeilen[4 + 12] == ["Total", "3", "0", "1", "1", "1", "2", "1"]
    i = zeilen.index(["Sanktionen nach Art und Einrichtung"])
    assert zeilen[i + 1] == [
        "Einrichtung",
        "Sanktion (§ 41 Abs. 1 JVG)",
        "Anzahl",
        "davon vollzogen",
        "davon verjährt",
    ]
    assert zeilen[i + 2 : i + 4] == [
        ["JVA Grosshof", "lit. a: Verweis", "1", "1", "0"],
        ["JVA Grosshof", "lit. d: Busse", "1", "0", "1"],
    ]
    i = zeilen.index(["Verjährungsfälle (§ 41 Abs. 5 JVG)"])
    assert zeilen[i + 2 :] == [["JVA Grosshof", "2", "1", "2", "1"], ["JVA Wauwilermoos", "1", "0", "0", "0"]]
    # Facility management: the file names its facility.
    antwort = client_als(leitung_a).get(reverse("disziplinar:statistik"), {"jahr": 2026, "format": "csv"})
    assert antwort["Content-Disposition"] == 'attachment; filename="disziplinarstatistik-2026-grosshof.csv"'


@pytest.mark.parametrize("anzahl", [1, 20])
@pytest.mark.django_db
def test_statistik_konstante_abfragen(
    anzahl,
    client_als,
    personal_a,
    leitung_a,
    leitung_a2,
    sachbearbeitung,
    anstalt_a,
    django_assert_max_num_queries,
):
    for i in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        vp = verfahren(personal_a, leitung_a, fall)
        if i % 2:
            eroeffnet(
                vp, leitung_a, leitung_a2, [SanktionDaten(A.VERWEIS), SanktionDaten(A.ARREST, dauer_tage=2)]
            )
    for user, parameter in ((sachbearbeitung, {}), (leitung_a, {}), (sachbearbeitung, {"format": "csv"})):
        c = client_als(user)
        # session, user, facility (filter choices or header), four aggregations, session update (3)
        with django_assert_max_num_queries(10):
            antwort = c.get(reverse("disziplinar:statistik"), parameter)
        assert antwort.status_code == 200
    assert (
        client_als(sachbearbeitung).get(reverse("disziplinar:statistik")).context["s"].total.verfahren
        == anzahl
    )
