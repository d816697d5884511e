"""Recovery codes and the four-eyes reset of the second factor (issue 18 item 1; ASVS V6.4, V6.5).

* Recovery codes: 10 single-use codes of 10 characters (about 50 bits each) from an alphabet without
  look-alikes, shown once. Only an HMAC-SHA256 with a key outside the database (`JVG_FELD_SCHLUESSEL`,
  else SECRET_KEY) is stored, so a copy of the table alone gives nothing to try offline. A new set
  deletes the old one. Creation and each use are security events; a wrong code counts as a failure.
* Reset: one admin asks (with reason), a second admin confirms; the same admin is refused (also by a
  database constraint). The confirmation clears TOTP, recovery codes and passkeys: the person enrols
  again at the next sign-in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kern import anmeldung
from kern.audit import speichern
from kern.models import Benutzer, MfaRuecksetzung, Passkey, Sicherheitsart, Wiederherstellungscode

ANZAHL_CODES = 10
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 signs: 5 bits each, no 0/O, 1/I
_LAENGE = 10


def _normalisieren(eingabe: str) -> str:
    return "".join(z for z in (eingabe or "").upper() if z.isalnum())


def ist_wiederherstellungscode(eingabe: str) -> bool:
    """True for input shaped like a recovery code (10 signs, a hyphen allowed), not like a TOTP code."""
    roh = _normalisieren(eingabe)
    return len(roh) == _LAENGE and not roh.isdigit()


def _hash(code: str) -> str:
    schluessel = (settings.JVG_FELD_SCHLUESSEL or settings.SECRET_KEY).encode()
    return hmac.new(
        schluessel, b"jvg-wiederherstellung:" + _normalisieren(code).encode(), hashlib.sha256
    ).hexdigest()


def codes_erstellen(user: Benutzer, *, request=None) -> list[str]:
    """A new set of codes for `user` (the old set is invalid at once); the codes are returned once."""
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(_LAENGE)) for _ in range(ANZAHL_CODES)]
    jetzt = timezone.now()
    with transaction.atomic():
        Wiederherstellungscode.objects.filter(benutzer=user).delete()
        Wiederherstellungscode.objects.bulk_create(
            Wiederherstellungscode(benutzer=user, code_hash=_hash(c), erstellt_am=jetzt) for c in codes
        )
        anmeldung.ereignis(Sicherheitsart.CODES_ERSTELLT, request=request, benutzer=user, durch=user)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def codes_offen(user: Benutzer) -> int:
    return Wiederherstellungscode.objects.filter(benutzer=user, benutzt_am=None).count()


def code_einloesen(user: Benutzer, eingabe: str, *, request=None) -> bool:
    """Use one code: the conditional UPDATE lets only one of two concurrent requests win."""
    if not ist_wiederherstellungscode(eingabe):
        return False
    benutzt = Wiederherstellungscode.objects.filter(
        benutzer=user, code_hash=_hash(eingabe), benutzt_am=None
    ).update(benutzt_am=timezone.now())
    if benutzt:
        anmeldung.ereignis(
            Sicherheitsart.CODE_BENUTZT,
            request=request,
            benutzer=user,
            bemerkung=f"noch {codes_offen(user)} von {ANZAHL_CODES} offen",
        )
    return bool(benutzt)


# --- four-eyes reset ---------------------------------------------------------------------------------


def ruecksetzung_beantragen(user: Benutzer, *, durch: Benutzer, grund: str, request=None) -> MfaRuecksetzung:
    grund = (grund or "").strip()
    if not grund:
        raise ValidationError({"grund": "Bitte den Grund für das Zurücksetzen angeben."})
    if user.pk == durch.pk:
        raise PermissionDenied("Den eigenen zweiten Faktor setzt eine andere Person zurück.")
    if MfaRuecksetzung.objects.filter(benutzer=user, bestaetigt_am=None).exists():
        raise ValidationError({"grund": f"Für {user.username} ist bereits ein Zurücksetzen beantragt."})
    antrag = MfaRuecksetzung(
        benutzer=user, grund=grund[:200], beantragt_durch=durch, beantragt_am=timezone.now()
    )
    with transaction.atomic():
        speichern(antrag, durch=durch)
        anmeldung.ereignis(
            Sicherheitsart.MFA_RESET_BEANTRAGT, request=request, benutzer=user, durch=durch, bemerkung=grund
        )
    return antrag


def ruecksetzung_bestaetigen(antrag: MfaRuecksetzung, *, durch: Benutzer, request=None) -> None:
    if antrag.beantragt_durch_id == durch.pk:
        raise PermissionDenied("Vier-Augen-Prinzip: das Zurücksetzen bestätigt eine andere Person.")
    if antrag.benutzer_id == durch.pk:
        raise PermissionDenied("Den eigenen zweiten Faktor setzt eine andere Person zurück.")
    with transaction.atomic():
        antrag = MfaRuecksetzung.objects.select_for_update().get(pk=antrag.pk)
        if antrag.bestaetigt_am is not None:
            return
        antrag.bestaetigt_durch = durch
        antrag.bestaetigt_am = timezone.now()
        speichern(antrag, durch=durch)
        faktoren_loeschen(antrag.benutzer)
        anmeldung.ereignis(
            Sicherheitsart.MFA_ZURUECKGESETZT,
            request=request,
            benutzer=antrag.benutzer,
            durch=durch,
            bemerkung=f"beantragt durch {antrag.beantragt_durch.username}: {antrag.grund}",
        )


def faktoren_loeschen(user: Benutzer) -> None:
    Benutzer.objects.filter(pk=user.pk).update(totp_geheimnis="", totp_bestaetigt_am=None, hat_passkey=False)
    Wiederherstellungscode.objects.filter(benutzer=user).delete()
    Passkey.objects.filter(benutzer=user).delete()
