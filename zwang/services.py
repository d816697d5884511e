"""Every write of § 33 JVG (unmittelbarer Zwang) goes through one function here (STYLE §2).

Steps: `protokoll_erfassen` / `entwurf_aendern` (the draft, by staff or management of the facility
where the person is placed) → `protokoll_einreichen` (author; complete, R-33-1; deadline of every
statement; review task for the management) → `stellungnahme_abgeben` (each involved staff member
himself) → `protokoll_pruefen` (facility management, never the author nor an involved person,
R-0-4EYES-1). `protokoll_korrigieren` changes a submitted protocol with a reason (history row with
the reason; a reviewed protocol goes back to review). `stellungnahmen_erinnern` is the periodic job.
"""

import logging
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kern import fristen, jobs
from kern.audit import naechste_nummer, speichern, system_benutzer
from kern.models import Aufgabe
from kern.rollen import ANSTALTSROLLEN, Rolle, berechtigung_pruefen, hat_rolle
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user
from zwang.enums import (
    KORREKTUR_PRAEFIX,
    VERLETZUNGSGRUPPEN,
    ZWECKE,
    Arztkontrolle,
    Einsatzfunktion,
    Protokollstatus,
    Pruefergebnis,
    Subsidiaritaet,
    Verletzung,
    ZwangAufgabenart,
    Zwangsmittel,
)
from zwang.models import Beteiligung, Pruefung, Zwangsprotokoll
from zwang.queries import stellungnahmen_erinnerung_faellig

log = logging.getLogger(__name__)

S = Protokollstatus


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _sammeln(fehler: dict[str, ValidationError]) -> None:
    if fehler:
        raise ValidationError(fehler)


# --- Who may do what (roles table: staff records § 33 force, the facility management reviews) -----


def darf_erfassen(user, fall: Vollzugsfall) -> bool:
    """R-33-1: staff and management of the facility where the person is placed now."""
    return (
        hat_rolle(user, *ANSTALTSROLLEN)
        and user.anstalt_id is not None
        and Platzierung.objects.filter(fall=fall, bis__isnull=True, anstalt_id=user.anstalt_id).exists()
    )


def darf_leiten(user, protokoll: Zwangsprotokoll) -> bool:
    """The management of the protocol's facility, for a person placed there now."""
    return (
        hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        and user.anstalt_id == protokoll.anstalt_id
        and personen_fuer_user(user).filter(pk=protokoll.person_id).exists()
    )


def ist_beteiligt(user, protokoll: Zwangsprotokoll) -> bool:
    return protokoll.beteiligte.filter(benutzer_id=user.pk).exists()


def darf_pruefen(user, protokoll: Zwangsprotokoll) -> bool:
    """R-0-4EYES-1: the facility management, but never the author nor an involved staff member."""
    return (
        darf_leiten(user, protokoll)
        and user.pk != protokoll.erfasst_durch_id
        and not ist_beteiligt(user, protokoll)
    )


def darf_korrigieren(user, protokoll: Zwangsprotokoll) -> bool:
    """The author (while he still acts for the facility) or the facility management."""
    if user.pk == protokoll.erfasst_durch_id and darf_erfassen(user, protokoll.fall):
        return True
    return darf_leiten(user, protokoll)


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


def _sperren(protokoll: Zwangsprotokoll) -> Zwangsprotokoll:
    return Zwangsprotokoll.objects.select_for_update().get(pk=protokoll.pk)


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


# --- Submission, statements, review --------------------------------------------------------------


def stellungnahme_frist(eingereicht_am: datetime) -> fristen.Fristergebnis:
    """R-33-1: statements are due JVG_ZWANG_STELLUNGNAHME_STUNDEN hours after submission, to the minute
    (R-0-FRIST-3: hours in Europe/Zurich across DST)."""
    return fristen.stundenfrist(eingereicht_am, settings.JVG_ZWANG_STELLUNGNAHME_STUNDEN)


def _pruefaufgabe(p: Zwangsprotokoll, faellig_am: datetime, durch, *, erneut: bool = False) -> Aufgabe:
    titel = f"Zwangsprotokoll {p.nummer} {'erneut ' if erneut else ''}prüfen (§ 33 Abs. 4 JVG)"
    return speichern(
        Aufgabe(
            art=ZwangAufgabenart.ZWANG_PRUEFUNG,
            titel=titel,
            beschreibung="Prüfung durch die Anstaltsleitung; nicht durch die erfassende oder eine beteiligte "
            "Person (R-0-4EYES-1).",
            fuer_rolle=Rolle.ANSTALTSLEITUNG,
            anstalt_id=p.anstalt_id,
            fall_id=p.fall_id,
            faellig_am=faellig_am,
        ),
        durch=durch,
        grund=titel,
    )


