"""Delivery of an event to the subscribed agencies: payload (`nutzlast`, within the released data of
§ 21), one `Zustellung` per entitled subscription (`verteilen`), signed POST with retries and backoff
(`zustellen`), disclosure log, a task after the last failed attempt, and the catch-up job."""

import contextlib
import http.client
import json
import logging
import ssl
import time
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from behoerden.recht import Kategorie, freigabe
from benachrichtigungen.domain.abonnement import geheimnis, signatur, url_pruefen
from benachrichtigungen.models import Abonnement, Zustellstatus, Zustellung, Zustellversuch
from benachrichtigungen.recht import (
    ERLAUBTE_EREIGNISDATEN,
    REGEL,
    BenachrichtigungenAufgabenart,
    erlaubte_ereignisse,
)
from kern import jobs
from kern.audit import speichern, system_benutzer
from kern.ereignisse import Ereignis, Ereignistyp
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion, Aufgabe, Kanal
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle

log = logging.getLogger(__name__)


def _fehler(feld: str, text: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(f"{REGEL}: {text}", code=code)})


def nutzlast(*, ereignis, ereignis_id: str, behoerde, person, fall) -> dict:
    """The self-contained payload for one agency: event id, type, time, the person's reference and the
    data categories its type is released for (§ 21, R-21-1). No health data, no internal remarks."""
    kategorien = set(freigabe(behoerde.typ).kategorien)
    daten = {k: v for k, v in ereignis.daten.items() if k in ERLAUBTE_EREIGNISDATEN}
    if Kategorie.ANSTALT_ADRESSE not in kategorien:
        daten.pop("anstalt", None)
    p = {"id": person.pk, "personennummer": person.personennummer}
    if Kategorie.PERSONALIEN in kategorien:
        p.update(
            {
                "amtlicherName": person.amtlicher_name,
                "vorname": person.vorname,
                "geschlecht": person.geschlecht,
                "geburtsdatum": person.geburtsdatum.isoformat(),
                "ahvNummer": person.ahv_nummer or None,
            }
        )
    return {
        "id": ereignis_id,
        "typ": ereignis.typ,
        "bezeichnung": Ereignistyp(ereignis.typ).label,
        "zeitpunkt": ereignis.zeitpunkt.isoformat(),
        "person": p,
        "fall": {"fallnummer": fall.fallnummer} if fall is not None else None,
        "daten": daten,
        "absender": "Vollzugsbehörde des Kantons Luzern",
        "rechtsgrundlage": "§ 21 Abs. 2 JVG",
    }


JOB = "benachrichtigungen-zustellung"
USER_AGENT = "jvg-case-webhook/1"


class Zustellfehler(Exception):
    """One attempt failed (HTTP status outside 2xx, timeout, connection error); the task retries after
    `warte_s` seconds."""

    def __init__(self, fehler: str, warte_s: int):
        super().__init__(fehler)
        self.warte_s = warte_s


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
