"""R-2D-1 (claims from judgments) and R-STGB-35-1 (payment terms) at their boundaries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from inkasso import domain
from inkasso.models import Entscheidart, Forderung, Forderungsstatus
from kern.qrrechnung import ist_qr_referenz
from tests.factories import person_anlegen
from tests.inkasso.hilfen import daten, forderung

pytestmark = pytest.mark.django_db


def _fehlercode(exc: ValidationError, feld: str) -> str:
    return exc.value.error_dict[feld][0].code


@pytest.mark.rule("R-2D-1")
def test_geldstrafe_ist_tagessaetze_mal_tagessatz(sachbearbeitung):
    f = forderung(sachbearbeitung, tagessaetze=30, tagessatz=Decimal("120.00"))
    assert f.betrag == Decimal("3600.00")
    assert (f.tagessaetze, f.tagessatz, f.status) == (30, Decimal("120.00"), Forderungsstatus.OFFEN)
    assert ist_qr_referenz(f.qr_referenz)
    assert f.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-2D-1")
@pytest.mark.parametrize(("anzahl", "gueltig"), [(2, False), (3, True), (180, True), (181, False)])
def test_geldstrafe_tagessaetze_grenzen(sachbearbeitung, anzahl, gueltig):
    if gueltig:
        assert forderung(sachbearbeitung, tagessaetze=anzahl).tagessaetze == anzahl
    else:
        with pytest.raises(ValidationError) as exc:
            forderung(sachbearbeitung, tagessaetze=anzahl)
        assert _fehlercode(exc, "tagessaetze") == "tagessaetze_bereich"
        assert "Art. 34 Abs. 1 StGB" in exc.value.error_dict["tagessaetze"][0].message


@pytest.mark.rule("R-2D-1")
@pytest.mark.parametrize(
    ("tagessatz", "ausnahme", "gueltig"),
    [
        ("29.99", False, False),
        ("30.00", False, True),
        ("3000.00", False, True),
        ("3000.01", False, False),
        ("9.99", True, False),
        ("10.00", True, True),
    ],
)
def test_tagessatz_grenzen(sachbearbeitung, tagessatz, ausnahme, gueltig):
    kw = {"tagessatz": Decimal(tagessatz), "tagessatz_ausnahme": ausnahme}
    if gueltig:
        assert forderung(sachbearbeitung, **kw).tagessatz == Decimal(tagessatz)
    else:
        with pytest.raises(ValidationError) as exc:
            forderung(sachbearbeitung, **kw)
        assert _fehlercode(exc, "tagessatz") == "tagessatz_bereich"


@pytest.mark.rule("R-2D-1")
def test_geld_nie_als_float(sachbearbeitung):
    with pytest.raises(ValidationError) as exc:
        forderung(sachbearbeitung, tagessatz=100.0)
    assert _fehlercode(exc, "tagessatz") == "kein_decimal"
    with pytest.raises(ValidationError):
        forderung(sachbearbeitung, "busse", betrag=Decimal("100.005"))


@pytest.mark.rule("R-2D-1")
@pytest.mark.parametrize(("tage", "gueltig"), [(None, False), (0, False), (1, True), (90, True), (91, False)])
def test_busse_braucht_ersatzfreiheitsstrafe_des_urteils(sachbearbeitung, tage, gueltig):
    if gueltig:
        assert forderung(sachbearbeitung, "busse", efs_tage=tage).efs_tage == tage
    else:
        with pytest.raises(ValidationError) as exc:
            forderung(sachbearbeitung, "busse", efs_tage=tage)
        assert "Art. 106 Abs. 2 StGB" in exc.value.error_dict["efs_tage"][0].message


@pytest.mark.rule("R-2D-1")
@pytest.mark.parametrize(("betrag", "gueltig"), [("10000.00", True), ("10000.01", False)])
def test_busse_hoechstbetrag(sachbearbeitung, betrag, gueltig):
    if gueltig:
        assert forderung(sachbearbeitung, "busse", betrag=Decimal(betrag)).betrag == Decimal(betrag)
    else:
        with pytest.raises(ValidationError) as exc:
            forderung(sachbearbeitung, "busse", betrag=Decimal(betrag))
        assert _fehlercode(exc, "betrag") == "busse_hoechstbetrag"


@pytest.mark.rule("R-2D-1")
def test_ersatzforderung_und_kosten_und_nicht_rechtskraeftig(sachbearbeitung):
    assert forderung(sachbearbeitung, "ersatzforderung").betrag == Decimal("500.00")
    assert forderung(sachbearbeitung, "verfahrenskosten").art == "verfahrenskosten"
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        forderung(sachbearbeitung, rechtskraft_am=morgen)
    assert _fehlercode(exc, "rechtskraft_am") == "nicht_rechtskraeftig"


@pytest.mark.rule("R-2D-1")
def test_dieselbe_forderung_nur_einmal_und_constraint(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    d = daten()
    domain.forderung_erfassen(person=person, daten=d, durch=sachbearbeitung)
    with pytest.raises(ValidationError):
        domain.forderung_erfassen(person=person, daten=d, durch=sachbearbeitung)
    f = Forderung.objects.get()
    # The database refuses a Geldstrafe whose amount is not Tagessätze × Tagessatz (named constraint).
    with transaction.atomic(), pytest.raises(IntegrityError):
        Forderung.objects.filter(pk=f.pk).update(betrag=Decimal("999.00"))


@pytest.mark.rule("R-0-ROLE-1")
def test_nur_sachbearbeitung_erfasst(revision, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(PermissionDenied):
        domain.forderung_erfassen(person=person, daten=daten(), durch=revision)


@pytest.mark.rule("R-STGB-35-1")
@pytest.mark.parametrize(("monate", "gueltig"), [(0, False), (1, True), (6, True), (7, False)])
def test_zahlungsfrist_ein_bis_sechs_monate(sachbearbeitung, monate, gueltig):
    if gueltig:
        f = forderung(sachbearbeitung, frist_monate=monate)
        e = f.entscheide.get()
        assert (e.art, e.frist_bis, e.entschieden_durch) == (
            Entscheidart.ZAHLUNGSFRIST,
            f.zahlungsfrist,
            sachbearbeitung,
        )
    else:
        with pytest.raises(ValidationError) as exc:
            forderung(sachbearbeitung, frist_monate=monate)
        assert _fehlercode(exc, "frist_monate") == "frist_bereich"


@pytest.mark.rule("R-STGB-35-1")
def test_erstreckung_als_entscheid_hoechstens_sechs_monate(sachbearbeitung):
    f = forderung(sachbearbeitung, frist_monate=1)
    from kern.fristen import monatsfrist

    grenze = monatsfrist(max(f.rechtskraft_am, timezone.localdate()), 6).ende
    with pytest.raises(ValidationError) as exc:
        domain.frist_erstrecken(
            forderung=f, neue_frist=grenze + timedelta(days=1), begruendung="Gesuch", durch=sachbearbeitung
        )
    assert _fehlercode(exc, "neue_frist") == "frist_zu_lang"
    with pytest.raises(ValidationError):
        domain.frist_erstrecken(forderung=f, neue_frist=grenze, begruendung="  ", durch=sachbearbeitung)
    domain.frist_erstrecken(
        forderung=f, neue_frist=grenze, begruendung="Gesuch vom Montag", durch=sachbearbeitung
    )
    f.refresh_from_db()
    assert f.zahlungsfrist == grenze
    e = f.entscheide.get(art=Entscheidart.ERSTRECKUNG)
    assert (e.auf_gesuch, e.begruendung, e.frist_bis) == (True, "Gesuch vom Montag", grenze)


@pytest.mark.rule("R-STGB-35-1")
def test_raten_summieren_exakt_mit_eigener_qr_referenz(sachbearbeitung):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("1000.00"))
    raten = domain.raten_bewilligen(
        forderung=f,
        anzahl=3,
        erste_faellig_am=timezone.localdate(),
        begruendung="Gesuch",
        durch=sachbearbeitung,
    )
    assert [r.betrag for r in raten] == [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")]
    assert len({r.qr_referenz for r in raten} | {f.qr_referenz}) == 4
    assert all(ist_qr_referenz(r.qr_referenz) for r in raten)
    f.refresh_from_db()
    assert (f.status, f.zahlungsfrist) == (Forderungsstatus.RATEN, raten[-1].faellig_am)
    assert f.entscheide.filter(art=Entscheidart.RATEN, anzahl_raten=3).count() == 1
    with pytest.raises(ValidationError):
        domain.raten_bewilligen(
            forderung=f,
            anzahl=1,
            erste_faellig_am=timezone.localdate(),
            begruendung="x",
            durch=sachbearbeitung,
        )


@pytest.mark.rule("R-STGB-35-1")
def test_sofortige_zahlung_oder_sicherheit(sachbearbeitung):
    f = forderung(sachbearbeitung, frist_monate=3)
    with pytest.raises(ValidationError):
        domain.sofortige_zahlung_verlangen(forderung=f, begruendung="", durch=sachbearbeitung)
    with pytest.raises(ValidationError):
        domain.sofortige_zahlung_verlangen(
            forderung=f, begruendung="Wegzug", sicherheit=Decimal("1000.01"), durch=sachbearbeitung
        )
    domain.sofortige_zahlung_verlangen(
        forderung=f, begruendung="Wegzug", sicherheit=Decimal("1000.00"), durch=sachbearbeitung
    )
    domain.sofortige_zahlung_verlangen(forderung=f, begruendung="Wegzug ins Ausland", durch=sachbearbeitung)
    f.refresh_from_db()
    assert f.zahlungsfrist == timezone.localdate()
    assert list(f.entscheide.values_list("art", flat=True)) == ["zahlungsfrist", "sicherheit", "sofort"]
