"""Outgoing notifications to partner agencies (issue 9 item 4): every write and every outgoing call here.

Flow: a domain function reports an event (`kern.ereignisse.melden`) → after its commit `verteilen`
writes one `Zustellung` per entitled, active subscription (payload built now, so it is self-contained and
later changes of the file do not alter what was announced) → the Celery task `benachrichtigungen.zustellen`
posts it, signed, to the URL registered on the subscription; failures are retried with exponential
backoff, each attempt is logged (`Zustellversuch`), and after the last failed attempt the administration
gets a task. `ausstehende_nachholen` (beat) re-queues deliveries whose task was lost.

Security: calls go only to the URL stored on the subscription (re-checked at every attempt: https, or
http to the local machine where the setting allows it; no credentials in the URL; no redirects
followed; short timeouts). The signing secret is derived (HMAC of a server key and a per-subscription
salt), shown once, never stored, logged, or put in a history row; attempts log status and error class
only. Delivery is "at least once": receivers deduplicate by the event id (header `X-JVG-Ereignis`).
"""

import contextlib
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import secrets
import ssl
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from benachrichtigungen.berechtigungen import erlaubte_ereignisse, nutzlast
from benachrichtigungen.enums import BenachrichtigungenAufgabenart
from benachrichtigungen.models import Abonnement, Zustellstatus, Zustellung, Zustellversuch
from kern import jobs
from kern.audit import speichern, system_benutzer
from kern.ereignisse import Ereignis, Ereignistyp
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion, Aufgabe, Kanal
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle

log = logging.getLogger(__name__)

JOB = "benachrichtigungen-zustellung"
REGEL = "Benachrichtigungen (§ 21 JVG)"
LOKALE_HOSTS = {"127.0.0.1", "localhost", "::1"}
USER_AGENT = "jvg-case-webhook/1"


class Zustellfehler(Exception):
    """One attempt failed (HTTP status outside 2xx, timeout, connection error); the task retries after
    `warte_s` seconds."""

    def __init__(self, fehler: str, warte_s: int):
        super().__init__(fehler)
        self.warte_s = warte_s


def _fehler(feld: str, text: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(f"{REGEL}: {text}", code=code)})


# --- Permissions -------------------------------------------------------------------------------------


def darf_abonnements_verwalten(user, behoerde) -> bool:
    """The administration for every agency; an agency (its API user) for itself only."""
    if hat_rolle(user, Rolle.ADMIN):
        return True
    return hat_rolle(user, Rolle.PARTNERBEHOERDE) and behoerde is not None and behoerde.benutzer_id == user.pk


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


# --- Dispatch (after the domain write committed) -----------------------------------------------------


def verteilen(ereignis: Ereignis) -> list[int]:
    """Receiver of `kern.ereignisse`: one delivery per active, entitled subscription whose agency may
    know the person; each queued after its own commit. Never raises into the caller's request (the domain
    write is already committed): a failure is logged."""
    try:
        return _verteilen(ereignis)
    except Exception:  # noqa: BLE001 – the case write stands; the log tells the operators
        log.exception(
            "Benachrichtigung %s für Person %s konnte nicht verteilt werden", ereignis.typ, ereignis.person_id
        )
        return []


def _verteilen(ereignis: Ereignis) -> list[int]:
    from behoerden.queries import personen_fuer_behoerde
    from vollzug.models import Person, Vollzugsfall

    abos = [
        a
        for a in Abonnement.objects.filter(aktiv=True, behoerde__aktiv=True).select_related("behoerde")
        if ereignis.typ in a.ereignistypen and ereignis.typ in erlaubte_ereignisse(a.behoerde.typ)
    ]
    if not abos:
        return []
    person = Person.objects.get(pk=ereignis.person_id)
    fall = Vollzugsfall.objects.filter(pk=ereignis.fall_id).first() if ereignis.fall_id else None
    ereignis_id = str(uuid.uuid4())
    akteur = system_benutzer(JOB)
    ids = []
    for abo in abos:
        # R-21-1: a notification discloses no more than a request would: only persons the agency may ask about.
        if not personen_fuer_behoerde(abo.behoerde).filter(pk=person.pk).exists():
            continue
        with transaction.atomic():
            z = Zustellung(
                abonnement=abo,
                ereignis_id=ereignis_id,
                ereignistyp=ereignis.typ,
                person=person,
                nutzlast=nutzlast(
                    ereignis=ereignis,
                    ereignis_id=ereignis_id,
                    behoerde=abo.behoerde,
                    person=person,
                    fall=fall,
                ),
                erstellt_am=timezone.now(),
                naechster_versuch_am=timezone.now(),
            )
            speichern(z, durch=akteur, grund=f"Benachrichtigung {ereignis.typ} an {abo.behoerde.name}")
            transaction.on_commit(lambda pk=z.pk: _einreihen(pk), robust=True)
        ids.append(z.pk)
    return ids