def _aufgabe_erledigen(aufgabe_id: int | None, durch, jetzt: datetime) -> None:
    if aufgabe_id is None:
        return
    aufgabe = Aufgabe.objects.select_for_update().get(pk=aufgabe_id)
    if aufgabe.erledigt_am is None:
        aufgabe.erledigt_am, aufgabe.erledigt_durch = jetzt, durch
        speichern(aufgabe, durch=durch, grund="erledigt", felder=["erledigt_am", "erledigt_durch"])


@transaction.atomic
def protokoll_einreichen(*, protokoll: Zwangsprotokoll, durch) -> Zwangsprotokoll:
    """R-33-1: submit. Steps: lock; author only; still a draft; complete (purpose, milder measures, end
    after start, techniques, injuries, medical check, involved staff); status and time; the deadline of
    every statement (`stellungnahme_frist`); a ZWANG_PRUEFUNG task for the facility management."""
    p = _sperren(protokoll)
    berechtigung_pruefen(
        durch.pk == p.erfasst_durch_id and darf_erfassen(durch, p.fall),
        "Zwangsprotokoll einreichen (nur die erfassende Person)",
    )
    if p.status != S.ENTWURF:
        raise _fehler(
            "status", f"§ 33 Abs. 4 JVG (R-33-1): {p} ist bereits eingereicht.", "schon_eingereicht"
        )
    beteiligte = list(p.beteiligte.select_for_update().order_by("pk"))
    _vollstaendigkeit_pruefen(p, len(beteiligte))
    jetzt = timezone.now()
    frist = stellungnahme_frist(jetzt).ende
    p.status, p.eingereicht_am = S.EINGEREICHT, jetzt
    p.pruefaufgabe = _pruefaufgabe(p, frist, durch)
    speichern(p, durch=durch, grund="Eingereicht (§ 33 Abs. 4 JVG)")
    for b in beteiligte:
        b.frist = frist
        speichern(b, durch=durch, grund=f"Stellungnahme fällig am {frist:%d.%m.%Y %H:%M}", felder=["frist"])
    return p


@transaction.atomic
def stellungnahme_abgeben(*, beteiligung: Beteiligung, text: str, durch) -> Beteiligung:
    """R-33-1: the involved staff member's own statement. Only he writes it, once, on a submitted
    protocol; a late statement is taken (its time shows it); the reminder task is closed."""
    b = Beteiligung.objects.select_for_update().select_related("protokoll").get(pk=beteiligung.pk)
    berechtigung_pruefen(
        durch.pk == b.benutzer_id, "Stellungnahme abgeben (nur die beteiligte Person selbst)"
    )
    if b.protokoll.status == S.ENTWURF:
        raise _fehler(
            "stellungnahme",
            "§ 33 Abs. 4 JVG (R-33-1): Stellungnahmen erst zum eingereichten Protokoll.",
            "entwurf",
        )
    if b.stellungnahme_am is not None:
        raise _fehler(
            "stellungnahme",
            f"§ 33 Abs. 4 JVG (R-33-1): Die Stellungnahme wurde am "
            f"{timezone.localtime(b.stellungnahme_am):%d.%m.%Y %H:%M} abgegeben; sie bleibt unverändert.",
            "schon_abgegeben",
        )
    text = (text or "").strip()
    if not text:
        raise _fehler(
            "stellungnahme", "§ 33 Abs. 4 JVG (R-33-1): Die Stellungnahme ist leer.", "stellungnahme_leer"
        )
    jetzt = timezone.now()
    b.stellungnahme, b.stellungnahme_am = text, jetzt
    verspaetet = b.frist is not None and jetzt > b.frist
    speichern(b, durch=durch, grund="Stellungnahme abgegeben" + (" (nach Fristablauf)" if verspaetet else ""))
    _aufgabe_erledigen(b.erinnerung_id, durch, jetzt)
    return b


