"""§ 33 Abs. 4 JVG: the protocol's content and its checks (R-33-1), and the draft: `protokoll_erfassen` /
`entwurf_aendern` (by staff or management of the facility where the person is placed)."""

from dataclasses import dataclass, field, fields
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.audit import naechste_nummer, speichern
from kern.rollen import ANSTALTSROLLEN, berechtigung_pruefen, hat_rolle
from vollzug.models import Vollzugsfall
from zwang.domain._hilfen import S, _fehler, _sammeln, _sperren
from zwang.models import Beteiligung, Zwangsprotokoll
from zwang.permissions import darf_erfassen
from zwang.recht import (
    VERLETZUNGSGRUPPEN,
    ZWECKE,
    Arztkontrolle,
    Einsatzfunktion,
    Verletzung,
    Zwangsmittel,
)

# --- Input ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProtokollDaten:
    """The content of a protocol (§ 33 Abs. 4). Drafts may be incomplete; submission checks R-33-1."""

    beginn: datetime
    ende: datetime | None = None
    ort: str = ""
    anlass: str = ""
    zweck_a: bool = False
    zweck_b: bool = False
    zweck_c: bool = False
    subsidiaritaet: str = ""
    mildere_massnahmen: str = ""
    mittel: list[str] = field(default_factory=list)
    mittel_beschreibung: str = ""
    verletzung_person: str = ""
    verletzung_person_text: str = ""
    verletzung_personal: str = ""
    verletzung_personal_text: str = ""
    verletzung_dritte: str = ""
    verletzung_dritte_text: str = ""
    arztkontrolle: str = ""
    arztkontrolle_am: datetime | None = None
    arztkontrolle_durch: str = ""
    aufnahmen: str = ""


# The fields a correction may change (the person, case and facility are not content but the subject).
INHALTSFELDER: tuple[str, ...] = tuple(f.name for f in fields(ProtokollDaten))
_TEXTFELDER = frozenset(f.name for f in fields(ProtokollDaten) if f.type is str or f.type == "str")


@dataclass(frozen=True)
class BeteiligungDaten:
    benutzer: object  # a Benutzer of the facility
    funktion: str


def zweck_felder(buchstaben) -> dict[str, bool]:
    """["a", "c"] → {"zweck_a": True, "zweck_b": False, "zweck_c": True} (forms and API)."""
    gewaehlt = set(buchstaben or [])
    return {feld: buchstabe in gewaehlt for feld, (buchstabe, _) in ZWECKE.items()}


# --- Checks (R-33-1) ------------------------------------------------------------------------------


def _zeitpunkt(feld: str, wert, jetzt: datetime, fehler: dict) -> bool:
    if wert is None:
        return False
    if timezone.is_naive(wert):
        fehler[feld] = ValidationError(
            "§ 33 Abs. 4 JVG (R-33-1): Zeitpunkt mit Zeitzone angeben.", code="zeitzone_fehlt"
        )
        return False
    if wert > jetzt:
        fehler[feld] = ValidationError(
            "§ 33 Abs. 4 JVG (R-33-1): Protokolliert wird angewendeter Zwang; der Zeitpunkt liegt in der Zukunft.",
            code="zukunft",
        )
        return False
    return True


def _grunddaten_pruefen(d: ProtokollDaten, jetzt: datetime) -> None:
    """What holds for drafts too: times in order and not in the future, known techniques."""
    fehler: dict[str, ValidationError] = {}
    beginn_ok = _zeitpunkt("beginn", d.beginn, jetzt, fehler)
    if d.beginn is None:
        fehler["beginn"] = ValidationError(
            "§ 33 Abs. 4 JVG (R-33-1): Den Beginn angeben.", code="beginn_fehlt"
        )
    if _zeitpunkt("ende", d.ende, jetzt, fehler) and beginn_ok and d.ende < d.beginn:
        fehler["ende"] = ValidationError(
            "§ 33 Abs. 4 JVG (R-33-1): Das Ende liegt vor dem Beginn.", code="ende_vor_beginn"
        )
    kontrolle_ok = _zeitpunkt("arztkontrolle_am", d.arztkontrolle_am, jetzt, fehler)
    if kontrolle_ok and beginn_ok and d.arztkontrolle_am < d.beginn:
        fehler["arztkontrolle_am"] = ValidationError(
            "§ 33 Abs. 4 JVG (R-33-1): Die medizinische Kontrolle liegt vor dem Beginn des Zwangs.",
            code="kontrolle_vor_beginn",
        )
    mittel = list(d.mittel or [])
    unbekannt = [m for m in mittel if m not in Zwangsmittel.values]
    if unbekannt or len(set(mittel)) != len(mittel):
        fehler["mittel"] = ValidationError(
            "§ 33 Abs. 4 JVG (R-33-1): Unbekannte oder doppelte Technik/Einsatzmittel: "
            + ", ".join(map(str, unbekannt or mittel)),
            code="mittel_ungueltig",
        )
    _sammeln(fehler)


