"""Mutants of R-STGB-86-1 (Art. 86 Abs. 1 StGB: conditional release after two thirds, at least three
months) that survived the marked tests (issue 25), in `kern.strafzeit.berechnen`:

- `:283`, `:284`: an Ersatzfreiheitsstrafe alone has no half, two thirds or conditional release.
- `:271`, `:283` (`0 → 1`): a sentence of one day is computed, without conditional release.
- `:278`: several sentences: two thirds of the total duration, said in a note.
- `vollzugsdaten/domain/entlassung.py:190`: a grant for a case whose calculation has no conditional
  release (a sentence under three months) is refused at the field, nothing drafted.
The computation is pure (no database), worked out by hand in the comments.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kern.strafzeit import Eingaben, Strafe, berechnen
from tests.factories import fall_anlegen
from verfuegungen.models import Verfuegung
from vollzugsdaten import domain
from vollzugsdaten.models import Entlassungspruefung
from vollzugsdaten.recht import Ergebnis, Pruefungsstatus

from .test_entlassung import _vorbereitet

_BEGINN = date(2026, 1, 1)
_KURZ = "Strafe kürzer als drei Monate: keine bedingte Entlassung (Art. 86 Abs. 1 StGB)."


@pytest.mark.rule("R-STGB-86-1", grenze=True)
def test_ein_tag_freiheitsstrafe_ohne_bedingte_entlassung():
    # 1 day from 01.01.2026: ends the same day; half and two thirds: day 1; below three months (90 days).
    r = berechnen(Eingaben(_BEGINN, (Strafe(tage=1),)))
    assert (r.gesamttage, r.ende.datum, r.haelfte.datum, r.zwei_drittel.datum) == (
        1,
        _BEGINN,
        _BEGINN,
        _BEGINN,
    )
    assert (r.bedingte_entlassung, r.bedingte_entlassung_ausnahme) == (None, None)
    assert r.hinweise == (_KURZ,)


@pytest.mark.rule("R-STGB-86-1")
def test_nur_ersatzfreiheitsstrafe_ohne_bedingte_entlassung():
    # 6 months from 01.01.2026 = 181 days, all of them Ersatzfreiheitsstrafe (Art. 36 StGB): an end on
    # 30.06.2026, but no regular days – no half, no two thirds, no conditional release.
    r = berechnen(Eingaben(_BEGINN, (Strafe(monate=6, ersatz=True),)))
    assert (r.gesamttage, r.ende.datum) == (0, date(2026, 6, 30))
    assert (r.haelfte, r.zwei_drittel, r.bedingte_entlassung, r.bedingte_entlassung_ausnahme) == (
        None,
        None,
        None,
        None,
    )
    assert r.hinweise == ("Ersatzfreiheitsstrafe am Ende angefügt, ohne bedingte Entlassung (Art. 36 StGB).",)


@pytest.mark.rule("R-STGB-86-1")
def test_mehrere_strafen_zwei_drittel_aus_der_gesamtdauer():
    # 1 year + 6 months from 01.01.2026 = 18 months → 546 days; two thirds = 364 days → 30.12.2026.
    r = berechnen(Eingaben(_BEGINN, (Strafe(jahre=1), Strafe(monate=6))))
    assert (r.gesamttage, r.bedingte_entlassung.datum) == (546, date(2026, 12, 30))
    assert r.hinweise == (
        "2 Freiheitsstrafen nacheinander vollzogen; Hälfte und zwei Drittel aus der Gesamtdauer (Art. 86 StGB).",
    )
    # One sentence of 18 months: the same days, no note.
    r = berechnen(Eingaben(_BEGINN, (Strafe(jahre=1, monate=6),)))
    assert (r.gesamttage, r.bedingte_entlassung.datum, r.hinweise) == (546, date(2026, 12, 30), ())


@pytest.mark.rule("R-STGB-86-1")
@pytest.mark.django_db
def test_gewaehrung_ohne_bedingte_entlassung_in_der_berechnung_abgelehnt(
    sachbearbeitung, leitung_a, anstalt_a
):
    # Two months: under three months, the calculation has no conditional release and the system opens
    # no examination; one opened before (e.g. before the sentence was reduced) cannot grant it.
    fall = fall_anlegen(durch=sachbearbeitung, monate=2, eingewiesen_in=anstalt_a)
    b = domain.aktuelle_berechnung(fall)
    assert b is not None and b.bedingte_entlassung is None
    assert not Entlassungspruefung.objects.filter(fall=fall).exists()
    p = _vorbereitet(
        Entlassungspruefung.objects.create(fall=fall, faellig_am=b.ende), sachbearbeitung, leitung_a
    )
    with pytest.raises(ValidationError) as e:
        domain.entscheid_entwerfen(
            pruefung=p,
            ergebnis=Ergebnis.GEWAEHRT,
            begruendung="Gute Prognose.",
            entlassung_am=b.ende,
            probezeit_jahre=1,
            durch=sachbearbeitung,
        )
    assert e.value.message_dict == {
        "entlassung_am": [
            "Keine bedingte Entlassung möglich: es fehlen mindestens drei Monate Freiheitsstrafe "
            "(Art. 86 Abs. 1 StGB)."
        ]
    }
    g = Entlassungspruefung.objects.get(pk=p.pk)
    assert (g.status, g.ergebnis, g.entlassung_am, g.verfuegung) == (
        Pruefungsstatus.BERICHT_ANGEFORDERT,
        "",
        None,
        None,
    )
    assert not Verfuegung.objects.exists()