def _einreihen(zustellung_id: int, countdown: int | None = None) -> None:
    from benachrichtigungen.tasks import zustellen

    zustellen.apply_async(args=[zustellung_id], countdown=countdown)


# --- One attempt -------------------------------------------------------------------------------------


def wartezeit(versuch: int) -> int:
    """Exponential backoff after attempt `versuch` (1-based): 30 s, 60 s, 120 s … capped at the maximum."""
    return min(settings.JVG_WEBHOOK_BACKOFF_BASIS_S * 2 ** (versuch - 1), settings.JVG_WEBHOOK_BACKOFF_MAX_S)


def _post(url: str, body: bytes, kopf: dict) -> int:
    teile = urlsplit(url)
    timeout = settings.JVG_WEBHOOK_TIMEOUT_S
    if teile.scheme == "https":
        verbindung = http.client.HTTPSConnection(
            teile.hostname, teile.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        verbindung = http.client.HTTPConnection(teile.hostname, teile.port, timeout=timeout)
    pfad = teile.path or "/"
    if teile.query:
        pfad += f"?{teile.query}"
    try:
        # http.client never follows redirects: a 3xx is a failed attempt, the call stays at the registered URL.
        verbindung.request("POST", pfad, body=body, headers=kopf)
        antwort = verbindung.getresponse()
        antwort.read(1024)  # the body is not used, not logged; read a little so the connection closes cleanly
        return antwort.status
    finally:
        verbindung.close()


def zustellen(zustellung_id: int) -> bool:
    """One attempt for one delivery. Returns True when delivered (now or before); raises `Zustellfehler`
    when this attempt failed and another will follow; after the last failed attempt
    (JVG_WEBHOOK_MAX_VERSUCHE, counted from the logged attempts, so a redelivered task counts right) marks
    the delivery failed and raises a BENACHRICHTIGUNG_FEHLGESCHLAGEN task for the administration
    (returns False).

    Idempotent: a delivered, failed or cancelled delivery is not sent again."""
    z = Zustellung.objects.select_related("abonnement__behoerde", "person").get(pk=zustellung_id)
    akteur = system_benutzer(JOB)
    if z.status != Zustellstatus.AUSSTEHEND:
        return z.status == Zustellstatus.ZUGESTELLT
    abo = z.abonnement
    if not (abo.aktiv and abo.behoerde.aktiv):
        z.status = Zustellstatus.ABGEBROCHEN
        speichern(z, durch=akteur, grund="Abonnement oder Partnerbehörde inaktiv", felder=["status"])
        return False
    nummer = z.versuche.count() + 1
    letzter_versuch = nummer - z.versuche_basis >= settings.JVG_WEBHOOK_MAX_VERSUCHE
    beginn = time.monotonic()
    status_code, fehler = None, ""
    try:
        url = url_pruefen(abo.url)  # the URL registered now, checked again (the rules may have changed)
        body = json.dumps(z.nutzlast, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        zeitstempel = str(int(time.time()))
        kopf = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-JVG-Ereignis": str(z.ereignis_id),
            "X-JVG-Ereignistyp": z.ereignistyp,
            "X-JVG-Zeitstempel": zeitstempel,
            "X-JVG-Signatur": signatur(geheimnis(abo), zeitstempel, body),
        }
        status_code = _post(url, body, kopf)
        if not 200 <= status_code < 300:
            fehler = f"HTTP {status_code}"
    except ValidationError:
        fehler = "URL nicht zulässig"
    except (OSError, http.client.HTTPException) as exc:
        # The class only: messages may echo parts of the request.
        fehler = type(exc).__name__
    dauer_ms = int((time.monotonic() - beginn) * 1000)
    erfolgreich = not fehler
    with transaction.atomic():
        # A parallel redelivery may have logged the same number: its own savepoint, both outcomes handled below.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            Zustellversuch.objects.create(
                zustellung=z,
                nummer=nummer,
                zeitpunkt=timezone.now(),
                dauer_ms=dauer_ms,
                http_status=status_code,
                fehler=fehler[:120],
                erfolgreich=erfolgreich,
            )
        if erfolgreich:
            z.status, z.zugestellt_am, z.naechster_versuch_am = Zustellstatus.ZUGESTELLT, timezone.now(), None
            speichern(
                z,
                durch=akteur,
                grund="Benachrichtigung zugestellt",
                felder=["status", "zugestellt_am", "naechster_versuch_am"],
            )
            _bekanntgabe_protokollieren(z)
            return True
        if letzter_versuch:
            z.status, z.naechster_versuch_am = Zustellstatus.FEHLGESCHLAGEN, None
            speichern(
                z,
                durch=akteur,
                grund=f"Benachrichtigung nach {nummer} Versuchen fehlgeschlagen",
                felder=["status", "naechster_versuch_am"],
            )
            _aufgabe_fehlgeschlagen(z, akteur)
            log.warning(
                "Benachrichtigung %s an %s endgültig fehlgeschlagen (%s)", z.pk, abo.behoerde.name, fehler
            )
            return False
        z.naechster_versuch_am = timezone.now() + timedelta(seconds=wartezeit(nummer - z.versuche_basis))
        speichern(
            z, durch=akteur, grund=f"Zustellversuch {nummer} fehlgeschlagen", felder=["naechster_versuch_am"]
        )
    log.info(
        "Benachrichtigung %s an %s: Versuch %s fehlgeschlagen (%s)", z.pk, abo.behoerde.name, nummer, fehler
    )
    raise Zustellfehler(fehler, wartezeit(nummer - z.versuche_basis))


