"""Issue 17: four-eyes a real facility can satisfy (R-0-4EYES-1). Who drafts and who approves per type
(`recht.ZUSTAENDIGKEIT`); a configured Stellvertretung counts as approver in its period (both days
included); the drafter never approves, not even as deputy; the admin page keeps history."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kern.fristen import TZ
from kern.rollen import Rolle
from tests.conftest import _benutzer
from tests.factories import fall_anlegen
from verfuegungen import domain, permissions, recht
from verfuegungen.models import Stellvertretung
from verfuegungen.queries import zur_genehmigung_fuer
from verfuegungen.recht import Anhoerungsart, Verfuegungsstatus, Verfuegungstyp

pytestmark = pytest.mark.django_db
T = Verfuegungstyp
S = Verfuegungsstatus

VON = date(2026, 3, 2)
BIS = date(2026, 3, 13)


def _mittag(tag: date) -> datetime:
    return datetime.combine(tag, time(12, 0), tzinfo=TZ)


def _daten():
    return domain.Entwurfsdaten(
        titel="Disziplinarverfügung: Verweis",
        rechtsgrundlage="§ 41 Abs. 1 lit. a JVG",
        sachverhalt="Am 20.02.2026 verweigerte die Person die Arbeit.",
        begruendung="Die Verweigerung stört die Ordnung der Einrichtung.",
        dispositiv="1. Verweis.",
    )


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def stv_a(anstalt_a):
    return _benutzer("stv_a", Rolle.ANSTALTSPERSONAL, anstalt_a)


@pytest.fixture
def stellvertretung(stv_a, anstalt_a):
    s = Stellvertretung(vertreter=stv_a, anstalt=anstalt_a, von=VON, bis=BIS)
    s.full_clean()
    s.save()
    return s


def _vorgelegt(typ, durch, fall, anstalt=None):
    v = domain.verfuegung_entwerfen(
        typ=typ, person=fall.person, fall=fall, anstalt=anstalt, daten=_daten(), durch=durch
    )
    if v.ist_belastend:
        domain.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=durch)
    return domain.zur_genehmigung_vorlegen(verfuegung=v, durch=durch)


def test_zustaendigkeit_je_typ():
    # Facility decisions: staff or management draft, the management approves; all others: the authority.
    for typ in (T.DISZIPLINAR, T.SICHERHEITSMASSNAHME_31):
        z = recht.zustaendigkeit(typ)
        assert z.in_anstalt and z.entwerfen == {Rolle.ANSTALTSPERSONAL, Rolle.ANSTALTSLEITUNG}
        assert z.genehmigen == {Rolle.ANSTALTSLEITUNG}
    for typ in set(T.values) - {T.DISZIPLINAR, T.SICHERHEITSMASSNAHME_31}:
        z = recht.zustaendigkeit(typ)
        assert not z.in_anstalt and z.entwerfen == z.genehmigen == {Rolle.SACHBEARBEITUNG}


@pytest.mark.rule("R-0-4EYES-1")
@pytest.mark.parametrize(
    "tag, erlaubt",
    [(VON - timedelta(days=1), False), (VON, True), (BIS, True), (BIS + timedelta(days=1), False)],
)
def test_stellvertretung_genehmigt_nur_im_zeitraum(
    tag, erlaubt, leitung_a, stv_a, fall_a, anstalt_a, stellvertretung
):
    # A facility with one director: the director drafts, the deputy approves — in the period only.
    with time_machine.travel(_mittag(VON - timedelta(days=3)), tick=False):
        v = _vorgelegt(T.DISZIPLINAR, leitung_a, fall_a, anstalt_a)
    with time_machine.travel(_mittag(tag), tick=False):
        assert permissions.darf_genehmigen(stv_a, v) is erlaubt
        assert list(zur_genehmigung_fuer(stv_a)) == ([v] if erlaubt else [])
        if erlaubt:
            v = domain.genehmigen(verfuegung=v, durch=stv_a, kommentar="in Vertretung")
            assert (v.status, v.genehmigt_durch) == (S.GENEHMIGT, stv_a)
            assert v.history.first().history_user == stv_a
        else:
            with pytest.raises(PermissionDenied):
                domain.genehmigen(verfuegung=v, durch=stv_a)
            v.refresh_from_db()
            assert v.status == S.ZUR_GENEHMIGUNG


@pytest.mark.rule("R-0-4EYES-1")
def test_personal_ohne_stellvertretung_genehmigt_nicht(leitung_a, personal_a, fall_a, anstalt_a):
    with time_machine.travel(_mittag(VON), tick=False):
        v = _vorgelegt(T.SICHERHEITSMASSNAHME_31, leitung_a, fall_a, anstalt_a)
        assert not permissions.darf_genehmigen(personal_a, v)
        assert "genehmigen" not in permissions.erlaubte_aktionen(v, personal_a)
        with pytest.raises(PermissionDenied):
            domain.genehmigen(verfuegung=v, durch=personal_a)


@pytest.mark.rule("R-0-4EYES-1")
def test_stellvertretung_die_entworfen_hat_genehmigt_nicht(
    leitung_a, stv_a, fall_a, anstalt_a, stellvertretung
):
    with time_machine.travel(_mittag(VON), tick=False):
        v = _vorgelegt(T.DISZIPLINAR, stv_a, fall_a, anstalt_a)
        assert "genehmigen" not in permissions.erlaubte_aktionen(v, stv_a)
        assert list(zur_genehmigung_fuer(stv_a)) == []
        with pytest.raises(ValidationError) as exc:
            domain.genehmigen(verfuegung=v, durch=stv_a)
        assert "Vier-Augen-Prinzip" in exc.value.message_dict["durch"][0]
        # The director approves what the deputy (or staff, the security chief) drafted.
        assert list(zur_genehmigung_fuer(leitung_a)) == [v]
        v = domain.genehmigen(verfuegung=v, durch=leitung_a)
        assert v.status == S.GENEHMIGT


@pytest.mark.rule("R-0-4EYES-1")
def test_stellvertretung_einer_anderen_einrichtung_genehmigt_nicht(
    leitung_a, anstalt_a, anstalt_b, fall_a, personal_b
):
    Stellvertretung.objects.create(vertreter=personal_b, anstalt=anstalt_b, von=VON, bis=BIS)
    with time_machine.travel(_mittag(VON), tick=False):
        v = _vorgelegt(T.DISZIPLINAR, leitung_a, fall_a, anstalt_a)
        assert not permissions.darf_genehmigen(personal_b, v)
        assert list(zur_genehmigung_fuer(personal_b)) == []


@pytest.mark.rule("R-0-4EYES-1")
def test_stellvertretung_ordnet_sicherheitsmassnahme_an(leitung_a, stv_a, fall_a, anstalt_a, stellvertretung):
    # § 31: the deputy acts for the management in its period (sicherheitsmassnahmen.permissions).
    from sicherheitsmassnahmen.models import Sicherheitsmassnahme
    from sicherheitsmassnahmen.permissions import darf_anordnen

    m = Sicherheitsmassnahme(anstalt=anstalt_a, person=fall_a.person)
    with time_machine.travel(_mittag(BIS), tick=False):
        assert darf_anordnen(stv_a, m)
    with time_machine.travel(_mittag(BIS + timedelta(days=1)), tick=False):
        assert not darf_anordnen(stv_a, m)


@pytest.mark.rule("R-0-4EYES-1")
def test_behoerde_zweite_sachbearbeitung_genehmigt(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _vorgelegt(T.AUFSCHUB_14, sachbearbeitung, fall_a)
    assert list(zur_genehmigung_fuer(sachbearbeitung)) == []
    assert list(zur_genehmigung_fuer(sachbearbeitung2)) == [v]
    assert domain.genehmigen(verfuegung=v, durch=sachbearbeitung2).status == S.GENEHMIGT


def test_stellvertretung_pruefungen(anstalt_a, anstalt_b, personal_a, personal_b, sachbearbeitung, medizin):
    def fehler(**kw):
        with pytest.raises(ValidationError) as exc:
            Stellvertretung(**{"von": VON, "bis": BIS, **kw}).full_clean()
        return exc.value.message_dict

    assert "in dieser Einrichtung tätig" in fehler(vertreter=personal_b, anstalt=anstalt_a)["vertreter"][0]
    assert "als Sachbearbeitung" in fehler(vertreter=medizin, anstalt=None)["vertreter"][0]
    assert "nicht vor dem ersten" in " ".join(
        fehler(vertreter=personal_a, anstalt=anstalt_a, bis=VON - timedelta(days=1))["bis"]
    )
    # Just inside: a one-day period, and the authority's deputy is a case worker.
    Stellvertretung(vertreter=personal_a, anstalt=anstalt_a, von=VON, bis=VON).full_clean()
    Stellvertretung(vertreter=sachbearbeitung, anstalt=None, von=VON, bis=BIS).full_clean()


def test_admin_richtet_stellvertretung_mit_historie_ein(client, admin_user, stv_a, anstalt_a):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    antwort = client.post(
        reverse("admin:verfuegungen_stellvertretung_add"),
        {
            "vertreter": stv_a.pk,
            "anstalt": anstalt_a.pk,
            "von": "02.03.2026",
            "bis": "13.03.2026",
            "bemerkung": "",
        },
    )
    assert antwort.status_code == 302, antwort.content.decode()[:2000]
    s = Stellvertretung.objects.get()
    assert (s.vertreter, s.von, s.bis) == (stv_a, VON, BIS)
    assert s.history.get().history_user == admin_user
    # Ended by its last day, never deleted.
    loeschen = reverse("admin:verfuegungen_stellvertretung_delete", args=[s.pk])
    assert client.post(loeschen, {"post": "yes"}).status_code == 403
    assert Stellvertretung.objects.filter(pk=s.pk).exists()


@pytest.mark.rule("R-0-4EYES-1")
def test_stellvertretung_genehmigt_auf_der_seite(
    client_als, leitung_a, stv_a, fall_a, anstalt_a, stellvertretung
):
    with time_machine.travel(_mittag(VON), tick=False):
        v = _vorgelegt(T.DISZIPLINAR, leitung_a, fall_a, anstalt_a)
        client = client_als(stv_a)
        seite = client.get(v.get_absolute_url()).content.decode()
        url = reverse("verfuegungen:aktion", args=[v.pk, "genehmigen"])
        assert url in seite
        antwort = client.post(url, {"kommentar": "In Vertretung der Leitung."})
        assert antwort.status_code == 302
    v.refresh_from_db()
    assert (v.status, v.genehmigt_durch) == (S.GENEHMIGT, stv_a)
