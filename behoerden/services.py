"""Every write and every rule of the partner-agency module (§§ 12, 21 JVG) lives in one function here.

- Agencies and their OAuth2 clients: `behoerde_anlegen`, `zugang_neu_ausstellen`, `behoerde_aktiv_setzen`.
- § 21 Abs. 2 (R-21-1): `zweck_pruefen` (purpose + acting official), `personen_fuer_behoerde` (who may be
  asked about), `auskunft_erstellen` (only the allowed data categories), `bekanntgabe_protokollieren`
  (append-only disclosure log).
- § 12 (R-12-1): `urteil_zustellen` (idempotent intake of a judgment with sanctions and documents).
"""

import contextlib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import slugify
from oauth2_provider.generators import generate_client_id, generate_client_secret
from oauth2_provider.models import AccessToken, RefreshToken, get_application_model

from behoerden.enums import BehoerdenAufgabenart
from behoerden.freigaben import Endpunkt, Kategorie, Sicht, Zweck, freigabe
from behoerden.models import Behoerde, Behoerdentyp, Bekanntgabe, Urteilszustellung
from kern.audit import speichern
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion, Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from vollzug import domain as vollzug_services
from vollzug.models import Entscheid, Person, Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus

ZWECK_HEADER = "X-Zweck"
SACHBEARBEITUNG_HEADER = "X-Sachbearbeitung"
_SACHBEARBEITUNG_MAX = 150


def darf_behoerden_verwalten(user) -> bool:
    # Roles table: admin manages users and settings; an agency client is a technical user of that kind.
    return hat_rolle(user, Rolle.ADMIN)


def darf_bekanntgaben_einsehen(user) -> bool:
    # R-21-1 / R-0-AUDIT-2: the auditors search the log. It names the persons asked about and by which
    # agency (person data): the administration administers and does not audit, as for the change and
    # read logs (`protokoll.permissions.darf_protokolle_einsehen`); the roles table gives it no person data.
    return hat_rolle(user, Rolle.REVISION)


# --- Agencies and credentials -------------------------------------------------------------------


@dataclass(frozen=True)
class BehoerdeDaten:
    name: str
    typ: str
    kontakt_name: str = ""
    kontakt_email: str = ""
    kontakt_telefon: str = ""
    gemeinde: str = ""


def _behoerde_pruefen(daten: BehoerdeDaten, *, ausser_pk=None) -> None:
    fehler = {}
    if not daten.name.strip():
        fehler["name"] = ValidationError("Name der Behörde angeben.", code="name_fehlt")
    elif Behoerde.objects.filter(name__iexact=daten.name.strip()).exclude(pk=ausser_pk).exists():
        fehler["name"] = ValidationError("Eine Behörde mit diesem Namen ist bereits erfasst.", code="doppelt")
    if daten.typ not in Behoerdentyp.values:
        fehler["typ"] = ValidationError(
            "§ 21 Abs. 3 JVG (R-21-1): Behördentyp lit. a–j wählen.", code="typ_unbekannt"
        )
    elif freigabe(daten.typ).sicht == Sicht.UNTERSTUETZUNGSWOHNSITZ and not daten.gemeinde.strip():
        fehler["gemeinde"] = ValidationError(
            "§ 21 Abs. 3 lit. i JVG (R-21-1): Ein Sozialamt handelt für eine Gemeinde – Gemeinde angeben.",
            code="gemeinde_fehlt",
        )
    if fehler:
        raise ValidationError(fehler)


def _benutzername(name: str) -> str:
    basis = f"behoerde-{slugify(name)[:120] or 'x'}"
    User = get_user_model()
    kandidat, n = basis, 1
    while User.objects.filter(username=kandidat).exists():
        n += 1
        kandidat = f"{basis}-{n}"
    return kandidat


