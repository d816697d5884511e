"""Strafzeitberechnung (R-VD-1) — beside the deadline calendar (`kern/fristen.py`), and like it pure:
no Django models, no database, only the standard library. Every date comes with the counting method
(`METHODE`) and a German explanation, so a stored calculation says how it was reached.

Why in the kernel: the dates of a sentence are needed by more than one feature app (conditional
release, § 16 forms of execution, Inkasso converting fines into Ersatzfreiheitsstrafe); a feature app
must not import another, so the one counting convention sits below all of them.

Counting convention (followed everywhere; a change gets a new `METHODE` id, stored calculations keep
theirs):

1. **Days and calendar** — Art. 110 Abs. 6 StGB: "Der Tag hat 24 aufeinander folgende Stunden. Der
   Monat und das Jahr werden nach der Kalenderzeit berechnet." Years and months of a sentence are
   therefore counted on the calendar *from the day execution begins* (same day number of the target
   month, else its last day — as `kern.fristen._plus_monate`); days are added as days. Several
   sentences executed together are added up first (months with months, days with days) and counted
   as one duration from the start (total duration; Art. 86 applies to it as a whole).
2. **The day of entry counts** as the first day served; a portion of n days is complete at the end of
   day `beginn + n − 1`. Twelve months from 01.01.2026 end on 31.12.2026; this is the day of release.
3. **Fractions of a day round up**: Art. 86 Abs. 1 requires two thirds *served* ("verbüsst hat"), so
   half and two thirds are `ceil(D/2)` and `ceil(2·D/3)` days of the total D; a release is never early
   by a fraction of a day.
4. **Credit** (Art. 51 StGB: pre-trial and security detention, as stated in the judgment — entered,
   never guessed) and **days served elsewhere** (another canton, Rechtshilfe, § 2 Abs. 1 lit. c JVG)
   count as served before the start: they shorten every date by their number of days; a portion they
   cover entirely was reached before the start (a date before `beginn`).
5. **Periods not served** (§ 14 JVG interruptions, § 32 JVG absences without leave, § 51 JVG
   suspensions pending a pardon) are half-open
   `[von, bis)`: the day of leaving is not served, the day of return is. Each such period that begins
   on or before a date moves it by its length (in start order, so a later period that the shift
   reaches moves it too); overlapping periods count once. Only ended periods are passed in: while a
   person is absent the dates do not yet include the absence (the case status shows it); the return
   creates a new version.
6. **Minimum of three months** (Art. 86 Abs. 1 and 4): three calendar months from the start, as a
   number of days; a sentence shorter than that has no conditional release.
7. **Lifelong** (Art. 86 Abs. 5): 15 years, exceptionally 10, on the calendar from the start; no end.
8. **Ersatzfreiheitsstrafe** (Art. 36 StGB) is added to the end, but not to the base of half and two
   thirds: conditional release (Art. 86) concerns the Freiheitsstrafe; the substitute for an unpaid
   fine is served in full (it ends sooner only by payment, Art. 36 Abs. 2).

9. **Several sentences of one case** are executed one after another in the order given (the judgments'
   Rechtskraft, then entry; Ersatzfreiheitsstrafen last), without a gap, and for half and two thirds
   they count as one total ("Gesamtdauer"): a sentence added later is added to the total counted from
   the original start, so the case gets a new version with every date moved (never earlier). The
   result lists each sentence's own period (`vollzugsfolge`), the k-th ending on the day the first k
   sentences' cumulative calendar duration is served (the last ends on the end of the sentence).

Sources consulted (stored public pages found with the project's search; titles and addresses):

- Art. 86 StGB in force (lawbrary.ch, "Art. 86 Bedingte Entlassung. a. Gewährung",
  https://lawbrary.ch/law/art/STGB-v2025.01-de-art-86): two thirds / half, "mindestens aber drei Monate
  verbüsst"; 15 and 10 years for lifelong — conventions 3, 6 and 7.
- Schweizerisches Kompetenzzentrum für den Justizvollzug (SKJV), Glossar "Bedingte Entlassung"
  (https://www.skjv.ch/de/unsere-dienstleistungen/glossar/b): the authority examines ex officio "zum
  Zeitpunkt des 2/3-Termins (bei kürzeren Freiheitsstrafen nach mind. drei Monaten)" — the two-thirds
  date is a calendar day, examined before it (R-STGB-86-2).
- Kanton Graubünden, Amt für Justizvollzug, "Bedingte Entlassung" (https://gr.ch/DE/institutionen/
  verwaltung/djsg/ajv/vollzugsdienste/Themen/Seiten/Bedingt.aspx) and Kanton Solothurn, Amt für
  Justizvollzug, "Bedingte Entlassung" (https://so.ch/verwaltung/departement-des-innern/amt-fuer-
  justizvollzug/strafen-und-massnahmen/wiedereingliederung/bedingte-entlassung): the same fractions and
  minimum as cantonal practice.
- BGE 145 IV 65 (6B_691/2018, 19.12.2018), E. 2.8.2, as summarised by strafprozess.ch ("Grundsatzentscheid
  zur Fünfjahresfrist nach Art. 59 Abs. 4 StGB", https://www.strafprozess.ch/grundsatzentscheid-zur-
  fuenfjahresfrist-nach-art-59-abs-4-stgb/): a five-year period from the decision of 28.06.2013 "endete
  daher am 27.06.2018" — the first day counts and a calendar period ends the day before the same date
  (conventions 1 and 2; the same in `vollzugsdaten.domain.massnahmen.hoechstdauer_ende`).

Not found: no concordat guideline on the Strafzeitberechnung itself (neither the Nordwest- und
Innerschweizer Konkordat, to which Lucerne belongs, nor the Ostschweizer Konkordat: only their portraits
and agreements are stored), and no published Swiss text on rounding a fraction of a day or on the order
of several sentences (the text of Art. 4 V-StGB-MStG could not be consulted). Conventions 3, 8 and 9 are
therefore our reading: rounding *up* because Art. 86 Abs. 1 asks for two thirds *served* (rounding down
would release a fraction of a day early); the Ersatzfreiheitsstrafe last because it ends by payment at any
time (Art. 36 Abs. 2); sentences added up because a conditional release frees the person from the whole
execution, not from one judgment. (German practice, § 37 StVollstrO, computes each sentence separately
and interrupts at two thirds — not followed; it is not Swiss law.) Check these three against the
concordat's guideline before productive use; a change gets a new `METHODE`. Worked examples:
tests/kern/test_strafzeit.py.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

METHODE = "strafzeit_art110_v1"
MAX_JAHRE = 60  # no sentence of the StGB is longer (lifelong is its own flag); bounds every input
MAX_TAGE = 40_000


@dataclass(frozen=True, slots=True)
class Strafe:
    jahre: int = 0
    monate: int = 0
    tage: int = 0
    lebenslang: bool = False
    ersatz: bool = False  # Ersatzfreiheitsstrafe (Art. 36 StGB)
    bezeichnung: str = ""


@dataclass(frozen=True, slots=True)
class Zeitraum:
    """Not served: [von, bis) — left on `von`, back on `bis`."""

    von: date
    bis: date
    grund: str = ""


@dataclass(frozen=True, slots=True)
class Eingaben:
    beginn: date
    strafen: tuple[Strafe, ...]
    angerechnet_tage: int = 0  # Art. 51 StGB
    anderswo_tage: int = 0  # § 2 Abs. 1 lit. c JVG
    nicht_verbuesst: tuple[Zeitraum, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Datum:
    datum: date
    methode: str
    erklaerung: str


@dataclass(frozen=True, slots=True)
class Abschnitt:
    """One sentence's own period in the order of execution (convention 9): served `von`–`bis`."""

    bezeichnung: str
    von: date
    bis: date
    ersatz: bool = False


