"""Issue 18 item 1: recovery codes (single use, hashed, a new set invalidates the old one) and the
four-eyes reset of the second factor by two admins."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kern import anmeldung, zweiter_faktor
from kern.models import Benutzer, MfaRuecksetzung, Sicherheitsereignis, Wiederherstellungscode
from kern.rollen import Rolle
from tests.conftest import PASSWORT

pytestmark = pytest.mark.django_db

GEHEIMNIS = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def _eingerichtet(user):
    Benutzer.objects.filter(pk=user.pk).update(totp_geheimnis=GEHEIMNIS, totp_bestaetigt_am=timezone.now())
    user.refresh_from_db()
    return user


def _arten(user):
    return list(
        Sicherheitsereignis.objects.filter(benutzer=user).order_by("pk").values_list("art", flat=True)
    )


def _bis_zum_code(client):
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    assert client.get(reverse("start"))["Location"].startswith(reverse("zweiter_faktor"))


def test_codes_shown_once_stored_hashed_single_use_and_regenerated(client, sachbearbeitung):
    _eingerichtet(sachbearbeitung)
    _bis_zum_code(client)
    assert (
        client.post(
            reverse("zweiter_faktor"), {"code": anmeldung.code(GEHEIMNIS, anmeldung.aktueller_schritt())}
        ).status_code
        == 302
    )
    antwort = client.post(reverse("wiederherstellungscodes_neu"))
    codes = antwort.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(c in antwort.content.decode() for c in codes)
    gespeichert = " ".join(Wiederherstellungscode.objects.values_list("code_hash", flat=True))
    assert not any(c.replace("-", "") in gespeichert or c in gespeichert for c in codes)
    # shown once: the account page afterwards has no code
    assert not any(c in client.get(reverse("konto")).content.decode() for c in codes)
    client.post(reverse("logout"))

    # one code admits (lower case, without hyphen too) ...
    _bis_zum_code(client)
    assert (
        client.post(reverse("zweiter_faktor"), {"code": codes[0].replace("-", "").lower()}).status_code == 302
    )
    assert client.get(reverse("start")).status_code == 200
    client.post(reverse("logout"))
    # ... once: the reuse is refused and counts as a failure
    _bis_zum_code(client)
    antwort = client.post(reverse("zweiter_faktor"), {"code": codes[0]})
    assert antwort.status_code == 200 and "Der Code ist falsch oder abgelaufen." in antwort.content.decode()
    assert zweiter_faktor.codes_offen(sachbearbeitung) == 9

    # a new set invalidates the old one
    neue = zweiter_faktor.codes_erstellen(sachbearbeitung)
    assert not zweiter_faktor.code_einloesen(sachbearbeitung, codes[1])
    assert zweiter_faktor.code_einloesen(sachbearbeitung, neue[9])
    arten = _arten(sachbearbeitung)
    assert arten.count("mfa_codes_erstellt") == 2 and arten.count("mfa_code_benutzt") == 2
    assert "mfa_fehlversuch" in arten


@pytest.mark.parametrize("eingabe", ["", "123456", "ABCDE-FGHJ", "ABCDE-FGHJKL", "<script>", "x" * 16])
def test_malformed_recovery_codes_are_refused(sachbearbeitung, eingabe):
    _eingerichtet(sachbearbeitung)
    zweiter_faktor.codes_erstellen(sachbearbeitung)
    assert not zweiter_faktor.code_einloesen(sachbearbeitung, eingabe)


def test_codes_need_a_second_factor(client, sachbearbeitung):
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    assert client.post(reverse("wiederherstellungscodes_neu")).status_code == 403
    assert not Wiederherstellungscode.objects.exists()


@pytest.fixture
def admin2(db):
    user = Benutzer.objects.create_user(
        "admin2", password=PASSWORT, rolle=Rolle.ADMIN, is_staff=True, is_superuser=True
    )
    return user


def test_four_eyes_reset_same_admin_refused_second_admin_confirms(admin_user, admin2, sachbearbeitung):
    _eingerichtet(sachbearbeitung)
    zweiter_faktor.codes_erstellen(sachbearbeitung)
    antrag = zweiter_faktor.ruecksetzung_beantragen(
        sachbearbeitung, durch=admin_user, grund="Telefon verloren"
    )
    # Boundary: the requester cannot confirm, the factor stays ...
    with pytest.raises(PermissionDenied):
        zweiter_faktor.ruecksetzung_bestaetigen(antrag, durch=admin_user)
    sachbearbeitung.refresh_from_db()
    assert sachbearbeitung.totp_bestaetigt_am is not None
    # ... nor the database (constraint), even around the service
    with pytest.raises(IntegrityError), transaction.atomic():
        MfaRuecksetzung.objects.filter(pk=antrag.pk).update(
            bestaetigt_durch=admin_user, bestaetigt_am=timezone.now()
        )
    # ... a second admin can.
    zweiter_faktor.ruecksetzung_bestaetigen(antrag, durch=admin2)
    sachbearbeitung.refresh_from_db()
    assert (sachbearbeitung.totp_geheimnis, sachbearbeitung.totp_bestaetigt_am) == ("", None)
    assert not Wiederherstellungscode.objects.filter(benutzer=sachbearbeitung).exists()
    ereignisse = Sicherheitsereignis.objects.filter(
        art__in=["mfa_reset_beantragt", "mfa_zurueckgesetzt"]
    ).order_by("pk")
    assert [(e.art, e.durch) for e in ereignisse] == [
        ("mfa_reset_beantragt", admin_user),
        ("mfa_zurueckgesetzt", admin2),
    ]
    assert "Telefon verloren" in ereignisse[0].bemerkung
    assert antrag.history.count() == 2


def test_reset_needs_a_reason_and_never_ones_own(admin_user, admin2):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        zweiter_faktor.ruecksetzung_beantragen(admin2, durch=admin_user, grund="  ")
    with pytest.raises(PermissionDenied):
        zweiter_faktor.ruecksetzung_beantragen(admin_user, durch=admin_user, grund="selbst")
    antrag = zweiter_faktor.ruecksetzung_beantragen(admin2, durch=admin_user, grund="neu")
    with pytest.raises(ValidationError):  # one open request per person
        zweiter_faktor.ruecksetzung_beantragen(admin2, durch=admin_user, grund="nochmals")
    with pytest.raises(PermissionDenied):  # the person concerned does not confirm their own reset
        zweiter_faktor.ruecksetzung_bestaetigen(antrag, durch=admin2)


def test_admin_actions_request_with_reason_then_second_admin_confirms(
    client, admin_user, admin2, sachbearbeitung
):
    _eingerichtet(sachbearbeitung)
    url = reverse("admin:jvg_case_benutzer_changelist")
    Benutzer.objects.filter(pk=admin_user.pk).update(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    daten = {"action": "zweiten_faktor_zuruecksetzen", "_selected_action": [sachbearbeitung.pk]}
    seite = client.post(url, daten)
    assert seite.status_code == 200 and "Grund" in seite.content.decode()
    assert not MfaRuecksetzung.objects.exists()
    client.post(url, {**daten, "bestaetigt": "1", "grund": "Gerät verloren"})
    assert MfaRuecksetzung.objects.get().grund == "Gerät verloren"
    bestaetigen = {
        "action": "zweiten_faktor_ruecksetzung_bestaetigen",
        "_selected_action": [sachbearbeitung.pk],
    }
    client.post(url, bestaetigen)
    sachbearbeitung.refresh_from_db()
    assert sachbearbeitung.totp_bestaetigt_am is not None  # same admin: refused
    client.force_login(admin2)
    client.post(url, bestaetigen)
    sachbearbeitung.refresh_from_db()
    assert sachbearbeitung.totp_bestaetigt_am is None
