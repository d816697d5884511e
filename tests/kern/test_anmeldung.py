"""Issue 18 items 1 and 2: lockout, security log, second factor (TOTP)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kern import anmeldung
from kern.models import Sicherheitsart, Sicherheitsereignis
from tests.conftest import PASSWORT

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def _anmelden(client, username, passwort=PASSWORT, **extra):
    return client.post(LOGIN, {"username": username, "password": passwort}, **extra)


def _arten(**filter_):
    return list(Sicherheitsereignis.objects.filter(**filter_).order_by("pk").values_list("art", flat=True))


def test_success_failure_and_logout_are_in_the_security_log(client, sachbearbeitung):
    assert _anmelden(client, "sb", "falsch").status_code == 200
    assert _anmelden(client, "sb").status_code == 302
    client.post(reverse("logout"))
    assert _arten(benutzername="sb") == ["fehlversuch", "anmeldung", "abmeldung"]
    fehl = Sicherheitsereignis.objects.get(art="fehlversuch")
    assert (fehl.ip, fehl.benutzer) == ("127.0.0.1", None)


def test_unknown_user_failure_is_logged_too(client):
    _anmelden(client, "niemand", "x")
    assert _arten(benutzername="niemand") == ["fehlversuch"]


@pytest.mark.parametrize("grenze", [5])
def test_lockout_after_five_failures_even_with_the_right_password(client, sachbearbeitung, settings, grenze):
    settings.JVG_ANMELDUNG_MAX_FEHLVERSUCHE = grenze
    for _ in range(grenze - 1):
        _anmelden(client, "sb", "falsch")
    # Boundary: four failures, the right password still works (and resets the count).
    assert _anmelden(client, "sb").status_code == 302
    client.post(reverse("logout"))
    for _ in range(grenze):
        _anmelden(client, "sb", "falsch")
    antwort = _anmelden(client, "SB")  # case does not matter
    assert antwort.status_code == 200
    assert "Zu viele fehlgeschlagene Anmeldungen: die Anmeldung ist für 15 Minuten gesperrt." in (
        antwort.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert _arten(art="gesperrt", benutzername="sb") == ["gesperrt"]
    # The Django admin's sign-in goes through the same backend.
    admin = client.post("/admin/login/", {"username": "sb", "password": PASSWORT})
    assert "_auth_user_id" not in client.session and admin.status_code == 200
    # After the window the user may sign in again.
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _anmelden(client, "sb").status_code == 302


def test_lockout_per_address(client, sachbearbeitung, settings):
    settings.JVG_ANMELDUNG_MAX_FEHLVERSUCHE_IP = 3
    for name in ("a", "b", "c"):
        _anmelden(client, name, "x")
    assert _anmelden(client, "sb").status_code == 200  # same address
    assert _anmelden(client, "sb", REMOTE_ADDR="10.0.0.9").status_code == 302  # another address


def test_admin_unlock(client, sachbearbeitung, admin_user, settings):
    for _ in range(5):
        _anmelden(client, "sb", "falsch")
    assert anmeldung.gesperrt("sb", None)
    anmeldung.entsperren(benutzername="sb", durch=admin_user)
    assert not anmeldung.gesperrt("sb", None)
    assert _anmelden(client, "sb").status_code == 302
    assert Sicherheitsereignis.objects.get(art="entsperrt").durch == admin_user


def test_security_log_rows_cannot_be_changed():
    e = anmeldung.ereignis(Sicherheitsart.ANMELDUNG, benutzername="x")
    from kern import audit_kette

    assert Sicherheitsereignis._meta.db_table in audit_kette.geschuetzte_tabellen()
    assert e.pk


# --- second factor --------------------------------------------------------------------------------


def test_totp_matches_rfc6238_vector():
    # RFC 6238 appendix B, SHA-1, T = 59 s → 94287082 (8 digits); the last six digits.
    geheimnis = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert anmeldung.code(geheimnis, 59 // 30) == "287082"
    assert anmeldung.code(geheimnis, 1111111109 // 30) == "081804"


def test_enrolment_then_login_with_code_and_replay_refused(client, sachbearbeitung):
    assert _anmelden(client, "sb").status_code == 302
    einrichten = reverse("zweiter_faktor_einrichten")
    seite = client.get(einrichten)
    geheimnis = client.session["jvg_mfa_neu"]
    assert geheimnis in seite.content.decode()
    assert client.post(einrichten, {"code": "000000"}).status_code == 200
    code = anmeldung.code(geheimnis, anmeldung.aktueller_schritt())
    assert client.post(einrichten, {"code": code}).status_code == 302
    sachbearbeitung.refresh_from_db()
    assert sachbearbeitung.totp_bestaetigt_am is not None
    client.post(reverse("logout"))

    # Next sign-in: the password alone reaches only the code page.
    assert _anmelden(client, "sb")["Location"] == reverse("start")
    antwort = client.get(reverse("start"))
    assert antwort.status_code == 302 and antwort["Location"].startswith(reverse("zweiter_faktor"))
    assert client.get("/api/v1/faelle/").status_code == 403
    # The code already used at enrolment is refused (replay), a fresh one admits.
    assert client.post(reverse("zweiter_faktor"), {"code": code}).status_code == 200
    naechster = anmeldung.code(geheimnis, anmeldung.aktueller_schritt() + 1)
    assert client.post(reverse("zweiter_faktor"), {"code": naechster}).status_code == 302
    assert client.get(reverse("start")).status_code == 200
    assert _arten(benutzer=sachbearbeitung, art__startswith="mfa") == [
        "mfa_eingerichtet",
        "mfa_fehlversuch",
        "mfa_erfolg",
    ]


def test_production_obliges_case_roles_to_enrol(client, sachbearbeitung, settings):
    settings.JVG_MFA_PFLICHT = True
    _anmelden(client, "sb")
    antwort = client.get(reverse("start"))
    assert antwort.status_code == 302
    assert client.get(antwort["Location"])["Location"] == reverse("zweiter_faktor_einrichten")


def test_without_obligation_and_enrolment_no_code_is_asked(client, sachbearbeitung, settings):
    settings.JVG_MFA_PFLICHT = False
    _anmelden(client, "sb")
    assert client.get(reverse("start")).status_code == 200


# --- sessions and passwords (item 8) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("passwort", "gueltig"),
    [("Luzern2026", False), ("123456789012", False), ("Kq7#vz-Lm2xy", True), ("Kq7#vz-Lm2x", False)],
)
def test_password_policy_min_12_and_common_list(sachbearbeitung, passwort, gueltig):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    if gueltig:
        validate_password(passwort, sachbearbeitung)
    else:
        with pytest.raises(ValidationError):
            validate_password(passwort, sachbearbeitung)


def test_absolute_session_lifetime(client, sachbearbeitung, settings):
    settings.JVG_SITZUNG_HOECHSTDAUER_STUNDEN = 10
    settings.SESSION_COOKIE_AGE = 24 * 3600  # only the absolute lifetime is under test, not the idle one
    beginn = timezone.now()
    with time_machine.travel(beginn, tick=False):
        _anmelden(client, "sb")
    with time_machine.travel(beginn + timedelta(hours=9, minutes=59), tick=False):
        assert client.get(reverse("start")).status_code == 200
    with time_machine.travel(beginn + timedelta(hours=10, minutes=1), tick=False):
        antwort = client.get(reverse("start"))
    assert antwort.status_code == 302 and antwort["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_log_out_everywhere_ends_the_other_sessions(client, sachbearbeitung):
    from django.test import Client

    anderes_geraet = Client()
    _anmelden(anderes_geraet, "sb")
    assert anderes_geraet.get(reverse("start")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        _anmelden(client, "sb")
        assert client.post(reverse("ueberall_abmelden")).status_code == 302
        assert anderes_geraet.get(reverse("start")).status_code == 302
        assert client.get(reverse("start")).status_code == 302
        # a new sign-in works again
        _anmelden(client, "sb")
    with time_machine.travel(timezone.now() + timedelta(seconds=4)):
        assert client.get(reverse("start")).status_code == 200


def test_password_change_in_the_browser(client, sachbearbeitung):
    _anmelden(client, "sb")
    daten = {"old_password": PASSWORT, "new_password1": "Luzern2026", "new_password2": "Luzern2026"}
    antwort = client.post(reverse("konto"), daten)
    assert antwort.status_code == 200 and antwort.context["form"].errors["new_password2"]
    neu = "Kq7#vz-Lm2xy-Sonne"
    antwort = client.post(reverse("konto"), {**daten, "new_password1": neu, "new_password2": neu})
    assert antwort.status_code == 302
    sachbearbeitung.refresh_from_db()
    assert sachbearbeitung.check_password(neu)
    assert client.get(reverse("start")).status_code == 200  # this session stays


def test_client_address_behind_a_trusted_proxy(client, sachbearbeitung, settings):
    settings.JVG_VERTRAUTE_PROXIES = ["10.0.0.2"]
    _anmelden(client, "sb", "falsch", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.2")
    # An untrusted peer cannot choose its address by sending the header itself.
    _anmelden(client, "sb", "falsch", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert list(Sicherheitsereignis.objects.order_by("pk").values_list("ip", flat=True)) == [
        "203.0.113.7",
        "198.51.100.1",
    ]