@dataclass(frozen=True, slots=True)
class Ergebnis:
    methode: str
    gesamttage: int | None  # of the sentences with a conditional release (without Ersatz)
    ende: Datum | None
    haelfte: Datum | None
    zwei_drittel: Datum | None
    bedingte_entlassung: Datum | None  # Art. 86 Abs. 1
    bedingte_entlassung_ausnahme: Datum | None  # Art. 86 Abs. 4 (half) or Abs. 5 (10 years)
    hinweise: tuple[str, ...] = ()
    vollzugsfolge: tuple[Abschnitt, ...] = ()

    def als_dict(self) -> dict:
        def d(wert: Datum | None):
            return None if wert is None else {**asdict(wert), "datum": wert.datum.isoformat()}

        return {
            "methode": self.methode,
            "gesamttage": self.gesamttage,
            "ende": d(self.ende),
            "haelfte": d(self.haelfte),
            "zwei_drittel": d(self.zwei_drittel),
            "bedingte_entlassung": d(self.bedingte_entlassung),
            "bedingte_entlassung_ausnahme": d(self.bedingte_entlassung_ausnahme),
            "hinweise": list(self.hinweise),
            "vollzugsfolge": [
                {**asdict(a), "von": a.von.isoformat(), "bis": a.bis.isoformat()} for a in self.vollzugsfolge
            ],
        }


