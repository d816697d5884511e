"""Staff API tokens (issue 18 item 7): issue, check and revoke. The one place for their rules.

A secret is `<prefix>.<random>`; only its SHA-256 is stored (a random 256-bit secret needs no slow hash:
it cannot be guessed from a dictionary). The prefix is visible in the lists so a user can tell tokens
apart. Expiry: `JVG_API_TOKEN_TAGE` days after issue, that last instant included. Issuing and revoking
are history entries with their actor and security events.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from kern.anmeldung import ereignis
from kern.models import ApiToken, Benutzer, Sicherheitsart
from kern.rollen import Rolle

# R-0-ROLE-1: admin never acts on case data, and system actors get their token from their own command.
OHNE_TOKEN = frozenset({Rolle.ADMIN, Rolle.SYSTEM})
MAX_SECRET = 100  # longer header values are refused before hashing


def hash_von(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def darf_ausstellen(user: Benutzer) -> bool:
    return user.is_active and user.rolle not in OHNE_TOKEN


@transaction.atomic
def ausstellen(
    user: Benutzer, *, durch: Benutzer | None, bezeichnung: str = "", request=None, system: bool = False
) -> tuple[ApiToken, str]:
    """Issue a token for `user`; returns it and the secret, which is shown once and never stored.
    `system=True` lets the phone system's own command issue one to a SYSTEM account."""
    if not (darf_ausstellen(user) or (system and user.is_active and user.rolle == Rolle.SYSTEM)):
        raise PermissionDenied(f"Die Rolle «{user.get_rolle_display()}» erhält kein API-Token.")
    return _anlegen(user, durch=durch, bezeichnung=bezeichnung, request=request)


def _anlegen(user: Benutzer, *, durch, bezeichnung: str, request) -> tuple[ApiToken, str]:
    """Without the role check: only for `ausstellen` and for tests that prove refusals with a token."""
    praefix = secrets.token_hex(4)
    secret = f"{praefix}.{secrets.token_urlsafe(32)}"
    jetzt = timezone.now()
    token = ApiToken(
        benutzer=user,
        praefix=praefix,
        schluessel_hash=hash_von(secret),
        bezeichnung=(bezeichnung or "").strip()[:100],
        erstellt_am=jetzt,
        gueltig_bis=jetzt + timedelta(days=settings.JVG_API_TOKEN_TAGE),
    )
    token._history_user = durch
    token.save()
    ereignis(
        Sicherheitsart.TOKEN_AUSGESTELLT,
        request=request,
        benutzer=user,
        durch=durch,
        bemerkung=f"Token {praefix}…",
    )
    return token, secret


def darf_widerrufen(token: ApiToken, user: Benutzer) -> bool:
    """The owner and admin; and the server's own commands (their SYSTEM actor, which cannot sign in)."""
    return user.is_active and (token.benutzer_id == user.pk or user.rolle in (Rolle.ADMIN, Rolle.SYSTEM))


@transaction.atomic
def widerrufen(token: ApiToken, *, durch: Benutzer | None, request=None) -> bool:
    """Revoke `token` (the owner, or admin). False when it was already revoked (nothing written)."""
    if durch is not None and not darf_widerrufen(token, durch):
        raise PermissionDenied(
            "Nur die Inhaberin oder der Inhaber und die Administration widerrufen ein Token."
        )
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.widerrufen_am is not None:
        return False
    token.widerrufen_am = timezone.now()
    token.widerrufen_durch = durch
    token._history_user = durch
    token.save(update_fields=["widerrufen_am", "widerrufen_durch"])
    ereignis(
        Sicherheitsart.TOKEN_WIDERRUFEN,
        request=request,
        benutzer=token.benutzer,
        durch=durch,
        bemerkung=f"Token {token.praefix}…",
    )
    return True


def alle_widerrufen(user: Benutzer, *, durch: Benutzer | None) -> int:
    return sum(widerrufen(t, durch=durch) for t in ApiToken.objects.filter(benutzer=user, widerrufen_am=None))


def pruefen(secret: str) -> ApiToken | None:
    """The valid token with this secret, or None (unknown, revoked, expired or malformed). Records the
    last use at most once a minute (no history: bookkeeping, see the model)."""
    if not secret or len(secret) > MAX_SECRET:
        return None
    token = ApiToken.objects.select_related("benutzer").filter(schluessel_hash=hash_von(secret)).first()
    jetzt = timezone.now()
    if token is None or not token.gueltig(jetzt):
        return None
    if token.zuletzt_benutzt is None or jetzt - token.zuletzt_benutzt > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(zuletzt_benutzt=jetzt)
        token.zuletzt_benutzt = jetzt
    return token
