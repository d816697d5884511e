"""Issue 17: Vollzugsöffnungen, § 16 forms, Bewährungshilfe (§ 19) and Begnadigung (§ 51) in the
dossier's timeline — each only for whom its pages show it (openings and forms with the case, probation
and pardon the authority and revision), with the § and a link, in a constant number of queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kern import erweiterungen
from tests.factories import fall_anlegen
from vollzug.models import Sanktion
from vollzugsgestaltung import contributions, domain, recht

from .conftest import beantragen

pytestmark = pytest.mark.django_db

HEUTE = timezone.localdate


@pytest.fixture
def daten(fall_a, sachbearbeitung, leitung_a):
    o = beantragen(fall_a, leitung_a)
    form = domain.vollzugsform_beantragen(
        fall=fall_a,
        sanktion=Sanktion.objects.get(entscheid__fall=fall_a),
        form=recht.Vollzugsform16.ELECTRONIC_MONITORING,
        strafdauer_tage=120,
        gesuch_am=HEUTE(),
        durch=sachbearbeitung,
    )
    akte = domain.akte_eroeffnen(
        person=fall_a.person,
        fall=fall_a,
        anlass=recht.Bewaehrungsanlass.BEDINGTE_STRAFE,
        gericht="Kriminalgericht Luzern",
        referenz="KG 2026 1",
        probezeit_von=HEUTE(),
        probezeit_jahre=2,
        durch=sachbearbeitung,
    )
    gnade = domain.gnadengesuch_erfassen(
        person=fall_a.person,
        fall=fall_a,
        eingereicht_am=HEUTE(),
        gesuchsteller="RA Keller",
        begehren="Erlass der Reststrafe.",
        durch=sachbearbeitung,
    )
    return {"oeffnung": o, "form": form, "akte": akte, "gnade": gnade}


def _lesen(person, user, fall=None):
    return erweiterungen.ereignisse_lesen(contributions.zeitleiste(person, user, fall))


def _ereignisse(person, user, fall=None) -> dict[str, str]:
    return {e.text: e.url for e in _lesen(person, user, fall)}


def _oeffnung_text(o) -> str:
    return (
        f"Urlaub (Art. 84 Abs. 6 StGB) für {timezone.localtime(o.von):%d.%m.%Y}–"
        f"{timezone.localtime(o.bis):%d.%m.%Y} beantragt"
    )


@pytest.mark.rule("R-0-ROLE-1")
def test_alles_fuer_behoerde_und_revision(fall_a, daten, sachbearbeitung, revision):
    akte = daten["akte"]
    erwartet = {
        _oeffnung_text(daten["oeffnung"]): reverse(
            "vollzugsgestaltung:oeffnung_detail", args=[daten["oeffnung"].pk]
        ),
        "Gesuch um eine besondere Vollzugsform (§ 16 JVG): Electronic Monitoring (Art. 79b StGB)": reverse(
            "vollzugsgestaltung:form_detail", args=[daten["form"].pk]
        ),
        f"Bewährungsakte eröffnet: Bedingte / teilbedingte Strafe (Art. 44 StGB), Probezeit bis "
        f"{akte.probezeit_bis:%d.%m.%Y} (§ 19 JVG)": reverse(
            "vollzugsgestaltung:akte_detail", args=[akte.pk]
        ),
        "Begnadigungsgesuch eingereicht (§ 51 JVG)": reverse(
            "vollzugsgestaltung:gnade_detail", args=[daten["gnade"].pk]
        ),
    }
    for user in (sachbearbeitung, revision):
        assert _ereignisse(fall_a.person, user) == erwartet
        assert _ereignisse(fall_a.person, user, fall_a) == erwartet


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["leitung_a", "personal_a"])
def test_einrichtung_sieht_oeffnungen_und_formen_nicht_bewaehrung_und_begnadigung(
    client_als, request, fall_a, daten, persona
):
    user = request.getfixturevalue(persona)
    texte = set(_ereignisse(fall_a.person, user))
    assert texte == {
        _oeffnung_text(daten["oeffnung"]),
        "Gesuch um eine besondere Vollzugsform (§ 16 JVG): Electronic Monitoring (Art. 79b StGB)",
    }
    seite = client_als(user).get(reverse("vollzug:person_detail", args=[fall_a.person.pk])).content.decode()
    assert "Gesuch um eine besondere Vollzugsform" in seite
    assert "Bewährungsakte eröffnet" not in seite and "Begnadigungsgesuch eingereicht" not in seite


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["personal_b", "medizin", "partner"])
def test_nichts_fuer_rollen_ohne_sicht_auf_den_fall(request, fall_a, daten, persona):
    assert _lesen(fall_a.person, request.getfixturevalue(persona)) == []


def test_fallseite_zeigt_die_ereignisse(client_als, fall_a, daten, sachbearbeitung):
    seite = client_als(sachbearbeitung).get(reverse("vollzug:fall_detail", args=[fall_a.pk])).content.decode()
    assert "Begnadigungsgesuch eingereicht (§ 51 JVG)" in seite
    assert reverse("vollzugsgestaltung:oeffnung_detail", args=[daten["oeffnung"].pk]) in seite


def test_fallseite_nur_ereignisse_dieses_falls(fall_a, daten, sachbearbeitung):
    anderer = fall_anlegen(durch=sachbearbeitung, person=fall_a.person, monate=4)
    domain.gnadengesuch_erfassen(
        person=fall_a.person,
        fall=anderer,
        eingereicht_am=HEUTE(),
        gesuchsteller="Anderer Anwalt",
        begehren="Erlass.",
        durch=sachbearbeitung,
    )
    im_fall = [e for e in _lesen(fall_a.person, sachbearbeitung, fall_a) if "Begnadigung" in e.text]
    alle = [e for e in _lesen(fall_a.person, sachbearbeitung) if "Begnadigung" in e.text]
    assert (len(im_fall), len(alle)) == (1, 2)


@pytest.mark.parametrize("anzahl", [1, 4])
def test_konstante_abfragen(fall_a, sachbearbeitung, leitung_a, anzahl, django_assert_num_queries):
    for _ in range(anzahl):
        beantragen(fall_a, leitung_a)
        domain.gnadengesuch_erfassen(
            person=fall_a.person,
            fall=fall_a,
            eingereicht_am=HEUTE(),
            gesuchsteller="RA Keller",
            begehren="Erlass.",
            durch=sachbearbeitung,
        )
    person = fall_a.person
    with django_assert_num_queries(
        1
    ):  # openings, § 16 forms, probation files, pardon requests: one UNION ALL
        ereignisse = _lesen(person, sachbearbeitung)
    assert len(ereignisse) == 2 * anzahl
