"""R-14-1 (§ 14 Abs. 1 JVG): proofs the mutation run of issue 25 (session 7, helper m5_c) showed missing.

- `aufschub/domain/entscheid.py:125`: a granted period of one day (begin = end) is a period and is stored.
- `aufschub/domain/entscheid.py:139/140`: an Aufschub is granted only while execution has not begun; once
  the person is placed, the request can only be refused (the refusal is stored).
- `aufschub/domain/unterbrechung.py:38/39, 61/62, 68`: only a granted interruption is started, only while
  the case is im Vollzug, on any day of the granted period including its first and its last.
- `vollzug/domain/faelle.py:208, 209, 214`: the expected end that an interruption moves is counted in
  calendar years, months and days from the Vollzugsbeginn; a case with only a measure has none.
"""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from aufschub import domain as aufschub
from aufschub.models import Aufschubgesuch
from aufschub.queries import verfuegung_von
from aufschub.recht import Gesuchsart, Gesuchsstatus
from kern.fristen import TZ
from tests.factories import person_anlegen
from vollzug import domain as vollzug
from vollzug.recht import Entscheidart, Fallstatus, Sanktionsart

from .test_aufschub import _entscheiden, _eroeffnen, fall_im_vollzug  # noqa: F401  (fixture fall_im_vollzug)
from .test_grenzen_aufschub import BEURTEILUNG, _gesuch, _meldung, fall  # noqa: F401  (fixture fall)

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-14-1", grenze=True)
def test_bewilligter_zeitraum_von_einem_tag_gespeichert_grenze(sachbearbeitung, fall):  # noqa: F811
    g = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 2), begehrt_bis=date(2027, 1, 2))
    aufschub.gesuch_entscheiden(gesuch=g, bewilligen=True, **BEURTEILUNG, durch=sachbearbeitung)
    g = Aufschubgesuch.objects.get(pk=g.pk)
    assert (g.status, g.bewilligt_von, g.bewilligt_bis) == (
        Gesuchsstatus.BEWILLIGT,
        date(2027, 1, 2),
        date(2027, 1, 2),
    )
    assert verfuegung_von(g) is not None


@pytest.mark.rule("R-14-1")
def test_aufschub_nach_vollzugsbeginn_nicht_bewilligbar_nur_abweisbar(sachbearbeitung, fall, anstalt_a):  # noqa: F811
    g = _gesuch(sachbearbeitung, fall, art=Gesuchsart.AUFSCHUB)
    vollzug.einweisen(
        fall=fall, anstalt=anstalt_a, am=timezone.now() - timedelta(hours=1), durch=sachbearbeitung
    )
    fall.refresh_from_db()
    assert fall.status == Fallstatus.IM_VOLLZUG
    with pytest.raises(ValidationError) as e:
        aufschub.gesuch_entscheiden(gesuch=g, bewilligen=True, **BEURTEILUNG, durch=sachbearbeitung)
    assert _meldung(e, "bewilligen") == (
        "§ 14 Abs. 1 JVG (R-14-1): Aufschub kann im Fallstatus «Im Vollzug» nicht bewilligt werden – "
        "das Gesuch abweisen."
    )
    gespeichert = Aufschubgesuch.objects.get(pk=g.pk)
    assert (gespeichert.status, gespeichert.bewilligt_von, verfuegung_von(g)) == (
        Gesuchsstatus.EINGEREICHT,
        None,
        None,
    )
    aufschub.gesuch_entscheiden(gesuch=g, bewilligen=False, **BEURTEILUNG, durch=sachbearbeitung)
    gespeichert = Aufschubgesuch.objects.get(pk=g.pk)
    assert (gespeichert.status, gespeichert.bewilligt_von, gespeichert.bewilligt_bis) == (
        Gesuchsstatus.ABGEWIESEN,
        None,
        None,
    )


def _unterbrechung_eroeffnet(sb, sb2, f, von: date, bis: date) -> Aufschubgesuch:
    g = _gesuch(
        sb,
        f,
        art=Gesuchsart.UNTERBRECHUNG,
        eingereicht_am=timezone.localdate() - timedelta(days=25),
        begehrt_von=von,
        begehrt_bis=bis,
    )
    _eroeffnen(_entscheiden(g, sb), sb, sb2)
    return Aufschubgesuch.objects.get(pk=g.pk)


def _mittag(tag: date) -> datetime:
    return datetime.combine(tag, time(12, 0), tzinfo=TZ)


@pytest.mark.rule("R-14-1")
def test_nur_eine_bewilligte_unterbrechung_kann_angetreten_werden(sachbearbeitung, fall, fall_im_vollzug):  # noqa: F811
    heute = timezone.localdate()
    offen = _gesuch(
        sachbearbeitung,
        fall_im_vollzug,
        art=Gesuchsart.UNTERBRECHUNG,
        eingereicht_am=heute - timedelta(days=8),
        begehrt_von=heute - timedelta(days=5),
        begehrt_bis=heute + timedelta(days=10),
    )
    aufschub_bewilligt = _gesuch(sachbearbeitung, fall)
    _entscheiden(aufschub_bewilligt, sachbearbeitung)
    for g in (offen, Aufschubgesuch.objects.get(pk=aufschub_bewilligt.pk)):
        with pytest.raises(ValidationError) as e:
            aufschub.unterbrechung_antreten(
                gesuch=g, am=timezone.now() - timedelta(days=1), durch=sachbearbeitung
            )
        assert _meldung(e, "unterbrechung_ab") == (
            "§ 14 JVG (R-14-1): Antreten kann man nur eine bewilligte Unterbrechung."
        )
        assert Aufschubgesuch.objects.get(pk=g.pk).unterbrechung_ab is None
    fall_im_vollzug.refresh_from_db()
    assert fall_im_vollzug.status == Fallstatus.IM_VOLLZUG