class Eingabefehler(ValueError):
    """A bad input, with a German message naming the provision."""


def plus_monate(tag: date, monate: int) -> date:
    # Art. 110 Abs. 6 StGB (calendar); same day number, else the last day of the target month.
    index = tag.year * 12 + (tag.month - 1) + monate
    jahr, monat = divmod(index, 12)
    monat += 1
    return date(jahr, monat, min(tag.day, calendar.monthrange(jahr, monat)[1]))


def _pruefen(e: Eingaben) -> None:
    for name, wert in (("angerechnet_tage", e.angerechnet_tage), ("anderswo_tage", e.anderswo_tage)):
        if isinstance(wert, bool) or not isinstance(wert, int) or not 0 <= wert <= MAX_TAGE:
            raise Eingabefehler(f"{name}: ganze Zahl von 0 bis {MAX_TAGE} Tagen (Art. 51 StGB).")
    for s in e.strafen:
        if not (0 <= s.jahre <= MAX_JAHRE and 0 <= s.monate < 12 and 0 <= s.tage <= MAX_TAGE):
            raise Eingabefehler("Strafdauer ungültig: Jahre 0–60, Monate 0–11, Tage ≥ 0 (Art. 40 StGB).")
    for z in e.nicht_verbuesst:
        if z.bis < z.von:
            raise Eingabefehler("Ein nicht verbüsster Zeitraum endet vor seinem Beginn (§§ 14, 32 JVG).")


def _zeitraeume(e: Eingaben) -> list[tuple[date, date]]:
    """Merged, sorted periods not served, clipped to the start of execution."""
    liste = sorted((max(z.von, e.beginn), z.bis) for z in e.nicht_verbuesst if z.bis > e.beginn)
    zusammen: list[list[date]] = []
    for von, bis in liste:
        if von >= bis:
            continue
        if zusammen and von <= zusammen[-1][1]:
            zusammen[-1][1] = max(zusammen[-1][1], bis)
        else:
            zusammen.append([von, bis])
    return [(von, bis) for von, bis in zusammen]


def _stichtag(e: Eingaben, tage: int, text: str) -> Datum:
    """The day on which `tage` days (credit included) are served (conventions 2, 4, 5)."""
    gutschrift = e.angerechnet_tage + e.anderswo_tage
    noch = tage - gutschrift
    tag = e.beginn + timedelta(days=noch - 1)
    teile = [text]
    if gutschrift:
        teile.append(f"abzüglich {gutschrift} angerechneter Tage (Art. 51 StGB)")
    if noch <= 0:
        teile.append("bereits vor dem Vollzugsbeginn erreicht")
        return Datum(tag, METHODE, "; ".join(teile))
    verschoben = 0
    for von, bis in _zeitraeume(e):
        if von <= tag:
            tag += bis - von
            verschoben += (bis - von).days
    if verschoben:
        teile.append(f"zuzüglich {verschoben} nicht verbüsster Tage (§§ 14, 32 JVG)")
    return Datum(tag, METHODE, "; ".join(teile))


def _dauer_tage(beginn: date, strafen) -> int:
    monate = sum(12 * s.jahre + s.monate for s in strafen)
    tage = sum(s.tage for s in strafen)
    return (plus_monate(beginn, monate) - beginn).days + tage


def _vollzugsfolge(e: Eingaben, reihenfolge: list[Strafe]) -> tuple[Abschnitt, ...]:
    """Convention 9: each sentence's period, one after another, on the served-days axis."""
    liste, bisher = [], 0
    for k, s in enumerate(reihenfolge):
        bis_tage = _dauer_tage(e.beginn, reihenfolge[: k + 1])
        if bis_tage <= bisher:
            continue
        von = _stichtag(e, bisher + 1, "").datum
        bis = _stichtag(e, bis_tage, "").datum
        liste.append(Abschnitt(s.bezeichnung or f"Strafe {k + 1}", von, bis, s.ersatz))
        bisher = bis_tage
    return tuple(liste)


