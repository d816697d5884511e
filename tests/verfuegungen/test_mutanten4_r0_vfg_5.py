"""Mutants of R-0-VFG-5 (§§ 42, 43 JVG: appeal instance and deadline) that survived the marked tests
(issue 25, session 7).

- `entwurf.py:51/52`: a decision of an unknown type has no appeal instance and no deadline: refused.
- `rechtsmittel.py:137/138`: an appeal decision needs a recorded appeal (a decision executed without one
  may take that step by the table of transitions, but not without the appeal).
- `rechtsmittel.py:37–53, 143–152, 200–213`: the dates of the appeal, the appeal decision, its service
  and the further appeal (§ 43 Abs. 2): today and the earlier date they may not precede are the last
  and the first day accepted; no date, or a moment instead of a date, is refused.
- `serializers.py:258`: the API schema shows the deadline in days read-only.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from drf_spectacular.generators import SchemaGenerator

from kern.fristen import TZ
from verfuegungen import domain, recht
from verfuegungen.models import Beschwerde, Verfuegung
from verfuegungen.recht import Beschwerdeergebnis, Verfuegungsstatus

from .test_verfuegungen import _entwurf, _meldung, disziplinar_eroeffnet, fall_a  # noqa: F401

S = Verfuegungsstatus
E = Beschwerdeergebnis
HEUTE = date(2026, 4, 20)


def _stand(v) -> tuple:
    g = Verfuegung.objects.get(pk=v.pk)
    return g.status, g.history.count(), Beschwerde.objects.filter(verfuegung=g).count()


@pytest.mark.django_db
@pytest.mark.rule("R-0-VFG-5")
def test_unbekannte_art_der_verfuegung_wird_nicht_entworfen(sachbearbeitung, fall_a):  # noqa: F811
    with pytest.raises(ValidationError) as e:
        _entwurf("haftverfuegung", sachbearbeitung, fall_a)
    assert _meldung(e, "typ") == "Unbekannte Art der Verfügung (R-0-VFG-5)."
    assert not Verfuegung.objects.filter(person=fall_a.person).exists()


@pytest.mark.django_db
@pytest.mark.rule("R-0-VFG-5")
def test_beschwerdeentscheid_ohne_beschwerde_abgelehnt(disziplinar_eroeffnet, leitung_a, sachbearbeitung):  # noqa: F811
    v = domain.als_vollzogen_markieren(verfuegung=disziplinar_eroeffnet, durch=leitung_a)
    vorher = _stand(v)
    assert vorher == (S.VOLLZOGEN, vorher[1], 0)
    with pytest.raises(ValidationError) as e:
        domain.beschwerdeentscheid_erfassen(
            verfuegung=v, ergebnis=E.ABGEWIESEN, am=date(2026, 4, 2), durch=sachbearbeitung
        )
    assert _meldung(e, "ergebnis") == "R-0-VFG-5: Zu dieser Verfügung ist keine Beschwerde erfasst."
    assert _stand(v) == vorher


@pytest.mark.django_db
@pytest.mark.rule("R-0-VFG-5", grenze=True)
def test_beschwerde_entscheid_und_weiterzug_am_selben_tag_der_heute_ist(
    disziplinar_eroeffnet,  # noqa: F811
    sachbearbeitung,
):
    v = disziplinar_eroeffnet  # eröffnet Mo 30.03.2026 10:00, Frist (§ 42: 5 Tage) bis 07.04.2026
    with time_machine.travel(datetime(2026, 3, 30, 16, 0, tzinfo=TZ), tick=False):
        # The first day accepted is the day of the Eröffnung, which is also today; the instance is the
        # JSD of § 42 when none is given.
        b = domain.beschwerde_erfassen(
            verfuegung=v, eingegangen_am=date(2026, 3, 30), instanz=" ", durch=sachbearbeitung
        )
    b = Beschwerde.objects.get(pk=b.pk)
    assert (b.eingegangen_am, b.instanz, b.verspaetet) == (date(2026, 3, 30), recht.JSD, False)
    assert b.history.get().history_change_reason == "Beschwerde erfasst"

    with time_machine.travel(datetime(2026, 4, 20, 16, 0, tzinfo=TZ), tick=False):
        vorher = _stand(v)
        falsch = [
            ({"am": "20.04.2026"}, "am", "Ungültiges Datum."),
            ({"am": datetime(2026, 4, 20, 9, 0, tzinfo=TZ)}, "am", "Ungültiges Datum."),
            ({"am": date(2026, 4, 21)}, "am", "Der Beschwerdeentscheid kann nicht in der Zukunft liegen."),
            ({"am": HEUTE, "zugestellt_am": "20.04.2026"}, "zugestellt_am", "Ungültiges Datum."),
            (
                {"am": HEUTE, "zugestellt_am": datetime(2026, 4, 20, 9, 0, tzinfo=TZ)},
                "zugestellt_am",
                "Ungültiges Datum.",
            ),
            (
                {"am": date(2026, 4, 19), "zugestellt_am": date(2026, 4, 21)},
                "zugestellt_am",
                "Die Zustellung liegt zwischen dem Entscheiddatum und heute (§ 43 Abs. 2 JVG).",
            ),
        ]
        for kw, feld, text in falsch:
            with pytest.raises(ValidationError) as e:
                domain.beschwerdeentscheid_erfassen(
                    verfuegung=v, ergebnis=E.ABGEWIESEN, durch=sachbearbeitung, **kw
                )
            assert _meldung(e, feld) == text, kw
            assert _stand(v) == vorher
        # Just inside: decided and served today.
        b = domain.beschwerdeentscheid_erfassen(
            verfuegung=v, ergebnis=E.ABGEWIESEN, am=HEUTE, zugestellt_am=HEUTE, durch=sachbearbeitung
        )
        b = Beschwerde.objects.get(pk=b.pk)
        assert (b.entschieden_am, b.entscheid_zugestellt_am) == (HEUTE, HEUTE)
        # § 43 Abs. 2: the JSD's decision goes to the Kantonsgericht within 20 days → Mon 11.05.2026.
        assert (b.weiterzug_instanz, b.weiterzug_frist_ende) == (recht.KANTONSGERICHT, date(2026, 5, 11))
        assert Verfuegung.objects.get(pk=v.pk).status == S.BESCHWERDEENTSCHEID

        vorher = b.history.count()
        for eingabe, text in (
            ("20.04.2026", "Ungültiges Datum."),
            (datetime(2026, 4, 20, 9, 0, tzinfo=TZ), "Ungültiges Datum."),
            (date(2026, 4, 21), "Der Eingang kann nicht in der Zukunft liegen."),
            (
                date(2026, 4, 19),
                "Der Weiterzug kann nicht vor der Zustellung des Beschwerdeentscheids liegen.",
            ),
        ):
            with pytest.raises(ValidationError) as e:
                domain.weiterzug_erfassen(verfuegung=v, eingegangen_am=eingabe, durch=sachbearbeitung)
            assert _meldung(e, "eingegangen_am") == text, eingabe
            assert Beschwerde.objects.get(pk=b.pk).history.count() == vorher
        # Just inside: taken further on the day of service, which is today.
        domain.weiterzug_erfassen(verfuegung=v, eingegangen_am=HEUTE, durch=sachbearbeitung)
    b = Beschwerde.objects.get(pk=b.pk)
    assert b.weitergezogen_am == HEUTE
    assert b.history.latest("history_id").history_change_reason == f"Weiterzug an {recht.KANTONSGERICHT}"


@pytest.mark.rule("R-0-VFG-5")
def test_api_schema_fristtage_nur_lesbar():
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    feld = schemas["Verfuegung"]["properties"]["rechtsmittelfristTage"]
    assert (feld.get("readOnly"), feld.get("type")) == (True, "integer")
