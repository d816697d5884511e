"""Sanctions (§ 41): which sanctions the law allows, their maxima and schedule (R-41-1/-2/-4), and their
execution from the Eröffnung (§ 44)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from disziplinar.domain._pruefen import _fehler, _ist_datum
from disziplinar.models import Disziplinarsanktion
from disziplinar.permissions import darf_sanktion_vollziehen
from disziplinar.recht import (
    ARREST_MAX_TAGE,
    EINSCHLUSS_MAX_TAGE,
    MIT_DAUER,
    PRIVAT_EINSCHLUSS_MAX_TAGE,
    PRIVAT_ZULAESSIG,
    Disziplinarsanktionsart,
    Sanktionsstatus,
    busse_max_chf,
    vollstreckungsverjaehrung,
    vollzugszeitraum,
)
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen
from verfuegungen import domain as vfg
from verfuegungen.recht import UEBERGAENGE, Verfuegungsstatus
from vollzug.models import Anstalt

A = Disziplinarsanktionsart

S = Verfuegungsstatus


# --- Sanctions (R-41-1, R-41-2) ------------------------------------------------------------------


@dataclass(frozen=True)
class SanktionDaten:
    art: str  # Disziplinarsanktionsart "a".."f"
    dauer_tage: int | None = None  # lit. e and f
    betrag_chf: Decimal | None = None  # lit. d, Decimal with at most two decimals
    beschreibung: str = ""  # lit. b: what is withdrawn
    vollzug_beginn: date | None = None  # lit. e/f: None = the day after notification
    vollzug_ende: date | None = None  # computed by the server; a contradicting value is refused


def _chf(betrag: Decimal) -> str:
    # de-CH: CHF 1'234.55
    return "CHF " + f"{betrag:,.2f}".replace(",", "'")


def sanktionen_pruefen(anstalt: Anstalt, sanktionen: list[SanktionDaten]) -> None:
    """R-41-1 and R-41-2 in ONE place: kinds, limits, combination, private facilities.

    Raises one ValidationError with every problem, keyed `sanktionen[i].<feld>` (or `sanktionen`).
    """
    if not sanktionen:
        raise _fehler(
            "sanktionen",
            "§ 41 Abs. 3 JVG (R-41-1): Mindestens eine Disziplinarsanktion angeben.",
            "sanktion_fehlt",
        )
    privat = anstalt.ist_privat
    if privat and not anstalt.disziplinarbefugnis_delegiert:
        raise _fehler(
            "sanktionen",
            f"§ 41 Abs. 2 JVG (R-41-2): Der privaten Einrichtung {anstalt.name} ist die Kompetenz, "
            "Disziplinarsanktionen auszufällen, nicht übertragen.",
            "nicht_delegiert",
        )
    maximum = busse_max_chf()
    fehler: dict[str, str] = {}
    gesehen: set[str] = set()
    for i, s in enumerate(sanktionen):

        def f(feld: str, meldung: str, i: int = i) -> None:
            fehler.setdefault(f"sanktionen[{i}].{feld}", meldung)

        if s.art not in A.values:
            f("art", "§ 41 Abs. 1 JVG (R-41-1): Unbekannte Disziplinarsanktion (lit. a–f).")
            continue
        art = A(s.art)
        if art in gesehen:
            f(
                "art",
                f"§ 41 Abs. 3 JVG (R-41-1): {art.label} ist bereits angegeben – jede Sanktionsart nur einmal "
                "je Verfügung (verschiedene Arten können verbunden werden).",
            )
        gesehen.add(art)
        if privat and art not in PRIVAT_ZULAESSIG:
            f(
                "art",
                f"§ 41 Abs. 2 JVG (R-41-2): Private Einrichtungen dürfen nur Sanktionen nach Abs. 1 lit. a–e "
                f"aussprechen, keinen {art.label} (lit. {art.value}).",
            )
            continue
        # Duration: lit. e and f only.
        tage = s.dauer_tage
        if art in MIT_DAUER:
            if isinstance(tage, bool) or not isinstance(tage, int) or tage < 1:
                f(
                    "dauer_tage",
                    f"{art.paragraph} (R-41-1): Dauer in ganzen Tagen angeben (mindestens 1 Tag).",
                )
            elif art == A.EINSCHLUSS and privat and tage > PRIVAT_EINSCHLUSS_MAX_TAGE:
                f(
                    "dauer_tage",
                    f"§ 41 Abs. 2 JVG (R-41-2): In privaten Einrichtungen Zellen- oder Zimmereinschluss "
                    f"höchstens {PRIVAT_EINSCHLUSS_MAX_TAGE} Tage.",
                )
            elif art == A.EINSCHLUSS and tage > EINSCHLUSS_MAX_TAGE:
                f(
                    "dauer_tage",
                    f"§ 41 Abs. 1 lit. e JVG (R-41-1): Zellen- oder Zimmereinschluss höchstens "
                    f"{EINSCHLUSS_MAX_TAGE} Tage.",
                )
            elif art == A.ARREST and tage > ARREST_MAX_TAGE:
                f("dauer_tage", f"§ 41 Abs. 1 lit. f JVG (R-41-1): Arrest höchstens {ARREST_MAX_TAGE} Tage.")
        elif tage is not None:
            f("dauer_tage", f"{art.paragraph} (R-41-1): Eine Dauer gibt es nur bei Einschluss und Arrest.")
        # Amount: lit. d only, Decimal, two decimals, 0 < amount <= configured maximum.
        betrag = s.betrag_chf
        if art == A.BUSSE:
            if not isinstance(betrag, Decimal) or not betrag.is_finite():
                f(
                    "betrag_chf",
                    "§ 41 Abs. 1 lit. d JVG (R-41-1): Betrag der Busse in Franken angeben (z. B. 150.00).",
                )
            elif betrag.as_tuple().exponent < -2:
                f(
                    "betrag_chf",
                    "§ 41 Abs. 1 lit. d JVG (R-41-1): Betrag höchstens auf Rappen genau (zwei Dezimalstellen).",
                )
            elif betrag <= 0:
                f("betrag_chf", "§ 41 Abs. 1 lit. d JVG (R-41-1): Die Busse muss grösser als CHF 0.00 sein.")
            elif betrag > maximum:
                f("betrag_chf", f"§ 41 Abs. 1 lit. d JVG (R-41-1): Busse höchstens {_chf(maximum)}.")
        elif betrag is not None:
            f("betrag_chf", f"{art.paragraph} (R-41-1): Einen Betrag gibt es nur bei der Busse (lit. d).")
        if art == A.ENTZUG and not (s.beschreibung or "").strip():
            f(
                "beschreibung",
                "§ 41 Abs. 1 lit. b JVG (R-41-1): Angeben, welche Erleichterung oder Bewilligung entzogen wird.",
            )
        if art not in MIT_DAUER and (s.vollzug_beginn is not None or s.vollzug_ende is not None):
            f(
                "vollzug_beginn",
                f"{art.paragraph} (R-41-1): Ein Vollzugszeitraum gibt es nur bei Einschluss und Arrest.",
            )
    if fehler:
        raise ValidationError(fehler)


def _zeitplan_pruefen(
    sanktionen: list[SanktionDaten], heute: date
) -> dict[int, tuple[date | None, date | None]]:
    """The server computes each schedule; a client's end that contradicts it is refused (R-0-BAD-1)."""
    plan: dict[int, tuple[date | None, date | None]] = {}
    fehler = {}
    for i, s in enumerate(sanktionen):
        if s.art not in MIT_DAUER:
            continue
        beginn = s.vollzug_beginn
        if beginn is not None and (not _ist_datum(beginn) or beginn < heute):
            fehler[f"sanktionen[{i}].vollzug_beginn"] = (
                f"{A(s.art).paragraph} (R-41-1): Der Vollzugsbeginn ist ein Datum ab heute."
            )
            continue
        if beginn is None:
            if s.vollzug_ende is not None:
                fehler[f"sanktionen[{i}].vollzug_ende"] = (
                    f"{A(s.art).paragraph} (R-41-1): Ohne Vollzugsbeginn beginnt der Vollzug am Tag nach der "
                    "Eröffnung; das Ende berechnet das System."
                )
            plan[i] = (None, None)
            continue
        beginn, ende = vollzugszeitraum(s.dauer_tage, beginn)
        if s.vollzug_ende is not None and s.vollzug_ende != ende:
            fehler[f"sanktionen[{i}].vollzug_ende"] = (
                f"{A(s.art).paragraph} (R-41-1): {s.dauer_tage} Tage ab {beginn:%d.%m.%Y} enden am "
                f"{ende:%d.%m.%Y} (das Ende berechnet das System)."
            )
        plan[i] = (beginn, ende)
    if fehler:
        raise ValidationError(fehler)
    return plan


