"""Subscriptions of partner agencies (§ 21): URL check, entitled event types, the derived signing secret
(HMAC of a server key and a per-subscription salt; shown once, never stored, logged, or put in a history
row)."""

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from benachrichtigungen.models import Abonnement
from benachrichtigungen.permissions import darf_abonnements_verwalten
from benachrichtigungen.recht import REGEL, erlaubte_ereignisse
from kern.audit import speichern
from kern.ereignisse import Ereignistyp
from kern.rollen import berechtigung_pruefen


def _fehler(feld: str, text: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(f"{REGEL}: {text}", code=code)})


LOKALE_HOSTS = {"127.0.0.1", "localhost", "::1"}


# --- Secret and signature ----------------------------------------------------------------------------


def _schluessel() -> bytes:
    return settings.JVG_WEBHOOK_SCHLUESSEL.encode()


def geheimnis(abonnement: Abonnement) -> str:
    """The subscription's signing secret (derived, never stored)."""
    return hmac.new(
        _schluessel(), f"jvg-webhook|{abonnement.geheimnis_salz}".encode(), hashlib.sha256
    ).hexdigest()


def signatur(geheimnis_text: str, zeitstempel: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>" (the timestamp is signed so a captured call cannot be replayed
    later with a fresh timestamp); header value `sha256=<hex>`."""
    mac = hmac.new(geheimnis_text.encode(), zeitstempel.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


# --- URL ---------------------------------------------------------------------------------------------


def url_pruefen(url: str) -> str:
    """An endpoint calls may go to: https (http only to this machine where JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT),
    no credentials, no fragment, no IP literal of a private, loopback or link-local network (except the
    local test host where allowed). Returns the URL stripped; raises a field error otherwise."""
    url = (url or "").strip()
    try:
        teile = urlsplit(url)
        host = teile.hostname or ""
        teile.port  # noqa: B018 – raises ValueError on a malformed port
    except ValueError:
        raise _fehler("url", "Ungültige URL.", "ungueltig") from None
    lokal_erlaubt = settings.JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT and host in LOKALE_HOSTS
    if len(url) > 500 or not host:
        raise _fehler("url", "Vollständige URL angeben (https://…, höchstens 500 Zeichen).", "ungueltig")
    if teile.scheme != "https" and not (teile.scheme == "http" and lokal_erlaubt):
        raise _fehler("url", "Nur https-Adressen sind erlaubt.", "nur_https")
    if teile.username or teile.password or teile.fragment:
        raise _fehler(
            "url", "Die URL darf keine Zugangsdaten und keinen Anker (#) enthalten.", "zugangsdaten"
        )
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if (
        ip is not None
        and not lokal_erlaubt
        and (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved)
    ):
        raise _fehler("url", "Interne Netzwerkadressen sind nicht erlaubt.", "intern")
    return url


def _typen_pruefen(behoerde, ereignistypen) -> list[str]:
    if not isinstance(ereignistypen, list | tuple) or not ereignistypen:
        raise _fehler("ereignistypen", "Mindestens einen Ereignistyp wählen.", "leer")
    unbekannt = [t for t in ereignistypen if t not in Ereignistyp.values]
    if unbekannt:
        raise _fehler(
            "ereignistypen", f"Unbekannter Ereignistyp: {', '.join(map(str, unbekannt))}.", "unbekannt"
        )
    erlaubt = erlaubte_ereignisse(behoerde.typ)
    verboten = [t for t in ereignistypen if t not in erlaubt]
    if verboten:
        namen = ", ".join(Ereignistyp(t).label for t in verboten)
        raise _fehler(
            "ereignistypen",
            f"Für {behoerde.get_typ_display()} nicht freigegeben (§ 21 Abs. 2 JVG, R-21-1): {namen}.",
            "nicht_freigegeben",
        )
    return sorted(set(ereignistypen), key=Ereignistyp.values.index)


# --- Subscriptions -----------------------------------------------------------------------------------


@transaction.atomic
def abonnement_anlegen(*, behoerde, url: str, ereignistypen: list[str], durch) -> tuple[Abonnement, str]:
    """Subscribe `behoerde` to event types (only those its type is entitled to) at `url`.
    Returns the subscription and its signing secret — the only time the secret is shown."""
    berechtigung_pruefen(darf_abonnements_verwalten(durch, behoerde), "Webhook-Abonnement verwalten")
    if not behoerde.aktiv:
        raise _fehler("behoerde", "Die Partnerbehörde ist nicht aktiv.", "inaktiv")
    abo = Abonnement(
        behoerde=behoerde,
        url=url_pruefen(url),
        ereignistypen=_typen_pruefen(behoerde, ereignistypen),
        geheimnis_salz=secrets.token_hex(32),
        erstellt_am=timezone.now(),
        erstellt_durch=durch,
    )
    speichern(abo, durch=durch, grund="Webhook-Abonnement angelegt")
    return abo, geheimnis(abo)


@dataclass(frozen=True, slots=True)
class Aenderung:
    url: str | None = None
    ereignistypen: list[str] | None = None
    aktiv: bool | None = None


@transaction.atomic
def abonnement_aendern(*, abonnement: Abonnement, aenderung: Aenderung, durch) -> Abonnement:
    abo = Abonnement.objects.select_for_update().select_related("behoerde").get(pk=abonnement.pk)
    berechtigung_pruefen(darf_abonnements_verwalten(durch, abo.behoerde), "Webhook-Abonnement verwalten")
    if aenderung.url is not None:
        abo.url = url_pruefen(aenderung.url)
    if aenderung.ereignistypen is not None:
        abo.ereignistypen = _typen_pruefen(abo.behoerde, aenderung.ereignistypen)
    if aenderung.aktiv is not None:
        abo.aktiv = bool(aenderung.aktiv)
    return speichern(abo, durch=durch, grund="Webhook-Abonnement geändert")


@transaction.atomic
def geheimnis_erneuern(*, abonnement: Abonnement, durch) -> str:
    """A new signing secret (the old one stops working at once); returned once."""
    abo = Abonnement.objects.select_for_update().select_related("behoerde").get(pk=abonnement.pk)
    berechtigung_pruefen(darf_abonnements_verwalten(durch, abo.behoerde), "Webhook-Abonnement verwalten")
    abo.geheimnis_salz = secrets.token_hex(32)
    speichern(abo, durch=durch, grund="Signaturgeheimnis erneuert")
    return geheimnis(abo)
