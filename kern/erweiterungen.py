"""The one extension mechanism: how an app adds to pages, lists, jobs and lifecycles it does not own.

Every app has a `contributions.py` with a function `registrieren()`, called by its `AppConfig.ready()`;
that function is the only place where the app registers anything, and this module is the only place
that holds registrations. The owner of an extension point reads it here and never imports the
contributing app, so the layers stay one-way (docs/architektur.md).

    from kern import erweiterungen

    def registrieren() -> None:
        erweiterungen.startkarte(startkarten)                        # (user) -> list[Karte], constant queries
        erweiterungen.fallblock("app/_fall_block.html", fallblock)   # (fall, user) -> dict | None
        erweiterungen.personenblock("app/_person.html", f)           # (person, user) -> dict | None
        erweiterungen.zeitleiste(f)                                  # (person, user, fall) -> [Ereignis | Zeilen]
        erweiterungen.fristquelle("typ", "Bezeichnung")(quelle)      # (user, heute) -> Iterable[FristEintrag]
        erweiterungen.aufgabenarten(MeineAufgabenart, regeln={...})   # task kinds (Aufgabe.art) with rule IDs
        erweiterungen.aufgabenziel(f)                                # (aufgaben) -> {pk: url}, one query
        erweiterungen.personenpfad("app.modell", "fall__person")     # auditors' change log, by person
        erweiterungen.protokoll_verbergen("app.modell", felder, wenn) # fields the change log never shows
        erweiterungen.eroeffnung(typ, pruefen=f, danach=g)           # Verfügung type's Eröffnung rules
        erweiterungen.gegenstand_sichtbar("app.modell", f)           # (user) -> pks: Verfügungen on them visible
        erweiterungen.nach_beschwerde(typ, f)                        # (beschwerde, durch) after an appeal
        erweiterungen.nach_aufhebung(typ, f)                         # (Aufhebung) lifted / appeal upheld
        erweiterungen.nach_versetzung(f) / nach_austritt(f)          # effects of a transfer / end of stay
        erweiterungen.unterbrechungstage(f)                          # (fall) -> days the end moves by
        erweiterungen.nach_bedingter_entlassung(f)                   # (BedingteEntlassung, durch), same transaction
        erweiterungen.nicht_verbuesste_zeiten(f)                     # (fall) -> [strafzeit.Zeitraum]
        erweiterungen.ereignis_empfaenger(f)                         # domain events, after commit
        erweiterungen.nur_anfuegen("tabelle", "Meldung")             # append-only table (PostgreSQL trigger)
        erweiterungen.demo(demo_anlegen, reihenfolge=erweiterungen.DEMO_FACHMODUL)

Every registration is idempotent (ready() may run twice in tests).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

# --- Start page (arbeitskorb) --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Karte:
    zahl: int
    text: str  # German, with the §, e.g. "Sicherheitshaft: Antrag überfällig (§ 25 Abs. 2 JVG)"
    url: str
    warnung: bool = False  # shown highlighted (overdue / escalated)


STARTKARTEN: list[Callable] = []


def startkarte(funktion: Callable) -> Callable:
    if funktion not in STARTKARTEN:
        STARTKARTEN.append(funktion)
    return funktion


def karten_fuer(user) -> list[Karte]:
    return [karte for funktion in STARTKARTEN for karte in funktion(user)]


# --- Case page and person page (vollzug) ----------------------------------------------------------

FALLBLOECKE: list[tuple[str, Callable]] = []
PERSONENBLOECKE: list[tuple[str, Callable]] = []


def fallblock(template: str, funktion: Callable) -> Callable:
    if (template, funktion) not in FALLBLOECKE:
        FALLBLOECKE.append((template, funktion))
    return funktion


def personenblock(template: str, funktion: Callable) -> Callable:
    if (template, funktion) not in PERSONENBLOECKE:
        PERSONENBLOECKE.append((template, funktion))
    return funktion


def _bloecke(registriert, objekt, user) -> list[tuple[str, dict]]:
    bloecke = []
    for template, funktion in registriert:
        kontext = funktion(objekt, user)
        if kontext is not None:
            bloecke.append((template, kontext))
    return bloecke


def bloecke_fuer(fall, user) -> list[tuple[str, dict]]:
    """(template, context) of every registered case block that has something to show for this case."""
    return _bloecke(FALLBLOECKE, fall, user)


def personenbloecke_fuer(person, user) -> list[tuple[str, dict]]:
    """(template, context) of every registered person block that has something to show."""
    return _bloecke(PERSONENBLOECKE, person, user)


# --- A module's block on the person page: current items first, then a short history (issue 17) ---------
# A module builds `Dossierzeile`s from one query per kind (at most `DOSSIER_ZEILEN + 1` rows each, open
# ones first) and hands them to `dossierblock`; `kern/_dossierblock.html` renders every such block alike.

DOSSIER_ZEILEN = 15  # rows of one kind a block reads at most (the rest: "alle anzeigen")
DOSSIER_VERLAUF = 5  # closed items a block shows below the current ones


@dataclass(frozen=True, slots=True)
class Dossierzeile:
    text: str  # German, names the object, e.g. "Sicherheitsmassnahme SM-2026-00001: lit. c Absonderung …"
    url: str  # its detail page
    stand: str  # the state in plain German with the §, e.g. "aktiv (§ 31 Abs. 5 JVG)"
    zeitpunkt: datetime | date | None  # since when (request, order, start), for sorting and display
    offen: bool = False  # current: an active measure, an open request, a pending review
    frist: str = ""  # what is due or when it ends, e.g. "nächste Überprüfung 05.12.2026 14:00"
    warnung: str = ""  # a highlighted word, e.g. "überfällig"
    einrichtung: str = ""


def dossierblock(
    titel: str, anker: str, zeilen: list[Dossierzeile], *, mehr: bool = False, links=()
) -> dict | None:
    """The context of `kern/_dossierblock.html`, or None when there is nothing to show.

    `zeilen` of one or several kinds; the current ones (newest first) above, at most DOSSIER_VERLAUF
    closed ones below; `mehr` when a kind had more rows than read or history was cut; `links` are
    (text, url) of the module's lists filtered by the person.
    """
    if not zeilen:
        return None
    neueste = sorted(
        zeilen, key=lambda z: sortierschluessel(Ereignis(z.zeitpunkt or date.min, "")), reverse=True
    )
    aktuell = [z for z in neueste if z.offen]
    verlauf = [z for z in neueste if not z.offen]
    return {
        "titel": titel,
        "anker": anker,
        "aktuell": aktuell,
        "verlauf": verlauf[:DOSSIER_VERLAUF],
        "mehr": mehr or len(verlauf) > DOSSIER_VERLAUF,
        "links": list(links),
    }


# --- The dossier's timeline (case page and person page, vollzug) -----------------------------------


@dataclass(frozen=True, slots=True)
class Ereignis:
    zeitpunkt: datetime | date  # a date counts as the start of that day
    text: str  # German, names the object and the §, e.g. "Verfügung V-2026-00012 eröffnet (§ 44 JVG)"
    url: str = ""  # where the object is shown; empty when the user may not open it
    bereich: str = ""  # the module, e.g. "Verfügungen", shown as a small label


ZEITLEISTE: list[Callable] = []


@dataclass(frozen=True, slots=True)
class Zeile:
    """One row of a `Zeilen` query: its primary key, its moment and its values as text ("" for NULL)."""

    pk: int
    zeitpunkt: datetime | date
    werte: tuple[str, ...]

    def datum(self, i: int) -> date | None:
        return date.fromisoformat(self.werte[i][:10]) if self.werte[i] else None

    def moment(self, i: int) -> datetime | None:
        """A DateTimeField read as text (UTC, with or without offset), in local time."""
        from datetime import UTC

        from django.utils import timezone

        if not self.werte[i]:
            return None
        wert = datetime.fromisoformat(self.werte[i])
        return timezone.localtime(wert if wert.tzinfo else wert.replace(tzinfo=UTC))

    def zahl(self, i: int) -> int:
        return int(self.werte[i])

    def betrag(self, i: int):
        from decimal import Decimal

        return Decimal(self.werte[i])


ZEILEN_WERTE = 5  # values per row a source may read (as text), the same for every part of the UNION


@dataclass(frozen=True)
class Zeilen:
    """Rows a timeline source lets the timeline read together with every other source's rows, in ONE
    query (UNION ALL), instead of one query of its own per kind of row — the case page runs every
    source, and its query budget is constant (tests/vollzug/test_ui.py).

    `abfrage`: the rows the user may see (the module's `…_fuer_user` queryset, filtered); `zeit`: the field
    (or expression) of the moment, a DateTimeField — or a DateField with `tag=True`; `werte`: up to
    ZEILEN_WERTE fields or expressions, read as text; `ereignis`: turns one `Zeile` into its event."""

    abfrage: Any
    zeit: Any
    ereignis: Callable[[Zeile], Ereignis]
    werte: tuple = ()
    tag: bool = False


def zeitleiste(funktion: Callable) -> Callable:
    """Register a timeline source: `(person, user, fall=None) -> Iterable[Ereignis | Zeilen]`.

    A bounded number of queries per source whatever the number of events — `Zeilen` cost none of their
    own: the timeline reads those of all sources in one query; only what `user` may see (the same
    `…_fuer_user` querysets as the pages); with `fall` only the events of that case (where the module
    knows the case).
    """
    if funktion not in ZEITLEISTE:
        ZEITLEISTE.append(funktion)
    return funktion


def sortierschluessel(ereignis: Ereignis) -> datetime:
    zeitpunkt = ereignis.zeitpunkt
    if isinstance(zeitpunkt, datetime):
        return zeitpunkt.replace(tzinfo=None) if zeitpunkt.tzinfo is None else _lokal(zeitpunkt)
    return datetime(zeitpunkt.year, zeitpunkt.month, zeitpunkt.day)


def _lokal(zeitpunkt: datetime) -> datetime:
    from django.utils import timezone

    return timezone.localtime(zeitpunkt).replace(tzinfo=None)


def zeitleiste_fuer(person, user, fall=None) -> list[Ereignis]:
    """Every registered source's events, newest first (stable for equal times); the sources' `Zeilen`
    in one query."""
    eintraege = [e for funktion in ZEITLEISTE for e in funktion(person, user, fall)]
    return sorted(ereignisse_lesen(eintraege), key=sortierschluessel, reverse=True)


def ereignisse_lesen(eintraege: Iterable) -> list[Ereignis]:
    """The events of what timeline sources returned: the `Ereignis`se as they are, the `Zeilen` of all
    of them read in one query."""
    ereignisse, teile = [], []
    for eintrag in eintraege:
        (teile if isinstance(eintrag, Zeilen) else ereignisse).append(eintrag)
    return ereignisse + _zeilen_lesen(teile)


def _auswahl(nummer: int, teil: Zeilen):
    """One part of the UNION: the same columns for every part (types fixed by casts, so
    PostgreSQL unites them), no ordering (SQLite refuses it inside a compound SELECT)."""
    from django.db.models import DateField, DateTimeField, F, TextField, Value
    from django.db.models.functions import Cast

    def ausdruck(wert):
        return F(wert) if isinstance(wert, str) else wert

    zeit = ausdruck(teil.zeit)
    spalten = {
        "zl_quelle": Value(nummer),
        "zl_pk": F("pk"),
        "zl_zeit": Cast(Value(None), DateTimeField()) if teil.tag else zeit,
        "zl_tag": zeit if teil.tag else Cast(Value(None), DateField()),
    }
    for i in range(ZEILEN_WERTE):
        wert = ausdruck(teil.werte[i]) if i < len(teil.werte) else Value(None)
        spalten[f"zl_w{i}"] = Cast(wert, TextField())
    return teil.abfrage.order_by().annotate(**spalten).values_list(*spalten)


def _zeilen_lesen(teile: list[Zeilen]) -> list[Ereignis]:
    if not teile:
        return []
    if any(len(t.werte) > ZEILEN_WERTE for t in teile):
        raise ValueError(f"Zeilen: höchstens {ZEILEN_WERTE} Werte je Zeile.")
    erste, *weitere = [_auswahl(i, t) for i, t in enumerate(teile)]
    abfrage = erste.union(*weitere, all=True) if weitere else erste
    ereignisse = []
    for quelle, pk, zeit, tag, *werte in abfrage:
        zeile = Zeile(pk, zeit if zeit is not None else tag, tuple("" if w is None else w for w in werte))
        ereignisse.append(teile[quelle].ereignis(zeile))
    return ereignisse


# --- Deadline sources (fristenkontrolle, R-0-FRIST-4) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class FristEintrag:
    typ: str  # the registered key, e.g. "verfuegung_rechtsmittel"
    titel: str  # German, e.g. "Beschwerdefrist Verfügung V-2026-00012 (5 Tage, JSD)"
    faellig: datetime  # aware; a day deadline ends at 23:59:59 Europe/Zurich (kern.fristen.tagesende)
    url: str  # where the user acts on it; with `typ` and `faellig` it identifies the deadline (iCal UID),
    # so a source with several deadlines on one page adds a fragment ("/vollzug/faelle/7/#aufgabe-3")
    person_id: int | None = None
    person_name: str = ""
    anstalt_id: int | None = None
    anstalt_name: str = ""
    regel: str = ""  # rule ID, e.g. "R-0-VFG-2"
    # The one user who must act (e.g. the staff member whose § 33 statement is due), when the source
    # knows it: the Arbeitskorb shows the entry only to that user; others still see it as a deadline.
    zustaendig_id: int | None = None


# A source runs a constant number of queries (one, as a rule) and returns only what `user` may see.
Quelle = Callable[[object, date], Iterable[FristEintrag]]

QUELLEN: dict[str, tuple[str, Quelle]] = {}


def fristquelle(typ: str, bezeichnung: str) -> Callable[[Quelle], Quelle]:
    """Register a deadline source under `typ` (shown as `bezeichnung` in the type filter)."""

    def registrieren(funktion: Quelle) -> Quelle:
        if typ in QUELLEN and QUELLEN[typ][1] is not funktion:
            raise ValueError(f"Fristquelle {typ!r} ist bereits registriert.")
        QUELLEN[typ] = (bezeichnung, funktion)
        return funktion

    return registrieren


def fristquelle_entfernen(typ: str) -> None:
    """Remove a registered source (tests register dummies and remove them in teardown)."""
    QUELLEN.pop(typ, None)


def typ_bezeichnung(typ: str) -> str:
    """The German label of a registered type (the key itself for an unknown one)."""
    eintrag = QUELLEN.get(typ)
    return eintrag[0] if eintrag else typ


# --- Task kinds (kern.models.Aufgabe.art) ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Aufgabenart:
    wert: str
    bezeichnung: str
    regel: str = ""  # the rule the task serves, shown in the Fristenkontrolle's "Regel" column


AUFGABENARTEN: dict[str, Aufgabenart] = {}


def aufgabenarten(choices, *, regeln: dict[str, str] | None = None) -> None:
    """Register an app's task kinds: a TextChoices class of its own (values ≤ 40 characters, unique)."""
    for wert, bezeichnung in choices.choices:
        art = Aufgabenart(str(wert), str(bezeichnung), (regeln or {}).get(wert, ""))
        if wert in AUFGABENARTEN and AUFGABENARTEN[wert] != art:
            raise ValueError(f"Aufgabenart {wert!r} ist bereits anders registriert.")
        AUFGABENARTEN[str(wert)] = art


# `(aufgaben: list[Aufgabe]) -> dict[aufgabe_pk, url]`: where a task is acted on, when that is not the
# case page (e.g. "Antrag auf Zwangsmedikation entscheiden" → the request). One query per function.
AUFGABENZIELE: list[Callable] = []


def aufgabenziel(funktion: Callable) -> Callable:
    if funktion not in AUFGABENZIELE:
        AUFGABENZIELE.append(funktion)
    return funktion


def aufgabenziele_fuer(aufgaben: list) -> dict[int, str]:
    """The registered target page of each task that has one (constant queries: one per function)."""
    ziele: dict[int, str] = {}
    if aufgaben:
        for funktion in AUFGABENZIELE:
            ziele.update(funktion(aufgaben))
    return ziele


def aufgabenart_bezeichnung(wert: str) -> str:
    art = AUFGABENARTEN.get(wert)
    return art.bezeichnung if art else wert


def aufgabenart_regel(wert: str) -> str:
    art = AUFGABENARTEN.get(wert)
    return art.regel if art else ""


# --- The auditors' change log (protokoll, R-0-AUDIT-1/-2) -----------------------------------------

# History row → person. Key: the tracked model's label_lower; value: lookup path on its history model.
PERSONENPFADE: dict[str, str] = {}
# Apps whose history is not shown in the general change log (R-BM-3: the threat management keeps its
# own log for its team).
AUSGESCHLOSSENE_APPS: set[str] = set()


def personenpfad(modell_label: str, pfad: str) -> None:
    """Make a tracked model filterable by person in the change log and the subject access export."""
    PERSONENPFADE[modell_label.lower()] = pfad


def app_ausschliessen(app_label: str) -> None:
    """Leave an app's tracked models out of the auditors' general change log."""
    AUSGESCHLOSSENE_APPS.add(app_label)


# Fields of a tracked model that the auditors' change log (page and CSV) never shows for the history
# rows `wenn(row)` selects (issue 23: the text of §§ 36/39 decisions is health data, which the roles table
# hides from Revision). Key: label_lower; value: [(fields, wenn)]. `wenn(row)` reads only the row and its
# foreign keys (selected with it): no query per row. For such a row the change reason is shown only up to
# its first ":" (a reason like "Aufgehoben: …" may quote the free text).
VERBORGENE_FELDER: dict[str, list[tuple[frozenset[str], Callable]]] = {}


def protokoll_verbergen(modell_label: str, felder: Iterable[str], wenn: Callable) -> None:
    eintrag = (frozenset(felder), wenn)
    liste = VERBORGENE_FELDER.setdefault(modell_label.lower(), [])
    if all(e[1] is not wenn or e[0] != eintrag[0] for e in liste):
        liste.append(eintrag)


def verborgene_felder(modell_label: str, zeile) -> frozenset[str]:
    """The fields of `zeile` (a history row of `modell_label`) the change log must not show."""
    felder: set[str] = set()
    for namen, wenn in VERBORGENE_FELDER.get(modell_label.lower(), ()):
        if wenn(zeile):
            felder |= namen
    return frozenset(felder)


# --- Eröffnung of a Verfügung (verfuegungen, § 44 JVG) ---------------------------------------------

# Per Verfügung type: checks `(verfuegung, am, muendlich_am)` that may refuse the Eröffnung with a
# ValidationError, and consequences `(verfuegung, durch)` run in the same transaction after it.
EROEFFNUNG_PRUEFUNGEN: dict[str, list[Callable]] = {}
EROEFFNUNG_FOLGEN: dict[str, list[Callable]] = {}


def eroeffnung(typ: str, *, pruefen: Callable | None = None, danach: Callable | None = None) -> None:
    if pruefen is not None and pruefen not in EROEFFNUNG_PRUEFUNGEN.setdefault(typ, []):
        EROEFFNUNG_PRUEFUNGEN[typ].append(pruefen)
    if danach is not None and danach not in EROEFFNUNG_FOLGEN.setdefault(typ, []):
        EROEFFNUNG_FOLGEN[typ].append(danach)


# Per model label ("app.modell") of a Verfügung's `gegenstand`: `(user) -> QuerySet of pks | None`, the
# objects whose Verfügung `user` may see and decide although they no longer see the person (issue 23:
# the facility where an offence happened finishes its open disciplinary proceeding after a transfer).
GEGENSTAND_SICHTBAR: dict[str, Callable] = {}


def gegenstand_sichtbar(modell_label: str, funktion: Callable) -> Callable:
    GEGENSTAND_SICHTBAR[modell_label.lower()] = funktion
    return funktion


def eroeffnung_pruefungen(typ: str) -> list[Callable]:
    return list(EROEFFNUNG_PRUEFUNGEN.get(typ, ()))


def eroeffnung_folgen(typ: str) -> list[Callable]:
    return list(EROEFFNUNG_FOLGEN.get(typ, ()))


# Per Verfügung type: consequences `(beschwerde, durch)` of a recorded appeal, same transaction
# (§ 43 Abs. 3 JVG: the Staatsanwaltschaft is invited to comment on some appeals). A consequence
# looks at `beschwerde.verfuegung` and returns without effect for decisions that are not its own.
BESCHWERDE_FOLGEN: dict[str, list[Callable]] = {}


def nach_beschwerde(typ: str, funktion: Callable) -> Callable:
    if funktion not in BESCHWERDE_FOLGEN.setdefault(typ, []):
        BESCHWERDE_FOLGEN[typ].append(funktion)
    return funktion


def beschwerde_folgen(typ: str) -> list[Callable]:
    return list(BESCHWERDE_FOLGEN.get(typ, ()))


# --- End of what a Verfügung ordered (verfuegungen, issue 23) ---------------------------------------

# Per Verfügung type: `(aufhebung: Aufhebung) -> None`, run in the same transaction when a decision that
# was in force (notified or later) is lifted (→ aufgehoben) or an appeal against it succeeds (gutgeheissen,
# teilweise gutgeheissen). Every module that executes what a decision ordered registers here and ends it
# with `aufhebung.grund` and `aufhebung.am` (history with `aufhebung.durch`, change reason
# `aufhebung.anlass`: it holds no free text, so no health text reaches the change log). Idempotent: a module that
# lifted the decision itself (its object already ended) returns without effect.


@dataclass(frozen=True, slots=True)
class Aufhebung:
    verfuegung: object  # verfuegungen.models.Verfuegung (locked, already in its new state)
    durch: object  # the actor of the lifting / of recording the appeal decision
    am: datetime  # when the order ends: the moment it was recorded (aware)
    anlass: str  # German, without free text: the decision, lifted / appeal upheld, and the date (≤ 100)
    grund: str  # `anlass` plus the free-text reason of the lifting (for the module's reason field)


AUFHEBUNG_FOLGEN: dict[str, list[Callable]] = {}


def nach_aufhebung(typ: str, funktion: Callable) -> Callable:
    if funktion not in AUFHEBUNG_FOLGEN.setdefault(typ, []):
        AUFHEBUNG_FOLGEN[typ].append(funktion)
    return funktion


def aufhebung_folgen(typ: str) -> list[Callable]:
    return list(AUFHEBUNG_FOLGEN.get(typ, ()))


# --- Effects of the case core's placements (vollzug) ----------------------------------------------

# `(neue_platzierung, durch)` after every transfer; `(beendete_platzierung, durch, anlass)` when a stay
# ends without a transfer (definitive release, § 14 interruption). Same transaction as the write.
NACH_VERSETZUNG: list[Callable] = []
NACH_AUSTRITT: list[Callable] = []
# `(fall) -> int`: days by which the expected end of execution moves (R-14-1: ended interruptions).
UNTERBRECHUNGSTAGE: list[Callable] = []


def nach_versetzung(funktion: Callable) -> Callable:
    if funktion not in NACH_VERSETZUNG:
        NACH_VERSETZUNG.append(funktion)
    return funktion


def nach_austritt(funktion: Callable) -> Callable:
    if funktion not in NACH_AUSTRITT:
        NACH_AUSTRITT.append(funktion)
    return funktion


def unterbrechungstage(funktion: Callable) -> Callable:
    if funktion not in UNTERBRECHUNGSTAGE:
        UNTERBRECHUNGSTAGE.append(funktion)
    return funktion


# `(fall) -> Iterable[kern.strafzeit.Zeitraum]`: ended periods in which the sentence was not served
# (§ 14 interruptions, § 32 absences without leave), read by the Strafzeitberechnung (R-VD-1). Each
# source runs a constant number of queries per case.
NICHT_VERBUESSTE_ZEITEN: list[Callable] = []


def nicht_verbuesste_zeiten(funktion: Callable) -> Callable:
    if funktion not in NICHT_VERBUESSTE_ZEITEN:
        NICHT_VERBUESSTE_ZEITEN.append(funktion)
    return funktion


def nicht_verbuesste_zeiten_fuer(fall) -> list:
    """Every registered source's periods for `fall`, sorted by start (kern.strafzeit merges overlaps)."""
    return sorted(
        (zeitraum for funktion in NICHT_VERBUESSTE_ZEITEN for zeitraum in funktion(fall)),
        key=lambda z: (z.von, z.bis, z.grund),
    )


# --- Domain events (kern.ereignisse) and append-only tables (kern.nur_anfuegen) --------------------

EREIGNIS_EMPFAENGER: list[Callable] = []
NUR_ANFUEGEN: dict[str, str] = {}  # table → German message of the refusal


def ereignis_empfaenger(funktion: Callable) -> Callable:
    """Receive every domain event after the commit of the transaction that reported it."""
    if funktion not in EREIGNIS_EMPFAENGER:
        EREIGNIS_EMPFAENGER.append(funktion)
    return funktion


def nur_anfuegen(tabelle: str, meldung: str) -> None:
    """Declare a table append-only: on PostgreSQL a trigger refuses UPDATE and DELETE (after migrate)."""
    NUR_ANFUEGEN[tabelle] = meldung


# --- Legal destructions after a restore (betrieb: `manage.py vernichtungen_nachholen`) -------------

# A restored backup may hold objects that were legally destroyed after it was taken (§ 29 Abs. 2:
# recordings after 100 days; § 27 Abs. 3: ED material). Each app with such a destruction log exports it
# (content-free entries) and destroys again what the entries name, through its own deletion function.
VERNICHTUNGSLOGS: dict[str, tuple[Callable, Callable]] = {}


def vernichtungslog(art: str, *, exportieren: Callable, nachholen: Callable) -> None:
    """`exportieren() -> Iterable[dict]`: JSON-ready entries of the app's destruction log, each with
    "art" = `art`; `nachholen(eintraege: list[dict]) -> int`: destroy again every object the entries name
    that exists (again) in this database, with a new destruction record; returns how many."""
    VERNICHTUNGSLOGS[art] = (exportieren, nachholen)


# --- Demo data (`manage.py demo_daten`, `make run`) ------------------------------------------------

# The documented order: the case core first (facilities, users, persons, cases, Vollzugspläne), then
# the lifecycle-heavy features that later ones build on, then every other feature app. Within one rank
# the order of INSTALLED_APPS holds.
DEMO_FALLKERN = 0
DEMO_VERFAHREN = 10  # § 14 requests, disciplinary reports, threat reports
DEMO_FACHMODUL = 50

DEMOS: list[tuple[int, Callable]] = []
DEMO_AKTEUR = "demo-daten"  # the system user that is the actor of the case core's demo writes
DEMO_PASSWORT = "Luzern-Demo-2026"  # of every demo login (README)


def demo(funktion: Callable, *, reihenfolge: int = DEMO_FACHMODUL) -> Callable:
    """`funktion(benutzer: dict[str, Benutzer], heute: date)`: create this app's demo data through its
    domain functions (so the demo has the same history as real use)."""
    if all(f is not funktion for _rang, f in DEMOS):
        DEMOS.append((reihenfolge, funktion))
    return funktion


def demos() -> list[Callable]:
    """The registered demo functions in the documented order (stable within a rank)."""
    return [f for _rang, f in sorted(DEMOS, key=lambda eintrag: eintrag[0])]


# --- Conditional release → probation file (Art. 87 Abs. 2 StGB, § 19 JVG) ----------------------------


@dataclass(frozen=True, slots=True)
class BedingteEntlassung:
    """What the conditional-release procedure hands on after the release (self-contained, no model)."""

    person_id: int
    fall_id: int
    entlassen_am: date  # the day of release = start of the Probezeit
    probezeit_jahre: int
    bewaehrungshilfe: bool
    weisungen: tuple[str, ...]  # one Weisung per entry (Art. 87 Abs. 2, 94 StGB)
    entscheid: str  # number of the Verfügung that granted the release


# `(entlassung: BedingteEntlassung, durch) -> None`, called inside the release transaction so a failing
# receiver rolls the release back (no release without its probation file).
NACH_BEDINGTER_ENTLASSUNG: list[Callable] = []


def nach_bedingter_entlassung(funktion: Callable) -> Callable:
    if funktion not in NACH_BEDINGTER_ENTLASSUNG:
        NACH_BEDINGTER_ENTLASSUNG.append(funktion)
    return funktion
