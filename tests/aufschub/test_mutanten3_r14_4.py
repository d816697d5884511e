"""R-14-4 (§ 14 Abs. 3 JVG: ground (a) needs an attached, reasoned and current medical certificate): the
survivors of issue 25 in `aufschub/domain/gesuch.py` and `aufschub/domain/entscheid.py`.

- a date of issue without the certificate is refused at filing; a certificate issued today is current
  (the future check starts tomorrow);
- a certificate can only be supplied as a file, and only to an undecided request;
- at the decision the certificate must still be current: a lowered setting makes a filed certificate stale,
  the grant is refused, the refusal stays possible.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from aufschub import domain as aufschub
from aufschub.models import Aufschubgesuch
from aufschub.queries import verfuegung_von
from aufschub.recht import Gesuchsgrund, Gesuchsstatus
from tests.factories import fall_anlegen

from .test_aufschub import HEUTE, PDF, _entscheiden, _gesuch, _zeugnis

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-14-4", grenze=True)
def test_datum_ohne_zeugnis_abgelehnt_zeugnis_von_heute_gespeichert(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as ohne_datei:
        _gesuch(sachbearbeitung, fall, grund=Gesuchsgrund.A, arztzeugnis_ausgestellt_am=HEUTE)
    assert ohne_datei.value.message_dict["arztzeugnis"] == [
        "§ 14 Abs. 3 JVG (R-14-4): Zum Ausstellungsdatum das Arztzeugnis beilegen."
    ]
    with pytest.raises(ValidationError) as morgen:
        _gesuch(
            sachbearbeitung,
            fall,
            grund=Gesuchsgrund.A,
            arztzeugnis=_zeugnis(),
            arztzeugnis_ausgestellt_am=HEUTE + timedelta(days=1),
        )
    assert morgen.value.message_dict["arztzeugnis_ausgestellt_am"] == [
        "§ 14 Abs. 3 JVG (R-14-4): Das Ausstellungsdatum des Arztzeugnisses liegt in der Zukunft."
    ]
    assert not Aufschubgesuch.objects.exists()

    gesuch = _gesuch(
        sachbearbeitung, fall, grund=Gesuchsgrund.A, arztzeugnis=_zeugnis(), arztzeugnis_ausgestellt_am=HEUTE
    )

    g = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert g.arztzeugnis_ausgestellt_am == HEUTE
    assert g.arztzeugnis.read() == PDF


@pytest.mark.rule("R-14-4")
def test_nachreichen_nur_mit_datei_und_nur_zum_offenen_gesuch(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    gesuch = _gesuch(sachbearbeitung, fall, grund=Gesuchsgrund.A)
    with pytest.raises(ValidationError) as ohne_datei:
        aufschub.arztzeugnis_nachreichen(
            gesuch=gesuch, datei=None, ausgestellt_am=HEUTE, durch=sachbearbeitung
        )
    assert ohne_datei.value.message_dict["arztzeugnis"] == [
        "§ 14 Abs. 3 JVG (R-14-4): Das Arztzeugnis beilegen."
    ]
    g = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert (bool(g.arztzeugnis), g.arztzeugnis_ausgestellt_am) == (False, None)

    _entscheiden(gesuch, sachbearbeitung, bewilligen=False)
    with pytest.raises(ValidationError) as entschieden:
        aufschub.arztzeugnis_nachreichen(
            gesuch=gesuch, datei=_zeugnis(), ausgestellt_am=HEUTE, durch=sachbearbeitung
        )
    assert entschieden.value.message_dict["arztzeugnis"] == [
        "Das Gesuch ist bereits «Abgewiesen» – ein Arztzeugnis kann nur zu einem offenen Gesuch nachgereicht "
        "werden."
    ]
    g = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, bool(g.arztzeugnis), g.arztzeugnis_ausgestellt_am) == (
        Gesuchsstatus.ABGEWIESEN,
        False,
        None,
    )


@pytest.mark.rule("R-14-4", grenze=True)
def test_entscheid_prueft_die_aktualitaet_erneut(sachbearbeitung, settings):
    fall = fall_anlegen(durch=sachbearbeitung)
    gesuch = _gesuch(
        sachbearbeitung,
        fall,
        grund=Gesuchsgrund.A,
        arztzeugnis=_zeugnis(),
        arztzeugnis_ausgestellt_am=HEUTE - timedelta(days=20),
    )
    settings.JVG_ARZTZEUGNIS_MAX_ALTER_TAGE = 19

    with pytest.raises(ValidationError) as veraltet:
        _entscheiden(gesuch, sachbearbeitung)
    assert veraltet.value.message_dict["arztzeugnis"][0].startswith(
        "§ 14 Abs. 3 JVG (R-14-4): Ohne aktuelles, begründetes Arztzeugnis kann ein Gesuch wegen "
        "Hafterstehungsunfähigkeit nicht bewilligt werden"
    )
    g = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, g.bewilligt_von, verfuegung_von(g)) == (Gesuchsstatus.EINGEREICHT, None, None)

    # Just inside: 20 days allowed again, the grant is stored.
    settings.JVG_ARZTZEUGNIS_MAX_ALTER_TAGE = 20
    v = _entscheiden(gesuch, sachbearbeitung)
    g = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, g.bewilligt_von, g.bewilligt_bis) == (
        Gesuchsstatus.BEWILLIGT,
        g.begehrt_von,
        g.begehrt_bis,
    )
    assert verfuegung_von(g) == v
