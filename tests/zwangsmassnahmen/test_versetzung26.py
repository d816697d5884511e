"""§ 26 JVG vorübergehende Versetzung (R-26-1) through vollzug.domain.versetzen(art=versetzung_26)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from verfuegungen.domain import versetzung
from vollzug import domain as vollzug_services
from vollzug.models import Platzierung
from vollzug.recht import Platzierungsart, Sanktionsart
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import VoruebergehendeVersetzung

from .hilfen import fall_anlegen, massnahmenfall, reise, zeit

pytestmark = pytest.mark.django_db

GRUENDE = {
    "undurchfuehrbar": "Therapieplatz im Massnahmenzentrum wegen Brandschaden bis auf Weiteres gesperrt.",
    "gefaehrdung": "oeffentlichkeit",
    "gefaehrdung_begruendung": "Hohe Rückfallgefahr für Gewaltdelikte; offene Station nicht vertretbar.",
}


def versetzen(fall, anstalt, durch, **aenderungen):
    daten = {**GRUENDE, **aenderungen}
    with reise(zeit(2026, 11, 2, 9)):
        return domain.versetzung26_anordnen(
            fall=fall, anstalt=anstalt, am=zeit(2026, 11, 2, 8), durch=durch, **daten
        )


@pytest.mark.rule("R-26-1")
def test_vorlaeufige_versetzung_mit_gruenden(sachbearbeitung, anstalt_a, anstalt_b):
    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    v = versetzen(fall, anstalt_b, sachbearbeitung)
    assert v.platzierung.art == Platzierungsart.VERSETZUNG_VORUEBERGEHEND
    assert v.platzierung.anstalt == anstalt_b and v.von_anstalt == anstalt_a
    assert v.platzierung.grund == ""  # no § 17 Abs. 2 letter
    assert "vorübergehend undurchführbar" in v.platzierung.begruendung
    alt = Platzierung.objects.get(fall=fall, anstalt=anstalt_a)
    assert alt.bis == zeit(2026, 11, 2, 8)
    assert v.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-26-1")
@pytest.mark.parametrize("feld", ["undurchfuehrbar", "gefaehrdung", "gefaehrdung_begruendung"])
def test_ohne_grund_abgelehnt(sachbearbeitung, anstalt_a, anstalt_b, feld):
    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    with pytest.raises(ValidationError) as fehler:
        versetzen(fall, anstalt_b, sachbearbeitung, **{feld: ""})
    assert list(fehler.value.message_dict) == [feld]
    assert "§ 26 JVG (R-26-1)" in fehler.value.message_dict[feld][0]
    # Nothing moved (one transaction).
    assert Platzierung.objects.get(fall=fall, bis__isnull=True).anstalt == anstalt_a
    assert not VoruebergehendeVersetzung.objects.exists()


@pytest.mark.rule("R-26-1")
def test_nur_bei_freiheitsentziehender_massnahme(sachbearbeitung, anstalt_a, anstalt_b):
    with reise(zeit(2026, 10, 1)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)  # Freiheitsstrafe
    with pytest.raises(ValidationError) as fehler:
        versetzen(fall, anstalt_b, sachbearbeitung)
    assert "§ 17 Abs. 2" in fehler.value.message_dict["fall"][0]
    verwahrung = massnahmenfall(sachbearbeitung, anstalt_a, sanktion=Sanktionsart.VERWAHRUNG)
    assert versetzen(verwahrung, anstalt_b, sachbearbeitung).pk


@pytest.mark.rule("R-26-1")
def test_in_dieselbe_einrichtung_abgelehnt(sachbearbeitung, anstalt_a):
    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    with pytest.raises(ValidationError) as fehler:
        versetzen(fall, anstalt_a, sachbearbeitung)
    assert "andere Vollzugseinrichtung" in fehler.value.message_dict["anstalt"][0]


@pytest.mark.rule("R-26-1")
def test_versetzen_direkt_ohne_begruendung_abgelehnt(sachbearbeitung, anstalt_a, anstalt_b):
    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    with reise(zeit(2026, 11, 2, 9)), pytest.raises(ValidationError) as fehler:
        vollzug_services.versetzen(
            fall=fall,
            anstalt=anstalt_b,
            am=zeit(2026, 11, 2, 8),
            art=Platzierungsart.VERSETZUNG_VORUEBERGEHEND,
            durch=sachbearbeitung,
        )
    assert "R-26-1" in fehler.value.message_dict["begruendung"][0]


@pytest.mark.rule("R-0-ROLE-1")
def test_nur_sachbearbeitung_versetzt(sachbearbeitung, leitung_a, anstalt_a, anstalt_b):
    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    with pytest.raises(PermissionDenied):
        versetzen(fall, anstalt_b, leitung_a)


@pytest.mark.rule("R-26-1", "R-0-VFG-5")
def test_verfuegung_zur_versetzung26_nach_paragraph_26_nicht_17(sachbearbeitung, anstalt_a, anstalt_b):
    from verfuegungen.recht import Verfuegungstyp

    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    v = versetzen(fall, anstalt_b, sachbearbeitung)
    verfuegung = versetzung.versetzungsverfuegung_entwerfen(platzierung=v.platzierung, durch=sachbearbeitung)
    assert verfuegung.typ == Verfuegungstyp.ANDERE_KANTONAL
    assert verfuegung.rechtsgrundlage == "§ 26 JVG"
    assert "vorübergehend undurchführbar" in verfuegung.begruendung
    assert verfuegung.rechtsfolge.frist_tage == 20


def test_keine_verfuegung_fuer_wiedereintritt_oder_einweisung(sachbearbeitung, anstalt_a):
    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    einweisung = Platzierung.objects.get(fall=fall)
    with pytest.raises(ValidationError):
        versetzung.versetzungsverfuegung_entwerfen(platzierung=einweisung, durch=sachbearbeitung)