def berechnen(e: Eingaben) -> Ergebnis:
    """End, half, two thirds and earliest conditional release of the case (R-VD-1, R-STGB-86-1/-4/-5)."""
    _pruefen(e)
    hinweise: list[str] = []
    if any(s.lebenslang for s in e.strafen):
        # R-STGB-86-5: 15 years, exceptionally 10 (Art. 86 Abs. 5 StGB); no end of sentence.
        n15 = (plus_monate(e.beginn, 15 * 12) - e.beginn).days
        n10 = (plus_monate(e.beginn, 10 * 12) - e.beginn).days
        return Ergebnis(
            methode=METHODE,
            gesamttage=None,
            ende=None,
            haelfte=None,
            zwei_drittel=None,
            bedingte_entlassung=_stichtag(e, n15, "15 Jahre (Art. 86 Abs. 5 StGB)"),
            bedingte_entlassung_ausnahme=_stichtag(e, n10, "ausnahmsweise 10 Jahre (Art. 86 Abs. 5 StGB)"),
            hinweise=("Lebenslängliche Freiheitsstrafe: kein Strafende.",),
        )
    regulaer = [s for s in e.strafen if not s.ersatz]
    ersatz = [s for s in e.strafen if s.ersatz]
    d_alle = _dauer_tage(e.beginn, e.strafen)
    if d_alle <= 0:
        return Ergebnis(METHODE, None, None, None, None, None, None, ("Keine Freiheitsstrafe zu berechnen.",))
    ende = _stichtag(e, d_alle, f"{d_alle} Tage Strafdauer (Art. 110 Abs. 6 StGB)")
    folge = _vollzugsfolge(e, regulaer + ersatz)
    d = _dauer_tage(e.beginn, regulaer)
    if ersatz:
        hinweise.append("Ersatzfreiheitsstrafe am Ende angefügt, ohne bedingte Entlassung (Art. 36 StGB).")
    if len(regulaer) > 1:
        hinweise.append(
            f"{len(regulaer)} Freiheitsstrafen nacheinander vollzogen; Hälfte und zwei Drittel aus der "
            "Gesamtdauer (Art. 86 StGB)."
        )
    if d <= 0:
        return Ergebnis(METHODE, 0, ende, None, None, None, None, tuple(hinweise), folge)
    n_halb = math.ceil(d / 2)
    n_zwei = math.ceil(2 * d / 3)
    n_min = (plus_monate(e.beginn, 3) - e.beginn).days
    haelfte = _stichtag(e, n_halb, f"Hälfte von {d} Tagen = {n_halb} Tage (aufgerundet)")
    zwei = _stichtag(e, n_zwei, f"zwei Drittel von {d} Tagen = {n_zwei} Tage (aufgerundet)")
    if d < n_min:
        hinweise.append("Strafe kürzer als drei Monate: keine bedingte Entlassung (Art. 86 Abs. 1 StGB).")
        return Ergebnis(METHODE, d, ende, haelfte, zwei, None, None, tuple(hinweise), folge)
    regel = _stichtag(e, max(n_zwei, n_min), "zwei Drittel, mindestens drei Monate (Art. 86 Abs. 1 StGB)")
    ausnahme = _stichtag(e, max(n_halb, n_min), "Hälfte, mindestens drei Monate (Art. 86 Abs. 4 StGB)")
    return Ergebnis(METHODE, d, ende, haelfte, zwei, regel, ausnahme, tuple(hinweise), folge)


def eingaben_als_dict(e: Eingaben) -> dict:
    return {
        "methode": METHODE,
        "beginn": e.beginn.isoformat(),
        "strafen": [asdict(s) for s in e.strafen],
        "angerechnet_tage": e.angerechnet_tage,
        "anderswo_tage": e.anderswo_tage,
        "nicht_verbuesst": [
            {"von": z.von.isoformat(), "bis": z.bis.isoformat(), "grund": z.grund} for z in e.nicht_verbuesst
        ],
    }


def fingerabdruck(e: Eingaben) -> str:
    """SHA-256 of the canonical inputs and the method: differs exactly when a recalculation is due."""
    roh = json.dumps(eingaben_als_dict(e), sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(roh.encode()).hexdigest()
