"""Sign-in security (issue 18 items 1 and 2; ASVS V6.3.1, V6.5, V16.3.1): the security log, the lockout
after repeated failures, and the second factor (TOTP, RFC 6238).

* Every sign-in, failure, lockout, sign-out and second-factor event is one `Sicherheitsereignis`
  (append-only, chained, readable by Revision). Written from Django's auth signals, so the admin's
  sign-in and every other path are covered as well.
* Lockout: `JVG_ANMELDUNG_MAX_FEHLVERSUCHE` (default 5) failures for one user name within
  `JVG_ANMELDUNG_SPERRFENSTER_MINUTEN` (15) lock that name, from any address; `JVG_ANMELDUNG_MAX_FEHLVERSUCHE_IP`
  (default 20: a whole office may sit behind one address) lock the address. Counted from the security
  log itself since the last success or unlock, so there is no second state to drift. Enforced in the
  authentication backend (`SperrBackend`), so Django admin's sign-in is locked too.
* Second factor: a user with a confirmed TOTP secret must give a code after the password; in production
  (`JVG_MFA_PFLICHT`, default on with `JVG_PROFIL=production`) every role with case data must enrol first.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.utils import timezone

from kern.models import Benutzer, Sicherheitsart, Sicherheitsereignis
from kern.rollen import Rolle

# Roles that see case data: the second factor is mandatory for them in production (issue 18 item 1).
MFA_ROLLEN = frozenset(
    {
        Rolle.SACHBEARBEITUNG,
        Rolle.ANSTALTSLEITUNG,
        Rolle.ANSTALTSPERSONAL,
        Rolle.MEDIZIN,
        Rolle.REVISION,
        Rolle.BEDROHUNGSMANAGEMENT,
        Rolle.PARTNERBEHOERDE,
        Rolle.ADMIN,
    }
)


def _ip(request) -> str | None:
    """The client's address. Behind the TLS proxy REMOTE_ADDR is the proxy's: then (and only when the
    peer is a configured proxy, `JVG_VERTRAUTE_PROXIES`) the nearest untrusted hop of X-Forwarded-For
    counts, so one client cannot lock out everybody behind the proxy (PITFALLS: axes and ipware)."""
    if request is None:
        return None
    adresse = request.META.get("REMOTE_ADDR") or None
    vertraut = set(settings.JVG_VERTRAUTE_PROXIES)
    if adresse in vertraut:
        for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
            hop = hop.strip()
            if hop and hop not in vertraut:
                return hop[:45]
    return adresse


def _name(benutzername: str) -> str:
    return (benutzername or "").strip().lower()[:150]


def ereignis(
    art: str, *, request=None, benutzer=None, benutzername: str = "", durch=None, bemerkung: str = ""
):
    return Sicherheitsereignis.objects.create(
        zeitpunkt=timezone.now(),
        art=art,
        benutzer=benutzer,
        benutzername=_name(benutzername or getattr(benutzer, "username", "")),
        ip=_ip(request),
        durch=durch,
        bemerkung=bemerkung[:200],
    )


def anfrage_abgewiesen(request, *, benutzer, endpunkt, fehler) -> None:
    """Issue 18 item 10: an agency request refused before any data (purpose, official) is a security
    event with its reason (the error codes), never with the data asked for."""
    gruende = sorted({e.code or "ungueltig" for liste in fehler.error_dict.values() for e in liste})
    ereignis(
        Sicherheitsart.ANFRAGE_ABGEWIESEN,
        request=request,
        benutzer=benutzer,
        bemerkung=f"{endpunkt}: {', '.join(gruende)}",
    )


# --- Lockout -----------------------------------------------------------------------------------


def _fenster_beginn():
    return timezone.now() - timedelta(minutes=settings.JVG_ANMELDUNG_SPERRFENSTER_MINUTEN)


def _fehlversuche(**filter_) -> int:
    beginn = _fenster_beginn()
    zurueckgesetzt = (
        Sicherheitsereignis.objects.filter(
            art__in=[Sicherheitsart.ANMELDUNG, Sicherheitsart.ENTSPERRT], zeitpunkt__gte=beginn, **filter_
        )
        .order_by("-zeitpunkt")
        .values_list("zeitpunkt", flat=True)
        .first()
    )
    qs = Sicherheitsereignis.objects.filter(art=Sicherheitsart.FEHLVERSUCH, zeitpunkt__gte=beginn, **filter_)
    if zurueckgesetzt is not None:
        qs = qs.filter(zeitpunkt__gt=zurueckgesetzt)
    return qs.count()


def gesperrt(benutzername: str, ip: str | None) -> bool:
    if _fehlversuche(benutzername=_name(benutzername)) >= settings.JVG_ANMELDUNG_MAX_FEHLVERSUCHE:
        return True
    return ip is not None and _fehlversuche(ip=ip) >= settings.JVG_ANMELDUNG_MAX_FEHLVERSUCHE_IP


def sperrmeldung() -> str:
    return (
        f"Zu viele fehlgeschlagene Anmeldungen: die Anmeldung ist für "
        f"{settings.JVG_ANMELDUNG_SPERRFENSTER_MINUTEN} Minuten gesperrt. "
        "Die Systemadministration kann die Sperre aufheben."
    )


def entsperren(*, benutzername: str = "", ip: str | None = None, durch) -> None:
    """The admin lifts a lock (of a user name or an address); the unlock is a security event."""
    Sicherheitsereignis.objects.create(
        zeitpunkt=timezone.now(),
        art=Sicherheitsart.ENTSPERRT,
        benutzername=_name(benutzername),
        ip=ip,
        durch=durch,
    )


class SperrBackend(ModelBackend):
    """ModelBackend that refuses a locked user name or address before checking the password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and gesperrt(username, _ip(request)):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# Receivers of Django's auth signals (connected in kern.apps).


