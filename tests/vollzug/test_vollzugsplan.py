"""Vollzugsplan (§ 18 JVG): R-18-1 (who needs a plan, when it is due), R-18-2 (drawn up by the facility
management, contents and stages), R-18-3 (reviews as new versions, sending to the authority, review
deadline), the stage moves for § 41 Abs. 1 lit. c, the pages, the API and their query budgets."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from fristenkontrolle.queries import alle_fristen
from kern.audit import system_benutzer
from kern.fristen import tagesende
from kern.models import Aktion, Aufgabe, Benutzer, Lesezugriff
from kern.rollen import Rolle
from protokoll.domain import historie
from tests.factories import api_token, fall_anlegen, person_anlegen
from vollzug import domain, views_plan
from vollzug.domain import StufeDaten
from vollzug.models import Vollzugsplan, Vollzugsplanversion
from vollzug.queries import vollzugsplan_erforderlich
from vollzug.recht import Entscheidart, Sanktionsart, VollzugAufgabenart

ZH = ZoneInfo("Europe/Zurich")
STUFEN = [
    StufeDaten(1, "Eintrittsabteilung", "Abklärung, Arbeit im Haus"),
    StufeDaten(2, "Wohngruppe"),
    StufeDaten(3, "Offener Vollzug", "Urlaube nach Vollzugsplan"),
]


@pytest.fixture
def leitung_b(anstalt_b):
    user = Benutzer(
        username="leitung_b", rolle=Rolle.ANSTALTSLEITUNG, anstalt=anstalt_b, first_name="leitung_b"
    )
    user.set_password("x")
    user.save()
    return user


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, monate=8, eingewiesen_in=anstalt_a)


def _version(fall, durch, *, stufen=STUFEN, aktuelle_stufe=1, anlass="", **texte):
    daten = {
        "gestaltung": "Normalvollzug, Arbeit in der Schreinerei",
        "vollzugsziele": "Deliktsaufarbeitung, Schuldensanierung",
        "wiedereingliederung": "Wohnung und Stelle suchen, Bewährungshilfe",
    }
    daten.update(texte)
    return domain.version_erstellen(
        fall=fall, stufen=stufen, aktuelle_stufe=aktuelle_stufe, anlass=anlass, durch=durch, **daten
    )


def _fall_mit(sachbearbeitung, sanktionen, *, eingewiesen_in=None, am=None):
    """A case with exactly these sanctions (§12 intake), optionally placed."""
    fall = domain.fall_erfassen(
        person=person_anlegen(durch=sachbearbeitung),
        entscheid=domain.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht Luzern",
            referenz=f"KG-18-{Vollzugsplan.objects.count()}-{timezone.now().timestamp()}",
            entscheid_datum=date(2026, 1, 5),
            rechtskraft_am=date(2026, 2, 10),
        ),
        sanktionen=sanktionen,
        durch=sachbearbeitung,
    )
    if eingewiesen_in is not None:
        domain.einweisen(
            fall=fall,
            anstalt=eingewiesen_in,
            am=am or timezone.now() - timedelta(days=1),
            durch=sachbearbeitung,
        )
        fall.refresh_from_db()
    return fall


def _fs(monate=0, tage=0, art=Sanktionsart.FREIHEITSSTRAFE):
    return domain.SanktionDaten(art=art, dauer_monate=monate, dauer_tage=tage)


def _plan_fristen(user, **kw):
    return alle_fristen(user, typ="vollzugsplan", **kw)


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


# --- R-18-1: who needs a plan -------------------------------------------------------------------


@pytest.mark.rule("R-18-1")
@pytest.mark.parametrize(
    ("sanktionen", "erforderlich"),
    [
        ([_fs(5, 29)], False),  # 179 days: one day short
        ([_fs(6)], True),  # the boundary itself
        ([_fs(5, 30)], True),  # 5 months + 30 days = 180 days
        ([_fs(3), _fs(3)], True),  # two sentences add up
        ([_fs(3), _fs(2, 29)], False),
        ([_fs(6, art=Sanktionsart.ERSATZFREIHEITSSTRAFE)], True),  # counts as custodial sentence
        ([_fs(4), _fs(2, art=Sanktionsart.ERSATZFREIHEITSSTRAFE)], True),
        ([domain.SanktionDaten(art=Sanktionsart.STATIONAERE_MASSNAHME)], False),  # a measure alone does not
        ([_fs(5), domain.SanktionDaten(art=Sanktionsart.VERWAHRUNG)], False),
    ],
)
def test_plan_erforderlich_ab_sechs_monaten_freiheitsstrafe(
    sachbearbeitung, anstalt_a, sanktionen, erforderlich
):
    fall = _fall_mit(sachbearbeitung, sanktionen, eingewiesen_in=anstalt_a)

    assert vollzugsplan_erforderlich(fall) is erforderlich
    # The same boundary in the Fristenkontrolle and on the case page.
    assert len(_plan_fristen(sachbearbeitung)) == (1 if erforderlich else 0)
    assert views_plan.kontext_fuer_fall(fall, sachbearbeitung)["vollzugsplan"].erforderlich is erforderlich


@pytest.mark.rule("R-18-1", "R-0-BAD-1")
def test_plan_ohne_erfordernis_wird_mit_regel_verweigert(sachbearbeitung, anstalt_a, leitung_a):
    fall = _fall_mit(sachbearbeitung, [_fs(5, 29)], eingewiesen_in=anstalt_a)

    with pytest.raises(ValidationError) as fehler:
        _version(fall, leitung_a)

    assert fehler.value.message_dict["__all__"] == [
        "§ 18 Abs. 1 JVG (R-18-1): Ein Vollzugsplan ist nur bei einer Freiheitsstrafe von mindestens sechs "
        "Monaten vorgesehen; die Freiheitsstrafen dieses Falls erreichen das nicht."
    ]
    assert Vollzugsplan.objects.count() == 0


@pytest.mark.rule("R-18-1", "R-0-FRIST-4")
def test_plan_faellig_60_tage_nach_vollzugsbeginn_dann_ueberfaellig(sachbearbeitung, anstalt_a, leitung_a):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=ZH), tick=False):
        fall = fall_anlegen(
            durch=sachbearbeitung, monate=8, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now()
        )

    (eintrag,) = _plan_fristen(sachbearbeitung)
    assert (eintrag.titel, eintrag.faellig, eintrag.regel, eintrag.anstalt_name, eintrag.person_id) == (
        f"Vollzugsplan erstellen: Fall {fall.fallnummer} (§ 18 Abs. 1 JVG)",
        tagesende(date(2026, 5, 1)),  # 02.03. + 60 days
        "R-18-1",
        "JVA Grosshof",
        fall.person_id,
    )
    assert [e.titel for e in _plan_fristen(leitung_a)] == [eintrag.titel]
    with time_machine.travel(datetime(2026, 5, 1, 23, 59, tzinfo=ZH), tick=False):
        vp = views_plan.kontext_fuer_fall(fall, sachbearbeitung)["vollzugsplan"]
        assert (vp.faellig, vp.faellig_art, vp.ueberfaellig) == (date(2026, 5, 1), "erstellen", False)
    with time_machine.travel(datetime(2026, 5, 2, 0, 1, tzinfo=ZH), tick=False):
        assert views_plan.kontext_fuer_fall(fall, sachbearbeitung)["vollzugsplan"].ueberfaellig is True


@pytest.mark.rule("R-18-1", "R-0-ROLE-1")
def test_planfrist_nur_fuer_sichtbare_faelle_im_vollzug(sachbearbeitung, anstalt_a, personal_b, fall):
    nicht_eingewiesen = fall_anlegen(durch=sachbearbeitung, monate=8)

    assert [e.titel for e in _plan_fristen(sachbearbeitung)] == [
        f"Vollzugsplan erstellen: Fall {fall.fallnummer} (§ 18 Abs. 1 JVG)"
    ]
    assert nicht_eingewiesen.fallnummer not in _plan_fristen(sachbearbeitung)[0].titel
    assert _plan_fristen(personal_b) == []
    domain.entlassen(fall=fall, am=timezone.now(), durch=sachbearbeitung)
    assert _plan_fristen(sachbearbeitung) == []


# --- R-18-2: drawn up by the facility management --------------------------------------------------


@pytest.mark.rule("R-18-2")
def test_anstaltsleitung_erstellt_plan_mit_inhalt_und_stufen(leitung_a, anstalt_a, fall):
    jetzt = datetime(2026, 3, 12, 9, 30, tzinfo=ZH)
    with time_machine.travel(jetzt, tick=False):
        version = _version(fall, leitung_a, aktuelle_stufe=2)

    vp = Vollzugsplan.objects.get(fall=fall)
    assert (version.nummer, version.anstalt, version.erstellt_durch, version.erstellt_am) == (
        1,
        anstalt_a,
        leitung_a,
        jetzt,
    )
    assert (version.gestaltung, version.zugestellt_am) == ("Normalvollzug, Arbeit in der Schreinerei", None)
    assert list(version.stufen.values_list("nummer", "bezeichnung", "beschreibung")) == [
        (1, "Eintrittsabteilung", "Abklärung, Arbeit im Haus"),
        (2, "Wohngruppe", ""),
        (3, "Offener Vollzug", "Urlaube nach Vollzugsplan"),
    ]
    assert (vp.aktuelle_stufe, vp.stufe_seit) == (2, jetzt)
    assert version.history.get().history_user == leitung_a


@pytest.mark.rule("R-18-2", "R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["personal_a", "sachbearbeitung", "revision", "leitung_b", "medizin"])
def test_nur_anstaltsleitung_der_aktuellen_einrichtung_erstellt(request, fall, persona):
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied) as fehler:
        _version(fall, user)

    assert "Keine Berechtigung: Vollzugsplan erstellen (§ 18 Abs. 1 JVG)" in str(fehler.value)
    assert "(R-0-ROLE-1)" in str(fehler.value)
    assert Vollzugsplanversion.objects.count() == 0


@pytest.mark.rule("R-18-2", "R-0-ROLE-1")
def test_nach_versetzung_erstellt_die_neue_einrichtung(
    sachbearbeitung, leitung_a, leitung_b, anstalt_b, fall
):
    domain.versetzen(fall=fall, anstalt=anstalt_b, am=timezone.now(), grund="e", durch=sachbearbeitung)

    with pytest.raises(PermissionDenied):
        _version(fall, leitung_a)
    assert _version(fall, leitung_b).anstalt == anstalt_b


@pytest.mark.rule("R-18-2", "R-0-ROLE-1")
def test_ui_personal_403_fremde_leitung_404(client_als, personal_a, leitung_b, fall):
    url = reverse("vollzug:plan_neu", args=[fall.pk])

    assert client_als(personal_a).get(url).status_code == 403
    assert client_als(personal_a).post(url, {"gestaltung": "x"}).status_code == 403
    assert client_als(leitung_b).get(url).status_code == 404
    assert client_als(leitung_b).get(reverse("vollzug:plan_detail", args=[fall.pk])).status_code == 404
    assert Vollzugsplanversion.objects.count() == 0


@pytest.mark.rule("R-18-2", "R-0-BAD-1")
def test_fehlende_inhalte_werden_mit_regel_verweigert(leitung_a, fall):
    with pytest.raises(ValidationError) as fehler:
        _version(fall, leitung_a, gestaltung=" ", vollzugsziele="", wiedereingliederung="")

    assert fehler.value.message_dict == {
        "gestaltung": [
            "§ 18 Abs. 1 JVG (R-18-2): Der Vollzugsplan umfasst die Gestaltung des Vollzugs – bitte ausfüllen."
        ],
        "vollzugsziele": [
            "§ 18 Abs. 1 JVG (R-18-2): Der Vollzugsplan umfasst die Vollzugsziele – bitte ausfüllen."
        ],
        "wiedereingliederung": [
            "§ 18 Abs. 1 JVG (R-18-2): Der Vollzugsplan umfasst die Wiedereingliederung nach der Entlassung – "
            "bitte ausfüllen."
        ],
    }
    assert Vollzugsplan.objects.count() == 0


@pytest.mark.rule("R-18-2", "R-0-BAD-1")
@pytest.mark.parametrize(
    ("stufen", "aktuelle", "feld", "anfang"),
    [
        (
            [],
            1,
            "stufen",
            "§ 18 Abs. 1 JVG (R-18-2): Der Vollzugsplan legt mindestens eine Vollzugsstufe fest.",
        ),
        (
            [StufeDaten(1, "A"), StufeDaten(3, "C")],
            1,
            "stufen",
            "§ 18 Abs. 1 JVG (R-18-2): Die Stufen sind von 1",
        ),
        (
            [StufeDaten(1, "A"), StufeDaten(1, "B")],
            1,
            "stufen",
            "§ 18 Abs. 1 JVG (R-18-2): Die Stufen sind von 1",
        ),
        (
            [StufeDaten(2, "B"), StufeDaten(3, "C")],
            2,
            "stufen",
            "§ 18 Abs. 1 JVG (R-18-2): Die Stufen sind von 1",
        ),
        (
            [StufeDaten(1, "A"), StufeDaten(2, "B")],
            3,
            "aktuelle_stufe",
            "§ 18 Abs. 1 JVG (R-18-2): Die aktuelle",
        ),
        (
            [StufeDaten(1, "A"), StufeDaten(2, " ")],
            1,
            "stufen[1].bezeichnung",
            "§ 18 Abs. 1 JVG (R-18-2): Stufe 2",
        ),
        ([StufeDaten(1, "x" * 121)], 1, "stufen[0].bezeichnung", "§ 18 Abs. 1 JVG (R-18-2): Die Bezeichnung"),
    ],
)
def test_stufen_werden_geprueft(leitung_a, fall, stufen, aktuelle, feld, anfang):
    with pytest.raises(ValidationError) as fehler:
        _version(fall, leitung_a, stufen=stufen, aktuelle_stufe=aktuelle)

    assert list(fehler.value.message_dict) == [feld]
    assert fehler.value.message_dict[feld][0].startswith(anfang)
    assert Vollzugsplanversion.objects.count() == 0


@pytest.mark.rule("R-18-2", "R-0-BAD-1")
def test_ui_formular_zeigt_fehler_am_feld_und_speichert_gueltige_version(client_als, leitung_a, fall):
    client = client_als(leitung_a)
    url = reverse("vollzug:plan_neu", args=[fall.pk])

    leer = client.post(
        url, {"gestaltung": "", "vollzugsziele": "Ziele", "wiedereingliederung": "", "stufen": ""}
    )

    assert leer.status_code == 200
    fehler = leer.context["form"].errors
    assert fehler["gestaltung"] == [
        "§ 18 Abs. 1 JVG (R-18-2): Der Vollzugsplan umfasst die Gestaltung des Vollzugs – bitte ausfüllen."
    ]
    assert fehler["stufen"] == [
        "§ 18 Abs. 1 JVG (R-18-2): Der Vollzugsplan legt mindestens eine Vollzugsstufe fest."
    ]
    assert "anlass" not in leer.context["form"].fields  # the first version has no review
    assert Vollzugsplanversion.objects.count() == 0

    ok = client.post(
        url,
        {
            "gestaltung": "Gestaltung",
            "vollzugsziele": "Ziele",
            "wiedereingliederung": "Wiedereingliederung",
            "stufen": "Eintritt | drei Monate\n\nWohngruppe\nOffen",
            "aktuelle_stufe": "1",
        },
    )

    version = Vollzugsplanversion.objects.get()
    assert ok.status_code == 302
    assert ok["Location"] == reverse("vollzug:plan_version", args=[fall.pk, 1])
    assert list(version.stufen.values_list("nummer", "bezeichnung", "beschreibung")) == [
        (1, "Eintritt", "drei Monate"),
        (2, "Wohngruppe", ""),
        (3, "Offen", ""),
    ]
    assert version.erstellt_durch == leitung_a


# --- R-18-3: reviews are new versions, sent to the authority ---------------------------------------


@pytest.mark.rule("R-18-3")
def test_ueberpruefung_ist_neue_version_alte_bleibt_unveraendert(
    client_als, leitung_a, sachbearbeitung, fall
):
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=ZH), tick=False):
        v1 = _version(fall, leitung_a, aktuelle_stufe=1)
    vorher = Vollzugsplanversion.objects.filter(pk=v1.pk).values().get()
    with time_machine.travel(datetime(2026, 9, 1, 9, 0, tzinfo=ZH), tick=False):
        v2 = _version(fall, leitung_a, aktuelle_stufe=1, anlass="Halbjährliche Überprüfung", gestaltung="Neu")

    assert (v2.nummer, v2.plan_id, v2.gestaltung) == (2, v1.plan_id, "Neu")
    assert Vollzugsplanversion.objects.filter(pk=v1.pk).values().get() == vorher
    vp = Vollzugsplan.objects.get()
    # The stage did not change: stufe_seit stays at version 1.
    assert (vp.aktuelle_stufe, vp.stufe_seit) == (1, datetime(2026, 3, 12, 9, 0, tzinfo=ZH))
    alt = client_als(sachbearbeitung).get(reverse("vollzug:plan_version", args=[fall.pk, 1]))
    assert alt.status_code == 200
    assert alt.context["version"].gestaltung == "Normalvollzug, Arbeit in der Schreinerei"
    assert "Normalvollzug, Arbeit in der Schreinerei" in alt.content.decode()


@pytest.mark.rule("R-18-3", "R-0-BAD-1")
def test_ueberpruefung_verlangt_anlass(leitung_a, fall):
    _version(fall, leitung_a)

    with pytest.raises(ValidationError) as fehler:
        _version(fall, leitung_a, anlass="  ")

    assert fehler.value.message_dict == {
        "anlass": [
            "§ 18 Abs. 2 JVG (R-18-3): Eine Überprüfung hält Anlass und Ergebnis fest – bitte ausfüllen."
        ]
    }
    assert Vollzugsplanversion.objects.count() == 1


@pytest.mark.rule("R-18-3")
def test_ueberpruefung_aendert_stufe_und_stufe_seit(leitung_a, fall):
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=ZH), tick=False):
        _version(fall, leitung_a, aktuelle_stufe=1)
    with time_machine.travel(datetime(2026, 9, 1, 9, 0, tzinfo=ZH), tick=False):
        _version(fall, leitung_a, aktuelle_stufe=2, anlass="Fortschritte")

    vp = Vollzugsplan.objects.get()
    assert (vp.aktuelle_stufe, vp.stufe_seit) == (2, datetime(2026, 9, 1, 9, 0, tzinfo=ZH))


@pytest.mark.rule("R-18-3")
def test_ui_ueberpruefung_ist_vorausgefuellt(client_als, leitung_a, fall):
    _version(fall, leitung_a, aktuelle_stufe=2)

    antwort = client_als(leitung_a).get(reverse("vollzug:plan_neu", args=[fall.pk]))

    form = antwort.context["form"]
    assert "anlass" in form.fields
    assert (form.initial["gestaltung"], form.initial["aktuelle_stufe"]) == (
        "Normalvollzug, Arbeit in der Schreinerei",
        2,
    )
    assert form.initial["stufen"] == (
        "Eintrittsabteilung | Abklärung, Arbeit im Haus\nWohngruppe\nOffener Vollzug | Urlaube nach Vollzugsplan"
    )


@pytest.mark.rule("R-18-3", "R-0-FRIST-4", "R-0-FRIST-2")
@pytest.mark.parametrize(
    ("erstellt", "faellig"),
    [
        (datetime(2026, 3, 12, 9, 0, tzinfo=ZH), date(2026, 9, 12)),
        (datetime(2026, 8, 31, 23, 30, tzinfo=ZH), date(2027, 2, 28)),  # Art. 77 OR: month's last day
    ],
)
def test_ueberpruefung_faellig_nach_sechs_monaten(sachbearbeitung, leitung_a, anstalt_a, erstellt, faellig):
    with time_machine.travel(erstellt - timedelta(days=20), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now())
    with time_machine.travel(erstellt, tick=False):
        _version(fall, leitung_a)

    (eintrag,) = _plan_fristen(sachbearbeitung)
    assert (eintrag.titel, eintrag.faellig, eintrag.regel) == (
        f"Vollzugsplan überprüfen: Fall {fall.fallnummer} (§ 18 Abs. 2 JVG)",
        tagesende(faellig),
        "R-18-3",
    )
    assert domain.naechste_ueberpruefung(Vollzugsplan.objects.get()) == faellig
    with time_machine.travel(tagesende(faellig) + timedelta(seconds=2), tick=False):
        assert views_plan.kontext_fuer_fall(fall, leitung_a)["vollzugsplan"].ueberfaellig is True


@pytest.mark.rule("R-18-3")
def test_zustellen_haelt_zeit_und_person_fest_und_erzeugt_aufgabe(leitung_a, fall):
    with time_machine.travel(datetime(2026, 3, 31, 9, 0, tzinfo=ZH), tick=False):
        version = _version(fall, leitung_a)
    jetzt = datetime(2026, 4, 1, 14, 0, tzinfo=ZH)

    with time_machine.travel(jetzt, tick=False):
        domain.version_zustellen(version=version, durch=leitung_a)

    version.refresh_from_db()
    assert (version.zugestellt_am, version.zugestellt_durch) == (jetzt, leitung_a)
    aufgabe = Aufgabe.objects.get()
    assert (aufgabe.art, aufgabe.fuer_rolle, aufgabe.fall, aufgabe.faellig_am, aufgabe.titel) == (
        VollzugAufgabenart.VOLLZUGSPLAN_ZUGESTELLT,
        Rolle.SACHBEARBEITUNG,
        fall,
        tagesende(date(2026, 4, 11)),
        f"Vollzugsplan Version 1 (Fall {fall.fallnummer}) zur Kenntnis nehmen",
    )
    assert version.history.first().history_user == leitung_a


@pytest.mark.rule("R-18-3", "R-0-BAD-1")
def test_zweites_zustellen_wird_verweigert(leitung_a, fall):
    with time_machine.travel(datetime(2026, 3, 31, 9, 0, tzinfo=ZH), tick=False):
        version = _version(fall, leitung_a)
    with time_machine.travel(datetime(2026, 4, 1, 14, 0, tzinfo=ZH), tick=False):
        domain.version_zustellen(version=version, durch=leitung_a)

    with pytest.raises(ValidationError) as fehler:
        domain.version_zustellen(version=version, durch=leitung_a)

    assert fehler.value.message_dict == {
        "zugestellt_am": [
            "§ 18 Abs. 2 JVG (R-18-3): Version 1 wurde der Vollzugsbehörde bereits am 01.04.2026 14:00 zugestellt."
        ]
    }
    assert Aufgabe.objects.count() == 1


@pytest.mark.rule("R-18-3", "R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["personal_a", "sachbearbeitung", "leitung_b"])
def test_zustellen_nur_durch_anstaltsleitung(request, leitung_a, fall, persona):
    version = _version(fall, leitung_a)

    with pytest.raises(PermissionDenied):
        domain.version_zustellen(version=version, durch=request.getfixturevalue(persona))

    version.refresh_from_db()
    assert version.zugestellt_am is None


@pytest.mark.rule("R-18-3")
def test_ui_zustellen_und_kenntnisnahme(client_als, leitung_a, sachbearbeitung, personal_a, fall):
    _version(fall, leitung_a)
    url = reverse("vollzug:plan_zustellen", args=[fall.pk, 1])

    assert client_als(personal_a).post(url).status_code == 403
    fallseite = client_als(leitung_a).get(reverse("vollzug:fall_detail", args=[fall.pk])).content.decode()
    assert '<span class="badge badge-warnung">nicht zugestellt</span>' in fallseite
    assert url in fallseite
    antwort = client_als(leitung_a).post(url)
    zweimal = client_als(leitung_a).post(url, follow=True)

    assert antwort.status_code == 302
    assert "§ 18 Abs. 2 JVG: Version 1 wurde der Vollzugsbehörde bereits am" in zweimal.content.decode()
    aufgabe = Aufgabe.objects.get()
    seite = client_als(sachbearbeitung).get(reverse("vollzug:plan_detail", args=[fall.pk]))
    assert seite.context["offene_aufgaben"] == [aufgabe]
    kenntnis = client_als(sachbearbeitung).post(reverse("vollzug:plan_kenntnis", args=[fall.pk, aufgabe.pk]))
    assert kenntnis.status_code == 302
    aufgabe.refresh_from_db()
    assert (aufgabe.erledigt_durch, aufgabe.erledigt_am is not None) == (sachbearbeitung, True)


# --- § 41 Abs. 1 lit. c: moving the stage ---------------------------------------------------------


@pytest.mark.rule("R-18-2")
def test_stufe_zurueckversetzen_um_eine_stufe_mit_grund_in_der_historie(leitung_a, fall):
    with time_machine.travel(datetime(2026, 3, 31, 9, 0, tzinfo=ZH), tick=False):
        _version(fall, leitung_a, aktuelle_stufe=3)
    jetzt = datetime(2026, 5, 4, 8, 0, tzinfo=ZH)

    with time_machine.travel(jetzt, tick=False):
        vp = domain.stufe_zurueckversetzen(
            fall=fall, durch=leitung_a, grund="Disziplinarverfügung D-2026-00001 (§ 41 Abs. 1 lit. c JVG)"
        )

    vp.refresh_from_db()
    assert (vp.aktuelle_stufe, vp.stufe_seit) == (2, jetzt)
    letzte = vp.history.first()
    assert (letzte.aktuelle_stufe, letzte.history_user, letzte.history_change_reason) == (
        2,
        leitung_a,
        "Disziplinarverfügung D-2026-00001 (§ 41 Abs. 1 lit. c JVG)",
    )
    assert Vollzugsplanversion.objects.count() == 1  # no new version


@pytest.mark.rule("R-18-2", "R-0-BAD-1")
def test_stufe_zurueckversetzen_in_tiefster_stufe_verweigert(leitung_a, fall):
    _version(fall, leitung_a, aktuelle_stufe=1)

    with pytest.raises(ValidationError) as fehler:
        domain.stufe_zurueckversetzen(fall=fall, durch=leitung_a, grund="Sanktion")

    assert fehler.value.message_dict == {
        "stufe": [
            "§ 41 Abs. 1 lit. c JVG: Die Person ist bereits in der tiefsten Vollzugsstufe (Stufe 1); eine "
            "Rückversetzung ist nicht möglich."
        ]
    }
    assert Vollzugsplan.objects.get().aktuelle_stufe == 1


@pytest.mark.rule("R-18-2", "R-0-BAD-1")
def test_stufe_zurueckversetzen_ohne_plan_verweigert(leitung_a, fall):
    with pytest.raises(ValidationError) as fehler:
        domain.stufe_zurueckversetzen(fall=fall, durch=leitung_a, grund="Sanktion")

    assert fehler.value.message_dict == {
        "stufe": ["§ 41 Abs. 1 lit. c JVG: Der Fall hat keinen Vollzugsplan mit festgelegter Stufe."]
    }


@pytest.mark.rule("R-18-2", "R-0-ROLE-1")
def test_stufe_zurueckversetzen_berechtigung(leitung_a, personal_a, leitung_b, fall):
    _version(fall, leitung_a, aktuelle_stufe=3)

    for user in (personal_a, leitung_b):
        with pytest.raises(PermissionDenied):
            domain.stufe_zurueckversetzen(fall=fall, durch=user, grund="Sanktion")
    with pytest.raises(ValidationError) as fehler:
        domain.stufe_zurueckversetzen(fall=fall, durch=leitung_a, grund=" ")
    assert fehler.value.message_dict == {
        "grund": ["§ 41 Abs. 1 lit. c JVG: Bitte den Grund der Stufenänderung angeben."]
    }
    job = system_benutzer("disziplinar")
    assert (
        domain.stufe_zurueckversetzen(fall=fall, durch=job, grund="Sanktion rechtskräftig").aktuelle_stufe
        == 2
    )
    assert Vollzugsplan.objects.get().history.first().history_user == job


@pytest.mark.rule("R-18-2")
def test_stufe_setzen_nur_auf_stufen_der_letzten_version(client_als, leitung_a, personal_a, fall):
    _version(fall, leitung_a, aktuelle_stufe=1)

    with pytest.raises(ValidationError) as fehler:
        domain.stufe_setzen(fall=fall, stufe=4, durch=leitung_a, grund="Fortschritt")
    assert fehler.value.message_dict["stufe"] == [
        "§ 18 JVG (R-18-2): Stufe 4 ist in Version 1 des Vollzugsplans nicht festgelegt (Stufen 1–3)."
    ]
    with pytest.raises(ValidationError):
        domain.stufe_setzen(fall=fall, stufe=1, durch=leitung_a, grund="Fortschritt")

    formular = client_als(leitung_a).get(reverse("vollzug:plan_stufe", args=[fall.pk]))
    assert formular.status_code == 200
    assert [c[0] for c in formular.context["form"].fields["stufe"].choices] == ["", 1, 2, 3]
    assert client_als(personal_a).get(reverse("vollzug:plan_stufe", args=[fall.pk])).status_code == 403

    antwort = client_als(leitung_a).post(
        reverse("vollzug:plan_stufe", args=[fall.pk]), {"stufe": "3", "grund": "Gut"}
    )

    assert antwort.status_code == 302
    vp = Vollzugsplan.objects.get()
    assert (vp.aktuelle_stufe, vp.history.first().history_change_reason) == (3, "Gut")
    seite = client_als(leitung_a).get(reverse("vollzug:plan_detail", args=[fall.pk]))
    assert [(h.aktuelle_stufe, h.history_change_reason) for h in seite.context["stufenverlauf"]] == [
        (3, "Gut"),
        (1, "Version 1 (§ 18 JVG), Stufe 1"),
    ]


# --- Pages: content, diff, read log, audit, query budget ------------------------------------------


@pytest.mark.rule("R-18-3")
def test_versionen_vergleichen_zeigt_aenderungen(client_als, leitung_a, sachbearbeitung, fall):
    _version(fall, leitung_a, vollzugsziele="Deliktsaufarbeitung\nSchuldensanierung")
    _version(
        fall,
        leitung_a,
        anlass="Überprüfung",
        vollzugsziele="Deliktsaufarbeitung\nLehrabschluss",
        stufen=[*STUFEN, StufeDaten(4, "Arbeitsexternat")],
    )

    antwort = client_als(sachbearbeitung).get(
        reverse("vollzug:plan_vergleich", args=[fall.pk]), {"von": 1, "bis": 2}
    )

    unterschiede = dict(antwort.context["unterschiede"])
    assert unterschiede["Gestaltung des Vollzugs"] == []
    assert unterschiede["Vollzugsziele"] == [
        "@@ -1,2 +1,2 @@",
        " Deliktsaufarbeitung",
        "-Schuldensanierung",
        "+Lehrabschluss",
    ]
    assert unterschiede["Vollzugsstufen"][-1] == "+4. Arbeitsexternat"
    html = antwort.content.decode()
    assert "<del>− Schuldensanierung</del>" in html
    assert "<ins>+ Lehrabschluss</ins>" in html
    assert (
        client_als(sachbearbeitung)
        .get(reverse("vollzug:plan_vergleich", args=[fall.pk]), {"von": 1, "bis": 9})
        .status_code
        == 404
    )


@pytest.mark.rule("R-0-AUDIT-2")
def test_planseiten_protokollieren_lesezugriff(client_als, leitung_a, sachbearbeitung, fall):
    _version(fall, leitung_a)
    client = client_als(sachbearbeitung)

    client.get(reverse("vollzug:plan_detail", args=[fall.pk]))
    client.get(reverse("vollzug:plan_version", args=[fall.pk, 1]))

    assert list(
        Lesezugriff.objects.filter(benutzer=sachbearbeitung)
        .order_by("pk")
        .values_list("person_id", "objekt_typ", "aktion")
    ) == [
        (fall.person_id, "vollzug.vollzugsplan", Aktion.ANSICHT),
        (fall.person_id, "vollzug.vollzugsplanversion", Aktion.ANSICHT),
    ]


@pytest.mark.rule("R-0-AUDIT-1")
def test_schreiben_erscheint_im_aenderungsprotokoll_mit_akteur(client_als, leitung_a, revision, fall):
    client_als(leitung_a).post(
        reverse("vollzug:plan_neu", args=[fall.pk]),
        {
            "gestaltung": "Gestaltung",
            "vollzugsziele": "Ziele",
            "wiedereingliederung": "Wiedereingliederung",
            "stufen": "Eintritt\nWohngruppe",
            "aktuelle_stufe": "1",
        },
    )
    version = Vollzugsplanversion.objects.get()

    antwort = client_als(revision).get(
        reverse("protokoll:aenderungen"), {"typ": "vollzug.vollzugsplanversion"}
    )

    assert antwort.status_code == 200
    zeilen = [(e.aktion, e.objekt_typ, e.objekt_id, e.akteur) for e in antwort.context["seite"].eintraege]
    assert zeilen == [("+", "Vollzugsplan-Version", version.pk, "leitung_a Test")]
    assert antwort.context["seite"].eintraege[0].grund == "Vollzugsplan erstellt (§ 18 Abs. 1 JVG)"


@pytest.mark.rule("R-0-AUDIT-1")
@pytest.mark.parametrize("anzahl", [1, 20])
def test_aenderungsprotokoll_mit_planversionen_konstante_abfragen(
    client_als, leitung_a, revision, fall, anzahl, django_assert_max_num_queries
):
    _version(fall, leitung_a)
    for i in range(1, anzahl):
        _version(fall, leitung_a, anlass=f"Überprüfung {i}")
    client = client_als(revision)
    with django_assert_max_num_queries(2 * len(historie.verfolgte_modelle()) + 8):
        antwort = client.get(reverse("protokoll:aenderungen"), {"typ": "vollzug.vollzugsplanversion"})
    assert len(antwort.context["seite"].eintraege) == anzahl
    assert antwort.context["seite"].eintraege[0].objekt == f"Vollzugsplan-Version {anzahl}"


@pytest.mark.parametrize("anzahl", [1, 20])
def test_planseite_und_fallseite_konstante_abfragen(
    client_als,
    leitung_a,
    sachbearbeitung,
    fall,
    anzahl,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    _version(fall, leitung_a)
    for i in range(1, anzahl):
        _version(fall, leitung_a, anlass=f"Überprüfung {i}")
    client = client_als(sachbearbeitung)

    # session, user, case, versions, stages, read log, stage history, open tasks, session save (3)
    with django_assert_max_num_queries(11):
        seite = client.get(reverse("vollzug:plan_detail", args=[fall.pk]))
    # What the §18 block adds to the case page: the sentence sum with the facility, and the versions.
    with django_assert_num_queries(2):
        kontext = views_plan.kontext_fuer_fall(fall, sachbearbeitung)["vollzugsplan"]
    fallseite = client.get(reverse("vollzug:fall_detail", args=[fall.pk]))

    assert len(seite.context["vp"].versionen) == anzahl
    assert (len(kontext.versionen), kontext.letzte.stufe_bezeichnung) == (anzahl, "Eintrittsabteilung")
    assert f"Version {anzahl}</a>" in fallseite.content.decode()


# --- API -----------------------------------------------------------------------------------------

PLAENE = "/api/v1/vollzugsplaene/"


@pytest.mark.rule("R-18-3", "R-0-ROLE-1")
def test_api_liste_und_detail(sachbearbeitung, leitung_a, personal_b, fall, anstalt_a):
    version = _version(fall, leitung_a, aktuelle_stufe=2)
    domain.version_zustellen(version=version, durch=leitung_a)
    anderer = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    _version(anderer, leitung_a)
    vp = Vollzugsplan.objects.get(fall=fall)

    liste = api_als(sachbearbeitung).get(PLAENE, {"fall": fall.pk})
    detail = api_als(sachbearbeitung).get(f"{PLAENE}{vp.pk}/")

    assert liste.status_code == 200
    assert [p["fallnummer"] for p in liste.json()["results"]] == [fall.fallnummer]
    daten = detail.json()
    assert (daten["id"], daten["fall"], daten["aktuelleStufe"], len(daten["versionen"])) == (
        vp.pk,
        fall.pk,
        2,
        1,
    )
    v = daten["versionen"][0]
    assert (v["nummer"], v["anstalt"], v["zugestelltAm"] is not None) == (1, "JVA Grosshof", True)
    assert [s["bezeichnung"] for s in v["stufen"]] == ["Eintrittsabteilung", "Wohngruppe", "Offener Vollzug"]
    assert api_als(sachbearbeitung).get(PLAENE).json()["count"] == 2
    # Outside the caller's view: not listed, 404 on the object.
    assert api_als(personal_b).get(PLAENE).json()["count"] == 0
    assert api_als(personal_b).get(f"{PLAENE}{vp.pk}/").status_code == 404
    assert (
        Lesezugriff.objects.filter(benutzer=sachbearbeitung, aktion=Aktion.API_LESEN)
        .values_list("person_id", flat=True)
        .get()
        == fall.person_id
    )


@pytest.mark.rule("R-0-BAD-1", "R-0-ROLE-1")
def test_api_nur_lesend_und_angemeldet(client, sachbearbeitung, leitung_a, fall):
    _version(fall, leitung_a)

    assert client.get(PLAENE).status_code in (401, 403)
    assert api_als(leitung_a).post(PLAENE, {}, format="json").status_code == 405
    falsch = api_als(sachbearbeitung).get(PLAENE, {"fall": "abc"})
    assert falsch.status_code == 400
    assert list(falsch.json()) == ["fall"]


@pytest.mark.parametrize("anzahl", [1, 20])
def test_api_konstante_abfragen(sachbearbeitung, leitung_a, anstalt_a, anzahl, django_assert_max_num_queries):
    for _ in range(anzahl):
        _version(fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a), leitung_a)
    client = api_als(sachbearbeitung)

    # token (+ its last use, first call), count, page, versions with facility, stages, read-log insert
    with django_assert_max_num_queries(7):
        antwort = client.get(PLAENE)

    assert antwort.json()["count"] == anzahl
    assert all(len(p["versionen"][0]["stufen"]) == 3 for p in antwort.json()["results"])