@transaction.atomic
def behoerde_anlegen(
    *, daten: BehoerdeDaten, durch, client_id: str | None = None, client_secret: str | None = None
) -> tuple[Behoerde, str]:
    """Record an agency with its actor (role partnerbehoerde, no password) and its OAuth2 client
    (confidential, client credentials). Returns the agency and the client secret in plain text: it is
    shown once, only its hash is stored (django-oauth-toolkit `hash_client_secret`)."""
    berechtigung_pruefen(darf_behoerden_verwalten(durch), "Partnerbehörden verwalten")
    _behoerde_pruefen(daten)
    User = get_user_model()
    benutzer = User(
        username=_benutzername(daten.name),
        rolle=Rolle.PARTNERBEHOERDE,
        first_name="Partnerbehörde",
        last_name=daten.name.strip()[:150],
        email=daten.kontakt_email,
    )
    benutzer.set_unusable_password()  # API only (OAuth2), never a browser login
    speichern(benutzer, durch=durch, grund="Partnerbehörde erfasst (§ 21 Abs. 3 JVG)")
    behoerde = Behoerde(
        name=daten.name.strip(),
        typ=daten.typ,
        kontakt_name=daten.kontakt_name.strip(),
        kontakt_email=daten.kontakt_email.strip(),
        kontakt_telefon=daten.kontakt_telefon.strip(),
        gemeinde=daten.gemeinde.strip(),
        benutzer=benutzer,
    )
    geheimnis = client_secret or generate_client_secret()
    Application = get_application_model()
    anwendung = Application(
        name=f"Partnerbehörde {daten.name.strip()}"[:255],
        client_id=client_id or generate_client_id(),
        client_secret=geheimnis,
        hash_client_secret=True,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        user=benutzer,
        redirect_uris="",
        skip_authorization=True,
    )
    anwendung.save()
    behoerde.anwendung = anwendung
    speichern(behoerde, durch=durch, grund="Partnerbehörde erfasst, Zugang ausgestellt")
    return behoerde, geheimnis


def _tokens_widerrufen(anwendung) -> None:
    RefreshToken.objects.filter(application=anwendung).delete()
    AccessToken.objects.filter(application=anwendung).delete()


@transaction.atomic
def zugang_neu_ausstellen(*, behoerde: Behoerde, durch, client_secret: str | None = None) -> str:
    """Issue a new client secret (shown once) and revoke every token issued with the old one."""
    berechtigung_pruefen(darf_behoerden_verwalten(durch), "Partnerbehörden verwalten")
    behoerde = (
        Behoerde.objects.select_for_update(of=("self",)).select_related("anwendung").get(pk=behoerde.pk)
    )
    geheimnis = client_secret or generate_client_secret()
    anwendung = behoerde.anwendung
    if anwendung is None:
        Application = get_application_model()
        anwendung = Application(
            name=f"Partnerbehörde {behoerde.name}"[:255],
            client_id=generate_client_id(),
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            user=behoerde.benutzer,
            hash_client_secret=True,
            skip_authorization=True,
        )
    else:
        _tokens_widerrufen(anwendung)
    anwendung.client_secret = geheimnis
    anwendung.save()
    behoerde.anwendung = anwendung
    speichern(behoerde, durch=durch, grund="Zugangsdaten neu ausgestellt, alte Tokens widerrufen")
    return geheimnis


@transaction.atomic
def behoerde_aktiv_setzen(*, behoerde: Behoerde, aktiv: bool, durch) -> Behoerde:
    """Deactivate (tokens revoked, every request 401) or reactivate an agency; never deleted (history)."""
    berechtigung_pruefen(darf_behoerden_verwalten(durch), "Partnerbehörden verwalten")
    behoerde = (
        Behoerde.objects.select_for_update(of=("self",))
        .select_related("benutzer", "anwendung")
        .get(pk=behoerde.pk)
    )
    behoerde.aktiv = aktiv
    if not aktiv and behoerde.anwendung is not None:
        _tokens_widerrufen(behoerde.anwendung)
    benutzer = behoerde.benutzer
    benutzer.is_active = aktiv
    speichern(
        benutzer, durch=durch, grund="Partnerbehörde aktiviert" if aktiv else "Partnerbehörde deaktiviert"
    )
    return speichern(
        behoerde, durch=durch, grund="Partnerbehörde aktiviert" if aktiv else "Partnerbehörde deaktiviert"
    )


# --- § 21 Abs. 2: purpose binding ---------------------------------------------------------------


def _kopfzeile_text(wert: str) -> str:
    """Header text: HTTP headers arrive as latin-1; accept UTF-8 sent raw or percent-encoded (RFC 3986)."""
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        wert = wert.encode("latin-1").decode("utf-8")
    wert = unquote(wert)
    return "".join(c for c in wert if unicodedata.category(c)[0] != "C").strip()


def zweck_pruefen(*, behoerde: Behoerde, endpunkt: Endpunkt, zweck: str | None, sachbearbeitung: str | None):
    """§ 21 Abs. 2 JVG (R-21-1): every agency request names its legal task (a purpose code of the agency
    type's catalogue) and the acting official. Returns (Zweck, official); otherwise a 400 per header."""
    fehler = {}
    katalog = freigabe(behoerde.typ)
    codes = ", ".join(z.code for z in katalog.zwecke if z.endpunkt == endpunkt) or "–"
    code = (zweck or "").strip()
    gefunden = None
    if not code:
        fehler[ZWECK_HEADER] = ValidationError(
            f"§ 21 Abs. 2 JVG (R-21-1): Jede Anfrage nennt im Header {ZWECK_HEADER} die gesetzliche Aufgabe, "
            f"für die die Auskunft benötigt wird. Zulässig für diese Behörde: {codes}.",
            code="zweck_fehlt",
        )
    else:
        gefunden = katalog.zweck(code, endpunkt)
        if gefunden is None:
            fehler[ZWECK_HEADER] = ValidationError(
                f"§ 21 Abs. 2 JVG (R-21-1): Unbekannter Zweck „{code[:40]}“ für diesen Behördentyp und Endpunkt. "
                f"Zulässig: {codes}.",
                code="zweck_unbekannt",
            )
    person = _kopfzeile_text(sachbearbeitung or "")
    if not person:
        fehler[SACHBEARBEITUNG_HEADER] = ValidationError(
            f"§ 21 Abs. 2 JVG (R-21-1): Im Header {SACHBEARBEITUNG_HEADER} die handelnde Person der Behörde "
            "angeben (Name oder Kürzel).",
            code="sachbearbeitung_fehlt",
        )
    elif len(person) > _SACHBEARBEITUNG_MAX:
        fehler[SACHBEARBEITUNG_HEADER] = ValidationError(
            f"{SACHBEARBEITUNG_HEADER}: höchstens {_SACHBEARBEITUNG_MAX} Zeichen.", code="zu_lang"
        )
    if fehler:
        raise ValidationError(fehler)
    return gefunden, person


# --- § 21 Abs. 2: whom and what -----------------------------------------------------------------


def personen_fuer_behoerde(behoerde: Behoerde) -> QuerySet[Person]:
    """Exactly the persons this agency may ask about (freigaben.Sicht); any other answers 404."""
    if not behoerde.aktiv:
        return Person.objects.none()
    sicht = freigabe(behoerde.typ).sicht
    if sicht == Sicht.EIGENE_ENTSCHEIDE:
        return Person.objects.filter(
            Exists(Entscheid.objects.filter(fall__person=OuterRef("pk"), behoerde=behoerde.name))
            | Exists(Urteilszustellung.objects.filter(person=OuterRef("pk"), behoerde=behoerde))
        )
    if sicht == Sicht.MIT_FALL:
        return Person.objects.filter(Exists(Vollzugsfall.objects.filter(person=OuterRef("pk"))))
    if sicht == Sicht.UNTERSTUETZUNGSWOHNSITZ:
        from kosten.models import Unterstuetzungswohnsitz

        heute = timezone.localdate()
        aktuell = Subquery(
            Unterstuetzungswohnsitz.objects.filter(person=OuterRef("pk"), gueltig_ab__lte=heute)
            .order_by("-gueltig_ab")
            .values("gemeinde")[:1]
        )
        return (
            Person.objects.annotate(_zug_gemeinde=aktuell)
            .filter(_zug_gemeinde__iexact=behoerde.gemeinde)
            .filter(Exists(Vollzugsfall.objects.filter(person=OuterRef("pk"))))
        )
    return Person.objects.none()


def auskunft_queryset(behoerde: Behoerde) -> QuerySet[Person]:
    """Visible persons with what `auskunft_erstellen` reads prefetched (constant queries per request)."""
    return personen_fuer_behoerde(behoerde).prefetch_related(
        Prefetch(
            "faelle",
            queryset=Vollzugsfall.objects.order_by("-eingang_am", "-pk").prefetch_related(
                Prefetch("platzierungen", queryset=Platzierung.objects.select_related("anstalt")),
                Prefetch(
                    "entscheide", queryset=Entscheid.objects.order_by("pk").prefetch_related("sanktionen")
                ),
            ),
        )
    )


def _aktueller_fall(person: Person):
    """The case that describes the person's current situation: open placement first, else newest."""
    faelle = list(person.faelle.all())
    for fall in faelle:
        if any(p.bis is None for p in fall.platzierungen.all()):
            return fall
    offen = [f for f in faelle if f.status != Fallstatus.ENTLASSEN]
    return (offen or faelle or [None])[0]