@pytest.mark.rule("R-14-1", grenze=True)
def test_antritt_am_ersten_bewilligten_tag_grenze(
    sachbearbeitung,
    sachbearbeitung2,
    fall_im_vollzug,  # noqa: F811
):
    erster = timezone.localdate() - timedelta(days=5)
    g = _unterbrechung_eroeffnet(
        sachbearbeitung, sachbearbeitung2, fall_im_vollzug, erster, erster + timedelta(days=15)
    )
    with pytest.raises(ValidationError) as e:
        aufschub.unterbrechung_antreten(
            gesuch=g,
            am=datetime.combine(erster, time(0, 0), tzinfo=TZ) - timedelta(minutes=1),
            durch=sachbearbeitung,
        )
    assert _meldung(e, "unterbrechung_ab").startswith("§ 14 JVG (R-14-1): Die Unterbrechung ist vom ")
    aufschub.unterbrechung_antreten(
        gesuch=g, am=datetime.combine(erster, time(0, 0), tzinfo=TZ), durch=sachbearbeitung
    )
    g.refresh_from_db()
    fall_im_vollzug.refresh_from_db()
    assert (g.unterbrechung_ab, fall_im_vollzug.status) == (
        datetime.combine(erster, time(0, 0), tzinfo=TZ),
        Fallstatus.UNTERBROCHEN,
    )


@pytest.mark.rule("R-14-1", grenze=True)
def test_antritt_am_letzten_bewilligten_tag_danach_kein_zweiter_antritt_grenze(
    sachbearbeitung,
    sachbearbeitung2,
    fall_im_vollzug,  # noqa: F811
):
    heute = timezone.localdate()
    letzter = heute - timedelta(days=15)
    erste = _unterbrechung_eroeffnet(
        sachbearbeitung, sachbearbeitung2, fall_im_vollzug, heute - timedelta(days=20), letzter
    )
    zweite = _unterbrechung_eroeffnet(
        sachbearbeitung,
        sachbearbeitung2,
        fall_im_vollzug,
        heute - timedelta(days=5),
        heute + timedelta(days=10),
    )
    aufschub.unterbrechung_antreten(gesuch=erste, am=_mittag(letzter), durch=sachbearbeitung)
    erste.refresh_from_db()
    fall_im_vollzug.refresh_from_db()
    assert (erste.unterbrechung_ab, fall_im_vollzug.status) == (_mittag(letzter), Fallstatus.UNTERBROCHEN)
    # The case is interrupted (not im Vollzug): the second granted interruption cannot start.
    with pytest.raises(ValidationError) as e:
        aufschub.unterbrechung_antreten(
            gesuch=zweite, am=_mittag(heute - timedelta(days=1)), durch=sachbearbeitung
        )
    assert _meldung(e, "unterbrechung_ab") == (
        "§ 14 JVG (R-14-1): Der Fall ist nicht im Vollzug (Status «Vollzug unterbrochen (§ 14)»)."
    )
    assert Aufschubgesuch.objects.get(pk=zweite.pk).unterbrechung_ab is None


@pytest.mark.rule("R-14-1")
def test_voraussichtliches_ende_jahre_monate_tage_nach_kalender(sachbearbeitung, anstalt_a):
    # 1 year, 2 months and 5 days from Thursday 15.01.2026: 15.03.2027 (Art. 77 OR) + 5 days = 20.03.2027.
    f = vollzug.fall_erfassen(
        person=person_anlegen(durch=sachbearbeitung),
        entscheid=vollzug.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht Luzern",
            referenz="KG 14-1",
            entscheid_datum=date(2025, 11, 5),
            rechtskraft_am=date(2025, 12, 10),
        ),
        sanktionen=[
            vollzug.SanktionDaten(
                art=Sanktionsart.FREIHEITSSTRAFE, dauer_jahre=1, dauer_monate=2, dauer_tage=5
            )
        ],
        durch=sachbearbeitung,
    )
    vollzug.einweisen(
        fall=f, anstalt=anstalt_a, am=datetime(2026, 1, 15, 9, 0, tzinfo=TZ), durch=sachbearbeitung
    )
    f.refresh_from_db()
    assert vollzug.voraussichtliches_ende_berechnen(f) == date(2027, 3, 20)
    assert f.voraussichtliches_ende == date(2027, 3, 20)


@pytest.mark.rule("R-14-1")
def test_ohne_freiheitsstrafe_kein_voraussichtliches_ende(sachbearbeitung, anstalt_a):
    # A measure has no fixed end: there is no end an interruption could move.
    f = vollzug.fall_erfassen(
        person=person_anlegen(durch=sachbearbeitung),
        entscheid=vollzug.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht Luzern",
            referenz="KG 14-1-M",
            entscheid_datum=date(2025, 11, 5),
            rechtskraft_am=date(2025, 12, 10),
        ),
        sanktionen=[vollzug.SanktionDaten(art=Sanktionsart.STATIONAERE_MASSNAHME)],
        durch=sachbearbeitung,
    )
    vollzug.einweisen(
        fall=f, anstalt=anstalt_a, am=datetime(2026, 1, 15, 9, 0, tzinfo=TZ), durch=sachbearbeitung
    )
    f.refresh_from_db()
    assert (f.status, f.voraussichtliches_ende) == (Fallstatus.IM_VOLLZUG, None)
    assert vollzug.voraussichtliches_ende_berechnen(f) is None