# --- Execution (§ 44, R-41-1 lit. c, R-41-5b) ----------------------------------------------------


@transaction.atomic
def sanktion_vollziehen(*, sanktion: Disziplinarsanktion, durch) -> Disziplinarsanktion:
    """Record the execution of one sanction.

    Steps: lock; permission (management of the facility); still ordered and not time-barred
    (R-41-5b: six months after Rechtskraft); the decision is enforceable (§ 44: from Eröffnung unless
    the appeal instance granted suspensive effect); Einschluss/Arrest not before its start; lit. c
    moves the plan's stage through `vollzug.plan.stufe_zurueckversetzen` (refuses without plan or at
    the lowest stage); when every sanction of the decision is settled, the decision → vollzogen.
    """
    s = (
        Disziplinarsanktion.objects.select_for_update(of=("self",))
        .select_related("verfahren__rapport__fall", "verfuegung")
        .get(pk=sanktion.pk)
    )
    verfahren, verfuegung = s.verfahren, s.verfuegung
    # Issue 23: the facility where the person is placed now executes (after a transfer: the receiving one).
    berechtigung_pruefen(darf_sanktion_vollziehen(durch, verfahren), "Disziplinarsanktion vollziehen")
    heute = timezone.localdate()
    if s.status == Sanktionsstatus.VERJAEHRT or (
        verfuegung.rechtskraeftig_am is not None
        and vollstreckungsverjaehrung(verfuegung.rechtskraeftig_am).ende < heute
    ):
        raise _fehler(
            "status",
            "§ 41 Abs. 5 JVG (R-41-5b): Der Vollzug ist verjährt (sechs Monate nach der rechtskräftigen "
            "Verfügung).",
            "vollzug_verjaehrt",
        )
    if s.status == Sanktionsstatus.AUFGEHOBEN:
        raise _fehler(
            "status",
            "§ 44 JVG: Die Sanktion ist aufgehoben (Verfügung aufgehoben oder Beschwerde gutgeheissen).",
            "aufgehoben",
        )
    if s.status != Sanktionsstatus.ANGEORDNET:
        raise _fehler("status", "Diese Sanktion ist bereits vollzogen.", "schon_vollzogen")
    if not vfg.ist_vollstreckbar(verfuegung):
        raise _fehler(
            "status",
            "§ 44 JVG (R-0-VFG-4): Die Verfügung ist (noch) nicht vollstreckbar.",
            "nicht_vollstreckbar",
        )
    if s.vollzug_beginn is not None and heute < s.vollzug_beginn:
        raise _fehler(
            "status",
            f"{A(s.art).paragraph} (R-41-1): Der Vollzug beginnt erst am {s.vollzug_beginn:%d.%m.%Y}.",
            "vor_beginn",
        )
    if s.art == A.RUECKVERSETZUNG:
        from vollzug.domain import stufe_zurueckversetzen

        stufe_zurueckversetzen(
            fall=verfahren.rapport.fall,
            durch=durch,
            grund=f"§ 41 Abs. 1 lit. c JVG: Disziplinarverfügung {verfuegung.nummer}",
            quelle=s,
        )
    s.status = Sanktionsstatus.VOLLZOGEN
    s.vollzogen_am = timezone.now()
    speichern(s, durch=durch, grund=f"Vollzogen ({A(s.art).paragraph})")
    offen = verfuegung.disziplinarsanktionen.filter(status=Sanktionsstatus.ANGEORDNET).exists()
    if not offen and S.VOLLZOGEN in UEBERGAENGE[verfuegung.status]:
        vfg.als_vollzogen_markieren(verfuegung=verfuegung, durch=durch)
    return s