SITZUNG_BEGINN = "jvg_angemeldet_um"


def bei_anmeldung(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SITZUNG_BEGINN] = timezone.now().timestamp()
    ereignis(Sicherheitsart.ANMELDUNG, request=request, benutzer=user)


def bei_fehlversuch(sender, credentials, request=None, **kwargs):
    name = _name(credentials.get("username", ""))
    with transaction.atomic():
        ereignis(Sicherheitsart.FEHLVERSUCH, request=request, benutzername=name)
        # The failure that reaches the limit records the lockout once.
        if _fehlversuche(benutzername=name) == settings.JVG_ANMELDUNG_MAX_FEHLVERSUCHE:
            ereignis(Sicherheitsart.GESPERRT, request=request, benutzername=name, bemerkung="Benutzername")
        ip = _ip(request)
        if ip is not None and _fehlversuche(ip=ip) == settings.JVG_ANMELDUNG_MAX_FEHLVERSUCHE_IP:
            ereignis(Sicherheitsart.GESPERRT, request=request, benutzername=name, bemerkung="IP-Adresse")


def bei_abmeldung(sender, request, user, **kwargs):
    if user is not None:
        ereignis(Sicherheitsart.ABMELDUNG, request=request, benutzer=user)


def sitzung_abgelaufen(request) -> bool:
    """Absolute lifetime (JVG_SITZUNG_HOECHSTDAUER_STUNDEN) and "log out everywhere" (issue 18 item 8)."""
    beginn = request.session.get(SITZUNG_BEGINN)
    if beginn is None:  # a session from before this release: counts from now
        request.session[SITZUNG_BEGINN] = timezone.now().timestamp()
        return False
    if timezone.now().timestamp() - beginn > settings.JVG_SITZUNG_HOECHSTDAUER_STUNDEN * 3600:
        return True
    ungueltig_ab = request.user.sitzungen_ungueltig_ab
    return ungueltig_ab is not None and beginn < ungueltig_ab.timestamp()


SITZUNG_AUFGEFRISCHT = "jvg_sitzung_aufgefrischt"


def leerlauf_verlaengern(request) -> None:
    """Issue 19: renew the idle timeout by saving the session at most every JVG_SITZUNG_AUFFRISCHEN_S seconds.

    The database row expires SESSION_COOKIE_AGE after its last save (Django drops it on load after that); the
    save happens on the first request at least one interval after the previous one. So the idle timeout is
    never longer than SESSION_COOKIE_AGE, and at most one interval shorter.
    """
    jetzt = timezone.now().timestamp()
    zuletzt = request.session.get(SITZUNG_AUFGEFRISCHT)
    if zuletzt is None or jetzt - zuletzt >= settings.JVG_SITZUNG_AUFFRISCHEN_S:
        request.session[SITZUNG_AUFGEFRISCHT] = jetzt  # marks the session modified: saved with the response


def ueberall_abmelden(user) -> None:
    Benutzer.objects.filter(pk=user.pk).update(sitzungen_ungueltig_ab=timezone.now())


# --- Second factor (TOTP, RFC 6238: SHA-1, 6 digits, 30 s) ------------------------------------------

SCHRITT_S = 30
SITZUNG_MFA = "jvg_mfa_bestaetigt"


def geheimnis_neu() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode()


def code(geheimnis: str, schritt: int) -> str:
    schluessel = base64.b32decode(geheimnis)
    digest = hmac.new(schluessel, struct.pack(">Q", schritt), hashlib.sha1).digest()
    versatz = digest[-1] & 0x0F
    wert = struct.unpack(">I", digest[versatz : versatz + 4])[0] & 0x7FFFFFFF
    return f"{wert % 1_000_000:06d}"


def aktueller_schritt(jetzt: float | None = None) -> int:
    return int((time.time() if jetzt is None else jetzt) // SCHRITT_S)


def code_pruefen(user: Benutzer, eingabe: str, *, geheimnis: str | None = None) -> bool:
    """One step of clock drift either way; a code once used is refused (replay), also concurrently."""
    geheimnis = geheimnis or user.totp_geheimnis
    eingabe = (eingabe or "").strip().replace(" ", "")
    if not geheimnis or len(eingabe) != 6 or not eingabe.isdigit():
        return False
    jetzt = aktueller_schritt()
    for schritt in (jetzt - 1, jetzt, jetzt + 1):
        if hmac.compare_digest(code(geheimnis, schritt), eingabe):
            # Conditional UPDATE: of two requests with the same code only one wins.
            return bool(
                Benutzer.objects.filter(pk=user.pk, totp_letzter_schritt__lt=schritt).update(
                    totp_letzter_schritt=schritt
                )
            )
    return False


def einrichtungs_uri(user: Benutzer, geheimnis: str) -> str:
    aussteller = quote("JVG Luzern")
    return (
        f"otpauth://totp/{aussteller}:{quote(user.username)}?secret={geheimnis}&issuer={aussteller}"
        f"&algorithm=SHA1&digits=6&period={SCHRITT_S}"
    )


def mfa_noetig(user) -> bool:
    """True when this user must give a second factor at sign-in (enrolled, or obliged to enrol)."""
    if faktor_eingerichtet(user):
        return True
    return settings.JVG_MFA_PFLICHT and user.rolle in MFA_ROLLEN


def faktor_eingerichtet(user) -> bool:
    """A confirmed TOTP secret or at least one passkey."""
    return user.totp_bestaetigt_am is not None or user.hat_passkey