def _vollstaendigkeit_pruefen(p: Zwangsprotokoll, anzahl_beteiligte: int) -> None:
    """R-33-1 (§ 33 Abs. 1, 2, 4): everything the protocol must say before it is submitted (or stays
    after a correction). All missing parts at once, each at its field."""
    fehler: dict[str, ValidationError] = {}

    def fehlt(feld: str, meldung: str, code: str) -> None:
        fehler[feld] = ValidationError(meldung, code=code)

    if p.ende is None:
        fehlt("ende", "§ 33 Abs. 3 und 4 JVG (R-33-1): Das Ende des Zwangs angeben (Dauer).", "ende_fehlt")
    if not p.ort.strip():
        fehlt("ort", "§ 33 Abs. 4 JVG (R-33-1): Den Ort angeben.", "ort_fehlt")
    if not p.anlass.strip():
        fehlt("anlass", "§ 33 Abs. 4 JVG (R-33-1): Anlass und Ablauf beschreiben.", "anlass_fehlt")
    if not (p.zweck_a or p.zweck_b or p.zweck_c):
        fehlt(
            "zweck",
            "§ 33 Abs. 1 JVG (R-33-1): Mindestens einen Zweck nach lit. a, b oder c angeben; "
            "zu anderen Zwecken ist unmittelbarer Zwang nicht zulässig.",
            "zweck_fehlt",
        )
    if not p.subsidiaritaet:
        fehlt(
            "subsidiaritaet",
            "§ 33 Abs. 2 JVG (R-33-1): Angeben, ob andere Massnahmen versagt haben oder nicht zur Verfügung "
            "standen.",
            "subsidiaritaet_fehlt",
        )
    if not p.mildere_massnahmen.strip():
        fehlt(
            "mildere_massnahmen",
            "§ 33 Abs. 2 und 3 JVG (R-33-1): Die versuchten milderen Massnahmen beschreiben oder begründen, "
            "warum keine zur Verfügung stand.",
            "mildere_fehlen",
        )
    if not p.mittel:
        fehlt(
            "mittel",
            "§ 33 Abs. 4 JVG (R-33-1): Mindestens eine Technik oder ein Einsatzmittel angeben.",
            "mittel_fehlen",
        )
    if not p.mittel_beschreibung.strip():
        fehlt(
            "mittel_beschreibung",
            "§ 33 Abs. 3 und 4 JVG (R-33-1): Beschreiben, wie der Zwang angewendet und wann er beendet wurde"
            + (" (auch «Anderes» benennen)." if Zwangsmittel.ANDERES in (p.mittel or []) else "."),
            "beschreibung_fehlt",
        )
    for gruppe, bezeichnung in VERLETZUNGSGRUPPEN.items():
        wert = getattr(p, gruppe)
        if wert not in Verletzung.values:
            fehlt(
                gruppe,
                f"§ 33 Abs. 4 JVG (R-33-1): Verletzungen ({bezeichnung}) ausdrücklich angeben – "
                "«keine Verletzung» ist auch eine Antwort.",
                "verletzung_fehlt",
            )
        elif wert == Verletzung.VERLETZT and not getattr(p, f"{gruppe}_text").strip():
            fehlt(
                f"{gruppe}_text",
                f"§ 33 Abs. 4 JVG (R-33-1): Die Verletzungen ({bezeichnung}) beschreiben.",
                "verletzung_text_fehlt",
            )
    if p.arztkontrolle not in Arztkontrolle.values:
        fehlt(
            "arztkontrolle",
            "§ 33 Abs. 4 JVG (R-33-1): Angeben, ob die medizinische Kontrolle durchgeführt oder von der "
            "Person abgelehnt wurde.",
            "arztkontrolle_fehlt",
        )
    if p.arztkontrolle_am is None:
        fehlt(
            "arztkontrolle_am",
            "§ 33 Abs. 4 JVG (R-33-1): Angeben, wann die medizinische Kontrolle stattfand bzw. angeboten wurde.",
            "arztkontrolle_am_fehlt",
        )
    if not p.arztkontrolle_durch.strip():
        fehlt(
            "arztkontrolle_durch",
            "§ 33 Abs. 4 JVG (R-33-1): Angeben, wer die medizinische Kontrolle durchgeführt bzw. angeboten hat.",
            "arztkontrolle_durch_fehlt",
        )
    if anzahl_beteiligte < 1:
        fehlt(
            "beteiligte",
            "§ 33 Abs. 4 JVG (R-33-1): Mindestens eine beteiligte Mitarbeiterin oder einen beteiligten "
            "Mitarbeiter mit Funktion angeben.",
            "beteiligte_fehlen",
        )
    _sammeln(fehler)