def _bekanntgabe_protokollieren(z: Zustellung) -> None:
    # R-0-AUDIT-2: the delivered payload is a disclosure of the person's data to the agency.
    if z.person_id is None:
        return
    lesezugriff_protokollieren(
        request_or_user=z.abonnement.behoerde.benutzer,
        person=z.person_id,
        objekt=z,
        aktion=Aktion.API_LESEN,
        kanal=Kanal.API,
        zweck=f"Benachrichtigung {Ereignistyp(z.ereignistyp).label} (§ 21 Abs. 2 JVG)",
    )


def _aufgabe_fehlgeschlagen(z: Zustellung, akteur) -> None:
    abo = z.abonnement
    aufgabe = Aufgabe(
        art=BenachrichtigungenAufgabenart.BENACHRICHTIGUNG_FEHLGESCHLAGEN,
        titel=f"Benachrichtigung an {abo.behoerde.name} fehlgeschlagen ({z.get_ereignistyp_display()})"[:200],
        beschreibung=(
            f"Zustellung Nr. {z.pk} an die registrierte Adresse des Abonnements Nr. {abo.pk} blieb nach "
            f"{settings.JVG_WEBHOOK_MAX_VERSUCHE} Versuchen erfolglos. Empfänger prüfen und die Zustellung auf "
            "der Seite des Abonnements erneut auslösen."
        ),
        fuer_rolle=Rolle.ADMIN,
        faellig_am=timezone.now(),
    )
    speichern(aufgabe, durch=akteur, grund="Benachrichtigung fehlgeschlagen")


@transaction.atomic
def erneut_zustellen(*, zustellung: Zustellung, durch) -> Zustellung:
    """The administration re-queues a failed delivery (after fixing the receiver)."""
    z = Zustellung.objects.select_for_update().select_related("abonnement__behoerde").get(pk=zustellung.pk)
    berechtigung_pruefen(hat_rolle(durch, Rolle.ADMIN), "Benachrichtigung erneut zustellen")
    if z.status not in (Zustellstatus.FEHLGESCHLAGEN, Zustellstatus.ABGEBROCHEN):
        raise _fehler(
            "status", "Nur fehlgeschlagene oder abgebrochene Zustellungen werden erneut zugestellt.", "status"
        )
    # A new round of JVG_WEBHOOK_MAX_VERSUCHE attempts; the earlier ones stay in the log.
    z.status, z.naechster_versuch_am, z.versuche_basis = (
        Zustellstatus.AUSSTEHEND,
        timezone.now(),
        z.versuche.count(),
    )
    speichern(
        z,
        durch=durch,
        grund="Zustellung erneut ausgelöst",
        felder=["status", "naechster_versuch_am", "versuche_basis"],
    )
    transaction.on_commit(lambda: _einreihen(z.pk), robust=True)
    return z


# --- Catch-up job ------------------------------------------------------------------------------------


def ausstehende_nachholen(*, batch: int = 200, zeitbudget_s: float = 60) -> int:
    """Re-queue pending deliveries whose next attempt is overdue by more than the longest backoff plus a
    margin (their task was lost: broker down at queueing, worker killed). On the one batch-job runner
    (kern.jobs): selects everything overdue, so a missed run catches up; the job's lock keeps two runs apart.
    Idempotent: the delivery task itself does nothing for a delivery that is no longer pending."""
    grenze = timezone.now() - timedelta(seconds=settings.JVG_WEBHOOK_BACKOFF_MAX_S + 600)
    akteur = system_benutzer("benachrichtigungen-nachholen")

    def stapel(zeilen: list[Zustellung]) -> None:
        for z in zeilen:
            z.naechster_versuch_am = timezone.now()
            speichern(z, durch=akteur, grund="Zustellung nachgeholt", felder=["naechster_versuch_am"])
            transaction.on_commit(lambda pk=z.pk: _einreihen(pk), robust=True)

    with jobs.sperre("benachrichtigungen.ausstehende_nachholen") as frei:
        if not frei:
            return 0
        return jobs.stapelweise(
            Zustellung.objects.filter(status=Zustellstatus.AUSSTEHEND, naechster_versuch_am__lt=grenze),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )
