"""§ 21 Abs. 2 (R-21-1): `zweck_pruefen` (purpose + acting official), `auskunft_erstellen` (only the allowed
data categories), `bekanntgabe_protokollieren` (append-only disclosure log)."""

import contextlib
import unicodedata
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.utils import timezone

from behoerden.models import Behoerde, Bekanntgabe
from behoerden.recht import Endpunkt, Kategorie, Zweck, freigabe
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from vollzug.models import Person
from vollzug.recht import Fallstatus

ZWECK_HEADER = "X-Zweck"
SACHBEARBEITUNG_HEADER = "X-Sachbearbeitung"
SACHBEARBEITUNG_MAX = 150


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
    elif len(person) > SACHBEARBEITUNG_MAX:
        fehler[SACHBEARBEITUNG_HEADER] = ValidationError(
            f"{SACHBEARBEITUNG_HEADER}: höchstens {SACHBEARBEITUNG_MAX} Zeichen.", code="zu_lang"
        )
    if fehler:
        raise ValidationError(fehler)
    return gefunden, person


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
        sachbearbeitung=sachbearbeitung[:SACHBEARBEITUNG_MAX],
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
