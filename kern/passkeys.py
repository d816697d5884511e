"""WebAuthn passkeys as second factor (issue 18 item 1; ASVS V6.5), with `webauthn` (py_webauthn).

* Enrolment on /konto/ after the first sign-in with a second factor: the server makes the options with
  a fresh challenge (kept in the session, used once), the browser (static/js/passkey.js) creates the
  credential, the server verifies it (origin, RP id, challenge, user presence, attestation "none" or a
  verifiable one) and stores the public key only.
* Sign-in: after the password the code page offers "Mit Passkey bestätigen"; the assertion is verified
  with the stored key, the signature counter must grow (cloned authenticator), and the session then
  counts as second-factor confirmed, exactly like a TOTP code.
* RP id and origin: `JVG_WEBAUTHN_RP_ID` / `JVG_WEBAUTHN_ORIGIN`, else from the request's host (which
  ALLOWED_HOSTS has checked).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from kern import anmeldung
from kern.models import Benutzer, Passkey, Sicherheitsart

SITZUNG_REGISTRIERUNG = "jvg_passkey_registrierung"
SITZUNG_ANMELDUNG = "jvg_passkey_anmeldung"
MAX_PASSKEYS = 10
FEHLER = "Der Passkey konnte nicht geprüft werden. Bitte erneut versuchen."


def rp_id(request) -> str:
    return settings.JVG_WEBAUTHN_RP_ID or request.get_host().rsplit(":", 1)[0]


def origin(request) -> str:
    return settings.JVG_WEBAUTHN_ORIGIN or f"{request.scheme}://{request.get_host()}"


def _descriptoren(user: Benutzer):
    return [
        PublicKeyCredentialDescriptor(id=base64url_to_bytes(k))
        for k in Passkey.objects.filter(benutzer=user).values_list("credential_id", flat=True)
    ]


def registrierung_optionen(request) -> str:
    user = request.user
    optionen = generate_registration_options(
        rp_id=rp_id(request),
        rp_name="JVG Luzern",
        user_id=f"jvg-{user.pk}".encode(),
        user_name=user.username,
        user_display_name=user.get_full_name() or user.username,
        exclude_credentials=_descriptoren(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    request.session[SITZUNG_REGISTRIERUNG] = bytes_to_base64url(optionen.challenge)
    return options_to_json(optionen)


def _challenge(request, schluessel: str) -> bytes:
    wert = request.session.pop(schluessel, None)  # one use, also when the check fails
    if not wert:
        raise ValidationError(FEHLER)
    return base64url_to_bytes(wert)


def registrieren(request, credential: dict, bezeichnung: str = "") -> Passkey:
    user = request.user
    challenge = _challenge(request, SITZUNG_REGISTRIERUNG)
    if Passkey.objects.filter(benutzer=user).count() >= MAX_PASSKEYS:
        raise ValidationError(f"Höchstens {MAX_PASSKEYS} Passkeys je Person.")
    try:
        ergebnis = verify_registration_response(
            credential=json.dumps(credential),
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as ursache:
        raise ValidationError(FEHLER) from ursache
    with transaction.atomic():
        passkey = Passkey.objects.create(
            benutzer=user,
            credential_id=bytes_to_base64url(ergebnis.credential_id),
            public_key=ergebnis.credential_public_key,
            sign_count=ergebnis.sign_count,
            bezeichnung=(bezeichnung or "").strip()[:100],
            erstellt_am=timezone.now(),
        )
        Benutzer.objects.filter(pk=user.pk).update(hat_passkey=True)
        anmeldung.ereignis(
            Sicherheitsart.PASSKEY_EINGERICHTET,
            request=request,
            benutzer=user,
            durch=user,
            bemerkung=passkey.bezeichnung,
        )
    return passkey


def anmeldung_optionen(request) -> str:
    optionen = generate_authentication_options(
        rp_id=rp_id(request),
        allow_credentials=_descriptoren(request.user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    request.session[SITZUNG_ANMELDUNG] = bytes_to_base64url(optionen.challenge)
    return options_to_json(optionen)


def pruefen(request, credential: dict) -> Passkey:
    """The assertion of one of the user's passkeys; ValidationError for anything else."""
    challenge = _challenge(request, SITZUNG_ANMELDUNG)
    kennung = credential.get("id") if isinstance(credential, dict) else None
    passkey = Passkey.objects.filter(benutzer=request.user, credential_id=str(kennung or "")[:1400]).first()
    if passkey is None:
        raise ValidationError(FEHLER)
    try:
        ergebnis = verify_authentication_response(
            credential=json.dumps(credential),
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as ursache:
        raise ValidationError(FEHLER) from ursache
    Passkey.objects.filter(pk=passkey.pk).update(
        sign_count=ergebnis.new_sign_count, zuletzt_benutzt=timezone.now()
    )
    return passkey


def entfernen(passkey: Passkey, *, request) -> None:
    with transaction.atomic():
        passkey.delete()
        Benutzer.objects.filter(pk=passkey.benutzer_id).update(
            hat_passkey=Passkey.objects.filter(benutzer_id=passkey.benutzer_id).exists()
        )
        anmeldung.ereignis(
            Sicherheitsart.MFA_ZURUECKGESETZT,
            request=request,
            benutzer=passkey.benutzer,
            durch=request.user,
            bemerkung=f"Passkey entfernt: {passkey.bezeichnung or 'ohne Bezeichnung'}",
        )