def auskunft_erstellen(person: Person, kategorien) -> dict:
    """The answer for one person with exactly the given data categories (nothing else is computed)."""
    kategorien = tuple(kategorien)
    daten: dict = {"id": person.pk, "kategorien": [k.value for k in kategorien]}
    fall = _aktueller_fall(person)
    platzierung = None
    if fall is not None:
        platzierung = next((p for p in fall.platzierungen.all() if p.bis is None), None)
    faelle = list(person.faelle.all())
    if Kategorie.PERSONALIEN in kategorien:
        daten["personalien"] = {
            "officialName": person.amtlicher_name,
            "firstName": person.vorname,
            "sex": person.geschlecht,
            "dateOfBirth": person.geburtsdatum,
            "vn": person.ahv_nummer or None,
        }
    if Kategorie.HAFTSTATUS in kategorien:
        daten["haftstatus"] = {
            "imVollzug": platzierung is not None,
            "seit": platzierung.von if platzierung else None,
            "voraussichtlichesEnde": fall.voraussichtliches_ende if (fall and platzierung) else None,
        }
    if Kategorie.ANSTALT_ADRESSE in kategorien:
        daten["anstalt"] = (
            {"name": platzierung.anstalt.name, "ort": platzierung.anstalt.ort} if platzierung else None
        )
    if Kategorie.VOLLZUGSFORM in kategorien:
        formen = []
        if fall is not None:
            for e in fall.entscheide.all():
                formen.extend(s.vollzugsform for s in e.sanktionen.all() if s.vollzugsform)
        daten["vollzugsform"] = formen[0] if formen else None
    if Kategorie.SANKTIONEN in kategorien:
        daten["sanktionen"] = [
            {
                "art": s.art,
                "vollzugsform": s.vollzugsform,
                "dauerJahre": s.dauer_jahre,
                "dauerMonate": s.dauer_monate,
                "dauerTage": s.dauer_tage,
                "stunden": s.stunden,
            }
            for f in faelle
            for e in f.entscheide.all()
            for s in e.sanktionen.all()
        ]
    if Kategorie.ENTSCHEIDE in kategorien:
        daten["entscheide"] = [
            {
                "art": e.art,
                "behoerde": e.behoerde,
                "referenz": e.referenz,
                "entscheidDatum": e.entscheid_datum,
                "rechtskraftAm": e.rechtskraft_am,
            }
            for f in faelle
            for e in f.entscheide.all()
        ]
    if Kategorie.ENTLASSUNG in kategorien:
        entlassen = bool(faelle) and all(f.status == Fallstatus.ENTLASSEN for f in faelle)
        daten["entlassung"] = {
            "entlassen": entlassen,
            "am": max(f.entlassung_am for f in faelle) if entlassen else None,
        }
    return daten


def bekanntgabe_protokollieren(
    *, behoerde: Behoerde, sachbearbeitung: str, zweck: Zweck, person, endpunkt: str, kategorien, request=None
) -> Bekanntgabe:
    """R-21-1: log one disclosure (agency, official, purpose, legal basis, person, categories, time) in the
    append-only disclosure log, and (R-0-AUDIT-2) the same read in the person's read log with its purpose."""
    kategorien = [getattr(k, "value", k) for k in kategorien]
    ip = request.META.get("REMOTE_ADDR") or None if request is not None else None
    eintrag = Bekanntgabe(
        zeitpunkt=timezone.now(),
        behoerde=behoerde,
        behoerde_name=behoerde.name,
        behoerdentyp=behoerde.typ,
        sachbearbeitung=sachbearbeitung[:_SACHBEARBEITUNG_MAX],
        zweck=zweck.code,
        zweck_text=zweck.aufgabe[:300],
        rechtsgrundlage=zweck.rechtsgrundlage[:300],
        person_id=getattr(person, "pk", person),
        endpunkt=endpunkt,
        kategorien=kategorien,
        ip=ip,
    )
    eintrag.save(force_insert=True)
    lesezugriff_protokollieren(
        request_or_user=request if request is not None else behoerde.benutzer,
        person=person,
        objekt_typ="behoerden.auskunft",
        aktion=Aktion.API_LESEN,
        zweck=f"{zweck.code}: {zweck.aufgabe} ({zweck.rechtsgrundlage}); Sachbearbeitung: {sachbearbeitung}",
        abfrage=f"Kategorien: {', '.join(kategorien)}",
    )
    return eintrag


# --- § 12: judgment intake ------------------------------------------------------------------------