@transaction.atomic
def protokoll_pruefen(*, protokoll: Zwangsprotokoll, ergebnis: str, bemerkung: str, durch) -> Pruefung:
    """R-33-1, R-0-4EYES-1: the facility management reviews. Steps: lock; submitted; not the author,
    not involved; management of the facility; all statements in or their deadline passed (a missing
    statement must not block the review for ever); outcome and comment; status; task done."""
    p = _sperren(protokoll)
    if p.status != S.EINGEREICHT:
        raise _fehler(
            "ergebnis",
            f"R-33-1: {p} ist nicht zur Prüfung offen (Status «{p.get_status_display()}»).",
            "nicht_offen",
        )
    if durch.pk == p.erfasst_durch_id or ist_beteiligt(durch, p):
        raise _fehler(
            "durch",
            "R-0-4EYES-1: Wer das Protokoll erfasst hat oder am Einsatz beteiligt war, prüft es nicht selbst "
            "(Vier-Augen-Prinzip).",
            "vier_augen",
        )
    berechtigung_pruefen(darf_leiten(durch, p), "Zwangsprotokoll prüfen (Anstaltsleitung)")
    jetzt = timezone.now()
    ausstehend = [b for b in p.beteiligte.select_related("benutzer") if b.stellungnahme_am is None]
    if ausstehend and any(b.frist is not None and jetzt <= b.frist for b in ausstehend):
        frist = max(b.frist for b in ausstehend if b.frist is not None)
        namen = ", ".join(b.benutzer.get_full_name() or b.benutzer.username for b in ausstehend)
        raise _fehler(
            "ergebnis",
            f"R-33-1: Stellungnahmen ausstehend ({namen}); geprüft wird, wenn alle vorliegen oder die Frist "
            f"am {timezone.localtime(frist):%d.%m.%Y %H:%M} abgelaufen ist.",
            "stellungnahmen_ausstehend",
        )
    if ergebnis not in Pruefergebnis.values:
        raise _fehler(
            "ergebnis", "R-33-1: Ergebnis «rechtmässig» oder «beanstandet» wählen.", "ergebnis_fehlt"
        )
    bemerkung = (bemerkung or "").strip()
    if not bemerkung:
        raise _fehler(
            "bemerkung",
            "R-0-4EYES-1: Die Prüfung hält eine Bemerkung fest (bei Beanstandung: was und warum).",
            "bemerkung_fehlt",
        )
    pruefung = speichern(
        Pruefung(protokoll=p, ergebnis=ergebnis, bemerkung=bemerkung, durch=durch, am=jetzt),
        durch=durch,
        grund="Zwangsprotokoll geprüft (§ 33 Abs. 4 JVG)",
    )
    p.status = S.GEPRUEFT
    speichern(p, durch=durch, grund=f"Geprüft: {Pruefergebnis(ergebnis).label}", felder=["status"])
    _aufgabe_erledigen(p.pruefaufgabe_id, durch, jetzt)
    return pruefung


# --- Corrections ----------------------------------------------------------------------------------


@transaction.atomic
def protokoll_korrigieren(
    *, protokoll: Zwangsprotokoll, aenderungen: dict, grund: str, durch
) -> Zwangsprotokoll:
    """R-33-1: correct a submitted protocol. Steps: lock; submitted; author or facility management; a
    reason; only content fields, only real changes; still complete afterwards; saved with the reason
    as the history row's change reason ("Korrektur: …", the detail page lists field, old → new, who,
    when, why). A reviewed protocol goes back to review (a new ZWANG_PRUEFUNG task): the earlier
    review (kept) no longer covers the corrected content."""
    p = _sperren(protokoll)
    if p.status == S.ENTWURF:
        raise _fehler(
            "grund", "R-33-1: Ein Entwurf wird bearbeitet, nicht korrigiert.", "entwurf_nicht_korrigieren"
        )
    berechtigung_pruefen(darf_korrigieren(durch, p), "Zwangsprotokoll korrigieren")
    grund = (grund or "").strip()
    if not grund:
        raise _fehler(
            "grund",
            "§ 33 Abs. 4 JVG (R-33-1): Eine Korrektur nach dem Einreichen braucht einen Grund; sie bleibt im "
            "Verlauf sichtbar.",
            "grund_fehlt",
        )
    unbekannt = sorted(set(aenderungen) - set(INHALTSFELDER))
    if unbekannt:
        raise _fehler(
            "grund",
            f"R-33-1: Diese Angaben sind nicht korrigierbar: {', '.join(unbekannt)}.",
            "nicht_korrigierbar",
        )
    werte = {name: getattr(p, name) for name in INHALTSFELDER}
    werte.update(aenderungen)
    daten = ProtokollDaten(**werte)
    _grunddaten_pruefen(daten, timezone.now())
    neu = _normalisiert(daten)
    geaendert = [name for name in INHALTSFELDER if neu[name] != getattr(p, name)]
    if not geaendert:
        raise _fehler("grund", "R-33-1: Die Korrektur ändert nichts.", "keine_aenderung")
    for name in geaendert:
        setattr(p, name, neu[name])
    _vollstaendigkeit_pruefen(p, p.beteiligte.count())
    if p.status == S.GEPRUEFT:
        p.status = S.EINGEREICHT
        p.pruefaufgabe = _pruefaufgabe(p, timezone.now(), durch, erneut=True)
    return speichern(p, durch=durch, grund=f"{KORREKTUR_PRAEFIX}{grund}")


