"""Issue 18 item 1: passkeys (WebAuthn) as second factor, ceremonies verified end to end with a
software authenticator (attestation "none", ES256)."""

import json

import pytest
from django.urls import reverse

from kern.models import Benutzer, Passkey, Sicherheitsereignis
from tests.conftest import PASSWORT
from tests.kern.webauthn_software import SoftwareAuthenticator

pytestmark = pytest.mark.django_db


def _post_json(client, name, daten=None, **kw):
    return client.post(reverse(name, **kw), json.dumps(daten or {}), content_type="application/json")


def _einrichten(client, authenticator, **kw):
    optionen = _post_json(client, "passkey_optionen").json()
    return _post_json(
        client,
        "passkey_registrieren",
        {"credential": authenticator.registrieren(optionen, **kw), "bezeichnung": "Laptop"},
    )


def _arten(user):
    return list(
        Sicherheitsereignis.objects.filter(benutzer=user).order_by("pk").values_list("art", flat=True)
    )


def test_enrolment_then_sign_in_with_the_passkey(client, sachbearbeitung):
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    geraet = SoftwareAuthenticator()
    antwort = _einrichten(client, geraet)
    assert antwort.status_code == 200, antwort.content
    passkey = Passkey.objects.get(benutzer=sachbearbeitung)
    assert passkey.bezeichnung == "Laptop" and bytes(passkey.public_key)
    sachbearbeitung.refresh_from_db()
    assert sachbearbeitung.hat_passkey
    client.post(reverse("logout"))

    # Next sign-in: the password alone reaches only the second-factor page, which offers the passkey.
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    assert client.get(reverse("start"))["Location"].startswith(reverse("zweiter_faktor"))
    seite = client.get(reverse("zweiter_faktor"))
    assert "Mit Passkey bestätigen" in seite.content.decode()
    # TOTP enrolment is no way around the passkey.
    assert client.get(reverse("zweiter_faktor_einrichten"))["Location"] == reverse("zweiter_faktor")
    optionen = _post_json(client, "passkey_anmeldung_optionen").json()
    assert [c["id"] for c in optionen["allowCredentials"]] == [passkey.credential_id]
    antwort = _post_json(client, "passkey_anmeldung", {"credential": geraet.anmelden(optionen)})
    assert antwort.status_code == 200 and antwort.json()["weiter"] == reverse("start")
    assert client.get(reverse("start")).status_code == 200
    assert Passkey.objects.get().sign_count == 1
    arten = _arten(sachbearbeitung)
    assert "passkey_eingerichtet" in arten and arten[-1] == "mfa_erfolg"
    assert Sicherheitsereignis.objects.filter(art="mfa_erfolg").latest("pk").bemerkung == "Passkey"


def _bis_zum_faktor(client, geraet):
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    assert _einrichten(client, geraet).status_code == 200
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})


def _anmelden(client, geraet, **kw):
    optionen = _post_json(client, "passkey_anmeldung_optionen").json()
    return _post_json(client, "passkey_anmeldung", {"credential": geraet.anmelden(optionen, **kw)})


def test_replayed_challenge_wrong_origin_and_old_counter_are_refused(client, sachbearbeitung):
    geraet = SoftwareAuthenticator()
    _bis_zum_faktor(client, geraet)
    optionen = _post_json(client, "passkey_anmeldung_optionen").json()
    # wrong origin (phishing site)
    falsch = _post_json(
        client, "passkey_anmeldung", {"credential": geraet.anmelden(optionen, origin="https://boese.invalid")}
    )
    assert falsch.status_code == 400 and "nicht geprüft" in falsch.json()["fehler"]
    # the challenge was used once (even by the failed try): a correct answer to it is refused
    assert (
        _post_json(client, "passkey_anmeldung", {"credential": geraet.anmelden(optionen)}).status_code == 400
    )
    # a counter that does not grow (cloned authenticator) is refused; just above the stored one works
    assert _anmelden(client, geraet, zaehler=5).status_code == 200
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    assert _anmelden(client, geraet, zaehler=5).status_code == 400
    assert _anmelden(client, geraet, zaehler=6).status_code == 200
    assert _arten(sachbearbeitung).count("mfa_fehlversuch") == 3


def test_another_persons_passkey_is_refused(client, sachbearbeitung, sachbearbeitung2):
    fremd = SoftwareAuthenticator()
    fremder_client = type(client)()
    fremder_client.post(reverse("login"), {"username": "sb2", "password": PASSWORT})
    assert _einrichten(fremder_client, fremd).status_code == 200
    _bis_zum_faktor(client, SoftwareAuthenticator())
    optionen = _post_json(client, "passkey_anmeldung_optionen").json()
    assert (
        _post_json(client, "passkey_anmeldung", {"credential": fremd.anmelden(optionen)}).status_code == 400
    )
    assert client.get(reverse("start")).status_code == 302


@pytest.mark.parametrize(
    "nutzlast",
    [
        "",
        "[]",
        '{"credential": 1}',
        '{"credential": {}}',
        '{"credential": {"id": "x", "response": {}}}',
        "[" * 5000,
    ],
)
def test_bad_input_gives_400_with_a_german_message(client, sachbearbeitung, nutzlast):
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    _post_json(client, "passkey_optionen")
    antwort = client.post(reverse("passkey_registrieren"), nutzlast, content_type="application/json")
    assert antwort.status_code == 400 and antwort.json()["fehler"]
    assert not Passkey.objects.exists()


def test_enrolment_with_a_wrong_origin_is_refused(client, sachbearbeitung):
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    antwort = _einrichten(client, SoftwareAuthenticator(), origin="https://boese.invalid")
    assert antwort.status_code == 400 and not Passkey.objects.exists()


def test_remove_own_passkey_only(client, sachbearbeitung, sachbearbeitung2):
    client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    _einrichten(client, SoftwareAuthenticator())
    passkey = Passkey.objects.get()
    anderer = type(client)()
    anderer.post(reverse("login"), {"username": "sb2", "password": PASSWORT})
    assert anderer.post(reverse("passkey_entfernen", kwargs={"pk": passkey.pk})).status_code == 404
    assert client.post(reverse("passkey_entfernen", kwargs={"pk": passkey.pk})).status_code == 302
    assert not Passkey.objects.exists()
    assert not Benutzer.objects.get(pk=sachbearbeitung.pk).hat_passkey