class ZustellungKonflikt(Exception):
    """The same reference was delivered before with other content (API: 409)."""


@dataclass(frozen=True)
class PersonDaten:
    amtlicher_name: str
    vorname: str
    geschlecht: str
    geburtsdatum: date
    ahv_nummer: str = ""


@dataclass(frozen=True)
class ZustellungsDokument:
    titel: str
    dateiname: str
    inhalt: bytes = field(repr=False)
    content_type: str = "application/pdf"


@dataclass(frozen=True)
class Zustellung:
    person: PersonDaten
    art: str
    referenz: str
    entscheid_datum: date
    rechtskraft_am: date
    sanktionen: list = field(default_factory=list)  # vollzug.domain.SanktionDaten
    dokumente: list = field(default_factory=list)  # ZustellungsDokument

    def fingerabdruck(self) -> str:
        """SHA-256 of the canonical content: same delivery → same value; documents by their hash."""
        inhalt = {
            "person": {**self.person.__dict__, "geburtsdatum": self.person.geburtsdatum.isoformat()},
            "art": self.art,
            "referenz": self.referenz,
            "entscheid_datum": self.entscheid_datum.isoformat(),
            "rechtskraft_am": self.rechtskraft_am.isoformat(),
            "sanktionen": [s.__dict__ for s in self.sanktionen],
            "dokumente": [
                {
                    "titel": d.titel,
                    "dateiname": d.dateiname,
                    "content_type": d.content_type,
                    "sha256": hashlib.sha256(d.inhalt).hexdigest(),
                }
                for d in self.dokumente
            ],
        }
        roh = json.dumps(inhalt, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
        return hashlib.sha256(roh.encode()).hexdigest()


def _person_finden_oder_erfassen(daten: PersonDaten, akteur) -> Person:
    from vollzug.validators import ahv_normalisieren

    ahv = ahv_normalisieren(daten.ahv_nummer) if daten.ahv_nummer else ""
    if ahv:
        vorhanden = Person.objects.filter(ahv_nummer=ahv).first()
        if vorhanden is not None:
            if vorhanden.geburtsdatum != daten.geburtsdatum:
                raise ValidationError(
                    {
                        "geburtsdatum": ValidationError(
                            "§ 12 JVG (R-12-1): Die AHV-Nummer gehört zu einer erfassten Person mit anderem "
                            "Geburtsdatum – Personalien prüfen.",
                            code="person_widerspruch",
                        )
                    }
                )
            return vorhanden
    return vollzug_services.person_erfassen(**daten.__dict__, durch=akteur)


_DATEINAME_UNERLAUBT = re.compile(r"[^\w.\- ]")


def _zustellung_vergleichen(vorhanden: Urteilszustellung, fingerabdruck: str) -> Urteilszustellung:
    if vorhanden.inhalt_sha256 != fingerabdruck:
        raise ZustellungKonflikt(
            f"§ 12 JVG (R-12-1): Der Entscheid {vorhanden.referenz} wurde am "
            f"{timezone.localtime(vorhanden.zugestellt_am):%d.%m.%Y} mit anderem Inhalt zugestellt "
            f"(Fall {vorhanden.fall.fallnummer}). Eine Berichtigung bitte der Vollzugsbehörde direkt melden."
        )
    return vorhanden


def urteil_zustellen(
    *, behoerde: Behoerde, zustellung: Zustellung, sachbearbeitung: str
) -> tuple[Urteilszustellung, bool]:
    """R-12-1 (§ 12 JVG): a Strafbehörde delivers a legally binding judgment, penal order or enforcement
    decision with its sanctions and documents. All or nothing in one transaction (person by AHV number
    reused, case, decision, sanctions, documents, task for the case workers). Idempotent by (agency,
    reference): the same content again → the same delivery (`neu` False); other content → ZustellungKonflikt.
    Actor of every history row: the agency's user."""
    berechtigung_pruefen(
        behoerde.aktiv and Endpunkt.URTEILSZUSTELLUNG in freigabe(behoerde.typ).endpunkte,
        "Entscheide zustellen (§ 12 JVG: nur Strafbehörden)",
    )
    fingerabdruck = zustellung.fingerabdruck()
    vorhanden = (
        Urteilszustellung.objects.filter(behoerde=behoerde, referenz=zustellung.referenz)
        .select_related("fall", "person")
        .first()
    )
    if vorhanden is not None:
        return _zustellung_vergleichen(vorhanden, fingerabdruck), False
    benutzer = behoerde.benutzer
    akteur = benutzer  # rollen.darf_fall_erfassen admits a delivering Strafbehörde (§ 12)
    try:
        with transaction.atomic():
            person = _person_finden_oder_erfassen(zustellung.person, akteur)
            fall = vollzug_services.fall_erfassen(
                person=person,
                entscheid=vollzug_services.EntscheidDaten(
                    art=zustellung.art,
                    behoerde=behoerde.name,
                    referenz=zustellung.referenz,
                    entscheid_datum=zustellung.entscheid_datum,
                    rechtskraft_am=zustellung.rechtskraft_am,
                ),
                sanktionen=list(zustellung.sanktionen),
                dokumente=[
                    vollzug_services.DokumentDaten(
                        titel=d.titel,
                        datei=ContentFile(d.inhalt, name=_DATEINAME_UNERLAUBT.sub("_", d.dateiname)),
                    )
                    for d in zustellung.dokumente
                ],
                durch=akteur,
            )
            jetzt = timezone.now()
            eintrag = speichern(
                Urteilszustellung(
                    behoerde=behoerde,
                    referenz=zustellung.referenz,
                    fall=fall,
                    person=person,
                    inhalt_sha256=fingerabdruck,
                    sachbearbeitung=sachbearbeitung[:_SACHBEARBEITUNG_MAX],
                    zugestellt_am=jetzt,
                ),
                durch=benutzer,
                grund="Entscheid zugestellt (§ 12 JVG)",
            )
            # The case workers' inbox (start page): open tasks of their role.
            speichern(
                Aufgabe(
                    art=BehoerdenAufgabenart.FALL_ZUGESTELLT,
                    titel=f"Zugestellter Entscheid {zustellung.referenz} ({behoerde.name}): prüfen und "
                    f"Vollzug einleiten (§ 12 JVG)",
                    beschreibung=f"Fall {fall.fallnummer}, Person {person.personennummer}; zugestellt durch "
                    f"{sachbearbeitung[:_SACHBEARBEITUNG_MAX]}.",
                    fuer_rolle=Rolle.SACHBEARBEITUNG,
                    fall=fall,
                    faellig_am=jetzt,
                ),
                durch=benutzer,
                grund="Entscheid zugestellt (§ 12 JVG)",
            )
            return eintrag, True
    except ValidationError as exc:
        codes = {e.code for fehlerliste in getattr(exc, "error_dict", {}).values() for e in fehlerliste}
        if "entscheid_doppelt" not in codes:
            raise
        # A concurrent delivery of the same reference won the race, or a case worker recorded it by hand.
        vorhanden = (
            Urteilszustellung.objects.filter(behoerde=behoerde, referenz=zustellung.referenz)
            .select_related("fall", "person")
            .first()
        )
        if vorhanden is None:
            raise ZustellungKonflikt(
                f"§ 12 JVG (R-12-1): Der Entscheid {zustellung.referenz} ist bei der Vollzugsbehörde bereits "
                "erfasst."
            ) from exc
        return _zustellung_vergleichen(vorhanden, fingerabdruck), False
    except IntegrityError:  # unique (behoerde, referenz) of the delivery itself
        vorhanden = (
            Urteilszustellung.objects.filter(behoerde=behoerde, referenz=zustellung.referenz)
            .select_related("fall", "person")
            .first()
        )
        if vorhanden is None:
            raise
        return _zustellung_vergleichen(vorhanden, fingerabdruck), False


def zustellungen_fuer_fall(fall) -> QuerySet[Urteilszustellung]:
    return Urteilszustellung.objects.filter(fall=fall).select_related("behoerde")


def bekanntgaben(
    *, behoerde=None, person=None, personennummer: str = "", zweck: str = "", von=None, bis=None
) -> QuerySet[Bekanntgabe]:
    """The auditors' search over the disclosure log (R-21-1); all filters optional, newest first."""
    qs = Bekanntgabe.objects.select_related("person")
    if behoerde is not None:
        qs = qs.filter(behoerde=behoerde)
    if person is not None:
        qs = qs.filter(person=person)
    if personennummer:
        qs = qs.filter(person__personennummer=personennummer)
    if zweck:
        qs = qs.filter(Q(zweck__iexact=zweck) | Q(zweck_text__icontains=zweck))
    if von is not None:
        qs = qs.filter(zeitpunkt__gte=von)
    if bis is not None:
        qs = qs.filter(zeitpunkt__lt=bis)
    return qs.order_by("-zeitpunkt", "-pk")
