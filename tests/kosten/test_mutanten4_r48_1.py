"""R-48-1 (§ 48 JVG, Art. 380 Abs. 2 StGB): the proofs that the mutation run (issue 25, session 7) showed
missing.

- Only a basis of Art. 380 Abs. 2 lit. a–c StGB is accepted.
- The period may be a single day; an end before the start is refused.
- Deductions may take the whole income (net CHF 0.00, for participation from income and assets, lit. b,
  which the net income does not limit); one Rappen more is refused.
- Income and deductions may be CHF 0.00 (a person refusing to work, lit. b).
- A participation of CHF 0.00 is not decided; one Rappen is.
- The text of the deductions is kept (trimmed) and named in the facts of the Verfügung.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kosten.models import Kostenbeteiligung
from tests.factories import fall_anlegen

from .test_regeln import _beteiligung, heute_2026  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _fehler(exc_info) -> dict[str, list[tuple[str, str]]]:
    return {f: [(e.code, e.message) for e in es] for f, es in exc_info.value.error_dict.items()}


@pytest.fixture
def fall(sachbearbeitung, anstalt_a, heute_2026):  # noqa: F811
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-48-1")
def test_grundlage_nur_art_380_abs_2_lit_a_bis_c(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as exc:
        _beteiligung(fall, sachbearbeitung, grundlage="schenkung")
    assert _fehler(exc) == {
        "grundlage": [
            ("grundlage", "§ 48 JVG (R-48-1): Grundlage nach Art. 380 Abs. 2 lit. a–c StGB wählen.")
        ]
    }
    assert not Kostenbeteiligung.objects.exists()


@pytest.mark.rule("R-48-1", grenze=True)
def test_periode_ein_tag_ja_ende_vor_beginn_nein(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as exc:
        _beteiligung(fall, sachbearbeitung, von=date(2026, 3, 2), bis=date(2026, 3, 1))
    assert _fehler(exc) == {"bis": [("periode", "§ 48 JVG (R-48-1): Das Ende liegt vor dem Beginn.")]}
    assert not Kostenbeteiligung.objects.exists()

    kb = _beteiligung(fall, sachbearbeitung, von=date(2026, 3, 1), bis=date(2026, 3, 1))
    assert Kostenbeteiligung.objects.get(pk=kb.pk).von == Kostenbeteiligung.objects.get(pk=kb.pk).bis


@pytest.mark.rule("R-48-1", grenze=True)
def test_abzuege_bis_zum_ganzen_einkommen(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as exc:
        _beteiligung(
            fall,
            sachbearbeitung,
            grundlage="einkommen_vermoegen",
            einkommen_monatlich=Decimal("400.00"),
            abzuege_monatlich=Decimal("400.01"),
        )
    assert _fehler(exc) == {
        "abzuege_monatlich": [("abzuege", "§ 48 JVG (R-48-1): Die Abzüge übersteigen das Einkommen.")]
    }
    assert not Kostenbeteiligung.objects.exists()

    kb = _beteiligung(
        fall,
        sachbearbeitung,
        grundlage="einkommen_vermoegen",
        einkommen_monatlich=Decimal("400.00"),
        abzuege_monatlich=Decimal("400.00"),
        betrag_pro_tag=Decimal("20.00"),
    )
    gespeichert = Kostenbeteiligung.objects.get(pk=kb.pk)
    assert (gespeichert.netto_monatlich, gespeichert.betrag_pro_tag) == (Decimal("0.00"), Decimal("20.00"))


@pytest.mark.rule("R-48-1", grenze=True)
def test_null_franken_ohne_eltern_nicht_verfuegt_ein_rappen_ja(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as exc:
        _beteiligung(fall, sachbearbeitung, betrag_pro_tag=Decimal("0.00"))
    assert _fehler(exc) == {
        "betrag_pro_tag": [("null", "§ 48 JVG (R-48-1): Eine Beteiligung von CHF 0.00 wird nicht verfügt.")]
    }
    assert not Kostenbeteiligung.objects.exists()

    kb = _beteiligung(fall, sachbearbeitung, betrag_pro_tag=Decimal("0.01"))
    assert Kostenbeteiligung.objects.get(pk=kb.pk).betrag_pro_tag == Decimal("0.01")
    assert "CHF 0.01 pro Vollzugstag" in kb.verfuegung.dispositiv


@pytest.mark.rule("R-48-1", grenze=True)
def test_ohne_einkommen_und_ohne_abzuege_bei_arbeitsverweigerung(fall, sachbearbeitung):
    # Art. 380 Abs. 2 lit. b StGB: the person refuses to work and has no income; CHF 0.00 is an amount.
    kb = _beteiligung(
        fall,
        sachbearbeitung,
        grundlage="einkommen_vermoegen",
        einkommen_monatlich=Decimal("0.00"),
        abzuege_monatlich=Decimal("0.00"),
        betrag_pro_tag=Decimal("8.00"),
    )
    gespeichert = Kostenbeteiligung.objects.get(pk=kb.pk)
    assert (gespeichert.einkommen_monatlich, gespeichert.abzuege_monatlich, gespeichert.betrag_pro_tag) == (
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("8.00"),
    )


@pytest.mark.rule("R-48-1")
def test_abzuege_text_gespeichert_und_im_sachverhalt(fall, sachbearbeitung):
    kb = _beteiligung(fall, sachbearbeitung, abzuege_text="  Krankenkasse  ")

    assert Kostenbeteiligung.objects.get(pk=kb.pk).abzuege_text == "Krankenkasse"
    assert "Abzüge CHF 35.00 (Krankenkasse), netto CHF 365.00." in kb.verfuegung.sachverhalt