def _beteiligte_pruefen(beteiligte: list[BeteiligungDaten], anstalt_id: int) -> None:
    """Involved are users of that facility (staff or management), each once, with a known function."""
    gesehen: set[int] = set()
    for b in beteiligte:
        user = b.benutzer
        if not (hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id == anstalt_id):
            raise _fehler(
                "beteiligte",
                f"§ 33 Abs. 4 JVG (R-33-1): {user.get_full_name() or user.username} gehört nicht zum Personal "
                "dieser Einrichtung.",
                "beteiligter_fremd",
            )
        if user.pk in gesehen:
            raise _fehler(
                "beteiligte",
                f"§ 33 Abs. 4 JVG (R-33-1): {user.get_full_name() or user.username} ist doppelt aufgeführt.",
                "beteiligter_doppelt",
            )
        if b.funktion not in Einsatzfunktion.values:
            raise _fehler(
                "beteiligte", "§ 33 Abs. 4 JVG (R-33-1): Die Funktion im Einsatz angeben.", "funktion_fehlt"
            )
        gesehen.add(user.pk)


def _normalisiert(d: ProtokollDaten) -> dict:
    werte = {name: getattr(d, name) for name in INHALTSFELDER}
    for name in _TEXTFELDER:
        werte[name] = (werte[name] or "").strip()
    werte["mittel"] = list(werte["mittel"] or [])
    return werte


def _beteiligte_speichern(p: Zwangsprotokoll, beteiligte: list[BeteiligungDaten], durch) -> None:
    """Replace the draft's list: remove who is no longer listed, update functions, add the new ones."""
    neu = {b.benutzer.pk: b for b in beteiligte}
    for alt in list(p.beteiligte.all()):
        if alt.benutzer_id not in neu:
            alt._history_user = durch
            alt.delete()  # a draft has no statements yet: the history row keeps only the name/function
        elif alt.funktion != neu[alt.benutzer_id].funktion:
            alt.funktion = neu.pop(alt.benutzer_id).funktion
            speichern(alt, durch=durch, grund="Funktion im Einsatz geändert")
        else:
            neu.pop(alt.benutzer_id)
    for b in neu.values():
        speichern(Beteiligung(protokoll=p, benutzer=b.benutzer, funktion=b.funktion), durch=durch)


# --- Draft --------------------------------------------------------------------------------------


@transaction.atomic
def protokoll_erfassen(
    *, fall: Vollzugsfall, daten: ProtokollDaten, beteiligte: list[BeteiligungDaten], durch
) -> Zwangsprotokoll:
    """R-33-1: record the draft of a protocol. Steps: permission (staff or management of the facility
    where the person is placed now — that facility is the protocol's); times and techniques; the
    involved staff; number; save with history. Complete only at `protokoll_einreichen`."""
    berechtigung_pruefen(darf_erfassen(durch, fall), "Zwangsprotokoll erfassen")
    jetzt = timezone.now()
    _grunddaten_pruefen(daten, jetzt)
    _beteiligte_pruefen(beteiligte, durch.anstalt_id)
    jahr = timezone.localdate(jetzt).year
    p = Zwangsprotokoll(
        fall=fall,
        person_id=fall.person_id,
        anstalt_id=durch.anstalt_id,
        erfasst_durch=durch,
        erfasst_am=jetzt,
        **_normalisiert(daten),
    )
    p.full_clean(exclude=["nummer"])
    p.nummer = f"Z-{jahr}-{naechste_nummer(f'zwang-{jahr}'):05d}"
    speichern(p, durch=durch, grund="Zwangsprotokoll erfasst (Entwurf, § 33 Abs. 4 JVG)")
    _beteiligte_speichern(p, beteiligte, durch)
    return p


@transaction.atomic
def entwurf_aendern(
    *, protokoll: Zwangsprotokoll, daten: ProtokollDaten, beteiligte: list[BeteiligungDaten], durch
) -> Zwangsprotokoll:
    """Change the draft (its author only, while it is a draft); no reason needed before submission."""
    p = _sperren(protokoll)
    berechtigung_pruefen(
        durch.pk == p.erfasst_durch_id and darf_erfassen(durch, p.fall),
        "Entwurf bearbeiten (nur die erfassende Person)",
    )
    if p.status != S.ENTWURF:
        raise _fehler(
            "status",
            f"§ 33 Abs. 4 JVG (R-33-1): Das Protokoll {p.nummer} ist eingereicht; Änderungen nur noch als "
            "Korrektur mit Grund.",
            "nicht_entwurf",
        )
    _grunddaten_pruefen(daten, timezone.now())
    _beteiligte_pruefen(beteiligte, p.anstalt_id)
    for name, wert in _normalisiert(daten).items():
        setattr(p, name, wert)
    speichern(p, durch=durch, grund="Entwurf geändert")
    _beteiligte_speichern(p, beteiligte, durch)
    return p