# --- The reminder job (R-33-1) --------------------------------------------------------------------


def _erinnerung(b: Beteiligung) -> Aufgabe:
    name = b.benutzer.get_full_name() or b.benutzer.username
    return Aufgabe(
        art=ZwangAufgabenart.ZWANG_STELLUNGNAHME,
        titel=f"Stellungnahme von {name} zum Zwangsprotokoll {b.protokoll.nummer} überfällig (§ 33 Abs. 4 JVG)"[
            :200
        ],
        beschreibung=f"Fällig war sie am {timezone.localtime(b.frist):%d.%m.%Y %H:%M}; nur {name} selbst kann "
        "sie abgeben.",
        fuer_rolle=b.benutzer.rolle,
        anstalt_id=b.protokoll.anstalt_id,
        fall_id=b.protokoll.fall_id,
        faellig_am=b.frist,
    )


def stellungnahmen_erinnern(
    *, jetzt: datetime | None = None, batch: int = 200, zeitbudget_s: float = 50
) -> int:
    """R-33-1: one ZWANG_STELLUNGNAHME task per overdue statement (strictly after its deadline).

    Pages by primary key, one transaction per batch with the rows locked (`skip_locked`: a statement
    being written now is left for the next run), an advisory lock on PostgreSQL so two sweeps never
    overlap, a constant number of queries per batch (one select, one insert of tasks and their history,
    one update of the statements and their history), stops at the time budget. Idempotent: the task is
    linked on the statement, a second run finds nothing. Actor: the system user "zwang-stellungnahmen".
    Returns the number of reminders created.
    """
    jetzt = jetzt or timezone.now()
    job = system_benutzer("zwang-stellungnahmen")

    def stapel(zeilen: list) -> None:
        aufgaben = bulk_create_with_history(
            [_erinnerung(b) for b in zeilen],
            Aufgabe,
            default_user=job,
            default_change_reason="Erinnerung: Stellungnahme überfällig (§ 33 Abs. 4 JVG)",
        )
        for b, aufgabe in zip(zeilen, aufgaben, strict=True):
            b.erinnerung_id = aufgabe.pk
        Beteiligung.objects.bulk_update(zeilen, ["erinnerung"])
        Beteiligung.history.bulk_history_create(
            zeilen,
            update=True,
            default_user=job,
            default_change_reason="Erinnerung erstellt (§ 33 Abs. 4 JVG)",
        )

    with jobs.sperre("zwang.stellungnahmen_erinnern") as frei:
        if not frei:
            log.info("R-33-1: anderer Lauf aktiv, übersprungen")
            return 0
        # Staff member and protocol are joined: lock the statement rows only.
        erstellt = jobs.stapelweise(
            stellungnahmen_erinnerung_faellig(jetzt).select_related("benutzer", "protokoll"),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )

    log.info("R-33-1: %d Erinnerungen für überfällige Stellungnahmen erstellt", erstellt)
    return erstellt


__all__ = [
    "INHALTSFELDER",
    "BeteiligungDaten",
    "ProtokollDaten",
    "Subsidiaritaet",
    "darf_erfassen",
    "darf_korrigieren",
    "darf_leiten",
    "darf_pruefen",
    "entwurf_aendern",
    "protokoll_einreichen",
    "protokoll_erfassen",
    "protokoll_korrigieren",
    "protokoll_pruefen",
    "stellungnahme_abgeben",
    "stellungnahme_frist",
    "stellungnahmen_erinnern",
    "zweck_felder",
]
